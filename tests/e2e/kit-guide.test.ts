import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCues } from '../../core/talk/cues'
import { bufferMinutes, minutesIn, slidesInVariant, variantLengths } from '../../core/talk/deck'
import { citedStudies } from '../../core/talk/evidence'
import { deckSlides } from '../../kit/content/deck'
import { exportKit } from '../../kit/export'
import { loadDeck } from '../../room/deck-file'
import { readPdfText } from '../support/pdf'

const dir = mkdtempSync(join(tmpdir(), 'kit-guide-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Text compared without any whitespace and with straight quotes: pdf.js splits lines and words its own way. */
function squash(text: string): string {
  return text.replace(/[‘’]/g, '\'').replace(/[“”]/g, '"').replace(/\s+/g, '')
}

const deck = loadDeck()
const { talk } = deck
const [SHORT, LONG] = [Math.min(...variantLengths(talk)), Math.max(...variantLengths(talk))] as const

interface SizedItem { text: string, size: number, page: number }

/** Every text item of a PDF with its font size in points, read from pdf.js's text matrix. */
async function sizedItems(path: string): Promise<SizedItem[]> {
  const task = getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false })
  const pdf = await task.promise
  const items: SizedItem[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent()
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '')
        items.push({ text: item.str, size: Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0), page: n })
    }
  }
  await task.destroy()
  return items
}

async function outlineTitles(path: string): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false })
  const pdf = await task.promise
  const titles: string[] = []
  const walk = (entries: Awaited<ReturnType<typeof pdf.getOutline>>) => {
    for (const entry of entries ?? []) {
      titles.push(entry.title)
      walk(entry.items)
    }
  }
  walk(await pdf.getOutline())
  await task.destroy()
  return titles
}

