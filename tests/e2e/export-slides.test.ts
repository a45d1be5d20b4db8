import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slidesInVariant, variantLengths } from '../../core/talk/deck'
import { exportSlides } from '../../kit/export-slides'
import { loadDeck } from '../../room/deck-file'
import { readPdfText } from '../support/pdf'

type PdfTask = ReturnType<typeof getDocument>
type PdfDocument = Awaited<PdfTask['promise']>

const deck = loadDeck()
const TITLE = deck.headmatter.title as string
/** The shortest length the deck runs: the quickest export. */
const LENGTH = Math.min(...variantLengths(deck.talk))

describe(`slides export with the system Chromium, no room address given (${LENGTH} minutes)`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-'))
  const output = join(dir, 'slides.pdf')
  let text: Awaited<ReturnType<typeof readPdfText>>
  let task: PdfTask
  let pdf: PdfDocument
  const progress: string[] = []

  beforeAll(async () => {
    await exportSlides({ output, variant: LENGTH, pdfInfo: { title: TITLE, talk: deck.talk, variant: LENGTH }, onProgress: step => progress.push(step) })
    text = await readPdfText(output)
    task = getDocument({ data: new Uint8Array(readFileSync(output)), useSystemFonts: false })
    pdf = await task.promise
  })
  afterAll(async () => {
    await task?.destroy()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes one page per slide of the variant, each with text on it', () => {
    expect(text.numPages).toBe(slidesInVariant(deck.talk, LENGTH).length)
    text.pages.forEach((page, i) => expect(page.trim().length, `page ${i + 1}`).toBeGreaterThan(10))
  })

  it('prints no loopback address anywhere; the join slide says where the link will appear', () => {
    text.pages.forEach((page, i) => expect(page, `page ${i + 1}`).not.toMatch(/127\.0\.0\.1|localhost|\[::1\]/i))
    const join = text.pages.findIndex(page => page.includes('Join the room'))
    expect(join).toBeGreaterThanOrEqual(0)
    expect(text.pages[join]).toContain('The join link and QR code appear here when the room is running.')
  })

  it('extracts letter-spaced kickers as words, not spaced-out letters', () => {
    expect(text.text).toContain('LIVE POLL')
    expect(text.text).not.toMatch(/\b(?:[A-Z] ){3,}/)
  })

  it('has the deck\'s title, its language and one bookmark per section, each opening its slides', async () => {
    const { info } = await pdf.getMetadata() as { info: { Title?: string, Language?: string } }
    expect(info.Title).toBe(`${TITLE} · Slides (${LENGTH} min)`)
    expect(info.Language).toBe('en-GB')
    const outline = await pdf.getOutline()
    const slides = slidesInVariant(deck.talk, LENGTH)
    const expected = deck.talk.sections.filter(section => slides.some(slide => slide.section === section.id))
    expect(outline.map(item => item.title)).toEqual(expected.map(section => section.title))
    for (const [i, item] of outline.entries()) {
      const held = slides.filter(slide => slide.section === expected[i]!.id)
      expect(item.items.map(child => child.title), item.title).toEqual(held.map(slide => slide.label))
      const page = await pdf.getPageIndex((item.dest as [never])[0])
      expect(slides[page]!.section, item.title).toBe(expected[i]!.id)
    }
  })

  it('sets the join slide\'s text at 24 px or more for a 1280x720 projector', async () => {
    const join = text.pages.findIndex(page => page.includes('Join the room'))
    const page = await pdf.getPage(join + 1)
    const scale = 1280 / page.getViewport({ scale: 1 }).width
    const items = (await page.getTextContent()).items.flatMap(item => 'str' in item && item.str.trim() ? [item] : [])
    expect(items.length).toBeGreaterThan(3)
    for (const item of items)
      expect(Math.hypot(item.transform[0], item.transform[1]) * scale, item.str).toBeGreaterThanOrEqual(24)
  })

  it('reports its progress in a few words, none of Slidev\'s own lines', () => {
    expect(progress[0]).toBe('starting Slidev')
    expect(progress).toContain('saving the PDF')
    expect(progress.join('\n')).not.toMatch(/vite|Slidev {2}v|exporter instead|secret/i)
  })
})