describe(`the guide carries the talk (${SHORT} minutes, A4, with the slides)`, () => {
  const out = join(dir, 'with-slides')
  let slides: Awaited<ReturnType<typeof readPdfText>>
  let guide: Awaited<ReturnType<typeof readPdfText>>
  const guidePath = join(out, 'facilitator-guide.pdf')

  beforeAll(async () => {
    await exportKit({ out, variant: String(SHORT), paper: 'a4', only: ['slides', 'guide'], renderer: 'silent' })
    slides = await readPdfText(join(out, 'slides.pdf'))
    guide = await readPdfText(guidePath)
  }, 600_000)

  it('prints every slide’s on-screen text, slide by slide', () => {
    expect(slides.numPages).toBe(slidesInVariant(talk, SHORT).length)
    const text = squash(guide.text)
    slides.pages.forEach((page, index) => {
      expect(squash(page).length, `slide ${index + 1} has text`).toBeGreaterThan(0)
      expect(text, `slide ${index + 1}`).toContain(squash(page))
    })
  })

  it('prints a thumbnail of every slide', () => {
    const list = execFileSync('pdfimages', ['-list', guidePath], { encoding: 'utf8' })
    const images = list.split('\n').slice(2).filter(line => line.trim() !== '')
    expect(images.length).toBeGreaterThanOrEqual(slides.numPages)
  })

  it('has each study’s brief: design, who took part, what was found, limits, the reference', () => {
    const text = squash(guide.text)
    for (const study of citedStudies) {
      for (const field of [study.design, study.participants, study.finding, study.limits, study.citation])
        expect(text, `${study.authors.join(' & ')} ${study.year}`).toContain(squash(field))
    }
  })

  it('never shows a loopback address, in the guide or in the slides', () => {
    for (const [name, pdf] of [['guide', guide], ['slides', slides]] as const) {
      pdf.pages.forEach((page, index) => {
        expect(page, `${name} page ${index + 1}`).not.toMatch(/127\.0\.0\.1|localhost/i)
      })
    }
  })

  it('sets the do/say script at 11 pt or more', async () => {
    const items = await sizedItems(guidePath)
    const script = deckSlides(talk, deck.slides, SHORT)
    const cues = script.flatMap(slide => slide.cues).map(cue => squash(cue.text))
    // The script's pages run from its part's heading to the next part's.
    const first = guide.pages.findIndex(page => page.includes('The script, slide by slide') && !/contents/i.test(page)) + 1
    const last = guide.pages.findIndex(page => page.includes('The evidence, study by study') && !/contents/i.test(page)) + 1
    expect(first).toBeGreaterThan(0)
    expect(last).toBeGreaterThan(first)
    // Long enough to be unambiguous, part of a cue, and not the slide's own text or title printed beside it.
    const onScreen = squash(slides.text) + script.map(slide => squash(slide.title)).join('|')
    const cueItems = items.filter(item => item.page >= first && item.page < last && squash(item.text).length >= 20
      && cues.some(cue => cue.includes(squash(item.text))) && !onScreen.includes(squash(item.text)))
    expect(cueItems.length).toBeGreaterThan(50)
    for (const item of cueItems)
      expect(item.size, item.text).toBeGreaterThanOrEqual(10.95)
  })

  it('prints only the cues of this length, without their tags', async () => {
    const text = squash(guide.text)
    const all = deck.slides.flatMap(source => parseCues(source.note))
    const elsewhere = all.filter(entry => entry.only !== null && entry.only !== SHORT && !all.some(other => (other.only === null || other.only === SHORT) && other.text === entry.text))
    expect(elsewhere.length).toBeGreaterThan(0)
    for (const cue of elsewhere)
      expect(text).not.toContain(squash(cue.text))
    expect(guide.text).not.toMatch(/\(\d+(?: min)? only\)/)
  })

  it(`runs to exactly ${SHORT} minutes with the buffer as its own row, in m:ss and never “½”`, () => {
    expect(bufferMinutes(talk, SHORT)).toBeGreaterThan(0)
    expect(guide.text.replace(/\s+/g, ' ')).toContain(talk.buffer.title)
    expect(guide.text).toMatch(new RegExp(`Total: ${SHORT} minutes`))
    expect(guide.text).not.toMatch(/½/)
    expect(guide.text).not.toMatch(/45 minutes/)
    expect(guide.text).not.toMatch(/Handout page \d/)
  })

  it('has the essay in brief with its book, key messages and the tricky moments', () => {
    const text = guide.text.replace(/\s+/g, ' ')
    expect(text).toMatch(/The essay in brief/)
    expect(text).toMatch(/The Upside Down Leader/)
    expect(text).toMatch(/Key message:/)
    expect(text).toMatch(/My boss punishes asking/)
    expect(text).toMatch(/Someone shares something painful in a pair/)
    expect(text).toMatch(/Someone cannot or will not take part/)
    expect(text).toMatch(/The room goes quiet/)
    expect(text).toMatch(/1-2-4-All.*a minute alone/)
  })

  it('has bookmarks that read as the headings do', async () => {
    const titles = await outlineTitles(guidePath)
    expect(titles[0]).toBe(deck.headmatter.title)
    expect(titles).toContain('The script, slide by slide')
    for (const title of titles) {
      const half = title.slice(0, title.length / 2)
      expect(title === `${half}${half}` && half !== '', title).toBe(false)
    }
  })
})

describe(`the guide alone (${LONG} minutes, Letter)`, () => {
  const out = join(dir, 'guide-only')

  it('exports the slides it needs into a temporary folder and leaves only the guide', async () => {
    const before = readdirSync(tmpdir()).filter(name => name.startsWith('guide-slides-'))
    const summary = await exportKit({ out, variant: String(LONG), paper: 'letter', only: ['guide'], renderer: 'silent' })
    expect(readdirSync(out)).toEqual(['facilitator-guide.pdf'])
    expect(summary.files.map(file => file.path.slice(out.length + 1))).toEqual(['facilitator-guide.pdf'])
    expect(readdirSync(tmpdir()).filter(name => name.startsWith('guide-slides-'))).toEqual(before)
    const text = squash((await readPdfText(join(out, 'facilitator-guide.pdf'))).text)
    // The longest run has slides the shortest leaves out; their script is here.
    const onlyLong = slidesInVariant(talk, LONG).filter(entry => minutesIn(entry, SHORT) === 0)
    expect(onlyLong.length).toBeGreaterThan(0)
    for (const slide of onlyLong)
      expect(text, slide.id).toContain(squash(slide.label))
    const list = execFileSync('pdfimages', ['-list', join(out, 'facilitator-guide.pdf')], { encoding: 'utf8' })
    expect(list.split('\n').slice(2).filter(line => line.trim() !== '').length).toBeGreaterThanOrEqual(slidesInVariant(talk, LONG).length)
  }, 600_000)
})
