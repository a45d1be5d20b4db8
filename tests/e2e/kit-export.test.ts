import type { SourceSlide } from '../../kit/content/deck'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@slidev/parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citedStudies } from '../../core/talk/evidence'
import { slidesInVariant } from '../../core/talk/outline'
import { findPoll, talkPolls } from '../../core/talk/polls'
import { askOffer } from '../../exercises/ask-offer'
import { paperCards } from '../../exercises/paper-cards'
import { launchBrowser } from '../../kit/browser'
import { deckSlides } from '../../kit/content/deck'
import { formatMinutes } from '../../kit/content/run-of-show'
import { exportKit } from '../../kit/export'
import { OutputError, renderPdf } from '../../kit/render-pdf'
import { NoSessionError } from '../../kit/results-data'
import { ExerciseRoom } from '../../room/exercise'
import { Room } from '../../room/room'
import { Storage } from '../../room/storage'
import { readPdfText } from '../support/pdf'

const dir = mkdtempSync(join(tmpdir(), 'kit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** pdf.js text, with whitespace collapsed and typographic quotes made straight, for comparisons. */
function flat(text: string): string {
  return text.replace(/[‘’]/g, '\'').replace(/[“”]/g, '"').replace(/\s+/g, ' ')
}

function pageSize(path: string): { width: number, height: number } {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)
  return { width: Number(match?.[1]), height: Number(match?.[2]) }
}

/**
 * Renders every page at 40 dpi and returns the pages that are (near) blank.
 * Grey PGM output is used because it is trivial to read without an image library.
 */
function blankPages(path: string): number[] {
  const prefix = join(dir, `render-${Math.random().toString(36).slice(2)}`)
  execFileSync('pdftoppm', ['-r', '40', '-gray', path, prefix])
  const files = readdirSync(dir).filter(file => join(dir, file).startsWith(prefix)).sort()
  const blank: number[] = []
  files.forEach((file, index) => {
    const data = readFileSync(join(dir, file))
    // P5 header: magic, width, height, maxval, then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(data.subarray(0, 50).toString('latin1'))!
    const pixels = data.subarray(header[0].length)
    // The footer alone (page number) must not count as content: ignore the bottom 8%.
    const width = Number(header[1])
    const height = Number(header[2])
    let ink = 0
    for (let i = 0; i < width * Math.floor(height * 0.92); i++) {
      if (pixels[i]! < 200)
        ink++
    }
    if (ink < width * height * 0.0005)
      blank.push(index + 1)
    rmSync(join(dir, file))
  })
  return blank
}

async function sources(): Promise<SourceSlide[]> {
  const { slides } = await parse(readFileSync('slides.md', 'utf8'), 'slides.md')
  return slides.map(slide => ({ frontmatter: slide.frontmatter ?? {}, title: slide.title, note: slide.note, content: slide.content }))
}

describe('the blank-page check', () => {
  it('finds a page with nothing on it but the footer', async () => {
    const browser = await launchBrowser()
    try {
      const output = join(dir, 'blank-check.pdf')
      await renderPdf({ browser, output, paper: 'a4', footer: 'Blank check', html: '<html><body><h1>Page one</h1><p>Some text on the first page, enough to be more than a speck.</p><div style="break-before:page;height:1px"></div></body></html>' })
      expect(blankPages(output)).toEqual([2])
    }
    finally {
      await browser.close()
    }
  })
})

describe('guide and handout, 60 minutes on A4', () => {
  const out = join(dir, 'a4-60')
  let guide: Awaited<ReturnType<typeof readPdfText>>
  let handout: Awaited<ReturnType<typeof readPdfText>>

  beforeAll(async () => {
    const summary = await exportKit({ out, variant: '60', paper: 'a4', only: ['guide', 'handout'], renderer: 'silent' })
    expect(summary.files.map(file => file.path.slice(out.length + 1))).toEqual(['facilitator-guide.pdf', 'participant-handout.pdf'])
    guide = await readPdfText(join(out, 'facilitator-guide.pdf'))
    handout = await readPdfText(join(out, 'participant-handout.pdf'))
    expect(summary.files[0]!.pages).toBe(guide.numPages)
  })

  it('the guide has every slide of the variant with its title and its do/say notes', async () => {
    const text = flat(guide.text)
    for (const slide of deckSlides(await sources(), 60)) {
      expect(text, slide.id).toContain(flat(slide.title))
      for (const cue of slide.cues)
        expect(text, `${slide.id}: ${cue.text}`).toContain(flat(cue.text.replace(/[`*]/g, '')))
    }
    // Slides the 60-minute run leaves out are not in its script.
    expect(text).not.toContain('Poll: what stops us')
  })

  it('the run of show starts at workshop.start and adds up to 60 minutes', () => {
    const text = flat(guide.text)
    expect(text).toContain('Total: 60 minutes, 09:30–10:30')
    const minutes = slidesInVariant(60).map(slide => formatMinutes(slide.minutes[60]))
    expect(minutes.length).toBeGreaterThan(30)
    expect(text).toMatch(/Run of show/)
  })

  it('the guide has the parts of a facilitator kit and a title', () => {
    const text = flat(guide.text)
    for (const part of ['Purpose and outcomes', 'Before the session', 'Running the live room', 'When the Wi-Fi fails', 'The exercise: ask and offer', 'Variations', 'About 150 people', 'Hybrid', 'Accessibility', 'Debrief question bank', 'Follow-up', 'Facilitator retro'])
      expect(text, part).toContain(part)
    expect(guide.numPages).toBeGreaterThanOrEqual(15)
    expect(guide.numPages).toBeLessThanOrEqual(30)
    const info = execFileSync('pdfinfo', [join(out, 'facilitator-guide.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(/Title:\s+(?:\S.*)?Facilitator guide \(60 min\)/)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(flat(guide.pages[1]!)).toMatch(/Page 2 of \d+/)
  })

  it('the handout cites every study, with its worksheet, offers, rules and commitment card', () => {
    const text = flat(handout.text)
    for (const study of citedStudies) {
      for (const author of study.authors)
        expect(text, study.slideId).toContain(author)
      expect(text, study.slideId).toContain(`(${study.year})`)
    }
    for (const part of ['Key ideas', 'My SMART ask', 'Time-bound', 'What I can offer', 'Rules for helpers', 'Commitment card', 'References'])
      expect(text, part).toContain(part)
    expect(handout.numPages).toBeGreaterThanOrEqual(5)
    expect(handout.numPages).toBeLessThanOrEqual(10)
  })

  it('fonts are embedded and no page is blank', () => {
    for (const file of ['facilitator-guide.pdf', 'participant-handout.pdf']) {
      const fonts = execFileSync('pdffonts', [join(out, file)], { encoding: 'utf8' })
      expect(fonts).toMatch(/Fraunces/)
      expect(fonts).toMatch(/NunitoSans/)
      expect(fonts.split('\n').slice(2).filter(Boolean).every(line => / yes /.test(line))).toBe(true)
      expect(Math.round(pageSize(join(out, file)).height)).toBe(843)
      expect(blankPages(join(out, file)), file).toEqual([])
    }
  })
})

describe('guide on US Letter, 90 minutes', () => {
  it('has the letter page size and the 90-minute run', async () => {
    const out = join(dir, 'letter-90')
    await exportKit({ out, variant: '90', paper: 'letter', only: ['guide'], renderer: 'silent' })
    const path = join(out, 'facilitator-guide.pdf')
    expect(pageSize(path)).toEqual({ width: 612, height: 792 })
    const text = flat((await readPdfText(path)).text)
    expect(text).toContain('Total: 90 minutes, 09:30–11:00')
    expect(text).toContain('Poll: what stops us')
    expect(blankPages(path)).toEqual([])
  })
})

describe('results report and paper cards from a session with the exercise', () => {
  const db = join(dir, 'room.sqlite')
  const out = join(dir, 'results')
  const votes = new Map<string, unknown[]>([
    ['weakness-before', [4, 4, 3, 2, 5]],
    ['asking-feels', [['scary'], ['Scary'], ['exposed'], ['awkward']]],
    ['when-stuck', [1, 2, 2, 3]],
    ['yes-estimate', [20, 30, 50]],
    ['weakness-after', [1, 2, 2, 1, 3]],
    ['my-ask', ['Ask Priya to review my plan by Friday', 'Ask my manager for an hour']],
  ])
  // Words that appear only in the private text of asks, offers and a private commitment.
  const secret = ['Quokka', 'Marmalade', 'Zanzibar']
  const people = ['participant-0', 'participant-1', 'participant-2', 'participant-3', 'participant-4']
  let summary: Awaited<ReturnType<typeof exportKit>>

  beforeAll(async () => {
    const storage = new Storage({ path: db })
    let clock = 1_700_000_000_000
    const room = new Room({ storage, session: 'workshop-1', now: () => clock++ })
    for (const [pollId, values] of votes) {
      expect(room.control({ kind: 'open', poll: findPoll(pollId)! }).ok).toBe(true)
      values.forEach((value, i) => expect(room.vote(`participant-${i}`, pollId, value).ok, `${pollId} ${i}`).toBe(true))
      room.control({ kind: 'close', pollId })
    }
    // The exercise through the room's own class: four asks and a pass, pairs formed, two commitments (one shared).
    const exercise = new ExerciseRoom({ db: storage.db, session: 'workshop-1', now: () => clock++, graceMs: 60_000, presence: { isConnected: () => true, connectedIds: () => people } })
    expect(exercise.control({ kind: 'start-prepare', variant: 60 }).ok).toBe(true)
    const topics = [['career'], ['career', 'feedback'], ['technical'], ['career']]
    topics.forEach((askTopics, i) => expect(exercise.submit(people[i]!, { ask: `I am stuck on the ${secret[0]} migration and need a second pair of eyes`, askTopics, offers: [`${secret[1]} recipes`], offerTopics: ['feedback'] }).ok, people[i]).toBe(true))
    expect(exercise.submit(people[4]!, { pass: true }).ok).toBe(true)
    expect(exercise.control({ kind: 'form-pairs' }).ok).toBe(true)
    expect(exercise.control({ kind: 'start-commitment' }).ok).toBe(true)
    expect(exercise.commit(people[0]!, { who: `${secret[2]} Jones`, what: 'a review of my plan', when: 'Friday' }, false).ok).toBe(true)
    expect(exercise.commit(people[1]!, { who: 'my mentor', what: 'feedback on my talk', when: 'next week' }, true).ok).toBe(true)
    exercise.close()
    storage.close()
    summary = await exportKit({ out, only: ['cards', 'results'], db, session: 'workshop-1', paper: 'letter', variant: '60', renderer: 'silent' })
  })

  it('prints every poll with its question and totals; commitments only as a count', async () => {
    expect(summary.files.map(file => file.path.slice(out.length + 1))).toEqual(['paper-cards.pdf', 'results.csv', 'results.json', 'results.pdf'])
    const pdf = await readPdfText(join(out, 'results.pdf'))
    const text = flat(pdf.text)
    for (const [pollId, values] of votes) {
      expect(text, pollId).toContain(flat(findPoll(pollId)!.question))
      if (pollId !== 'my-ask')
        expect(text, pollId).toContain(`${values.length} answers`)
    }
    expect(text).toContain('2 people wrote down whom they will ask')
    expect(text).toMatch(/before/i)
    expect(text).toMatch(/after/i)
    expect(text).toContain('scary')
    expect(text).not.toContain('Priya')
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).not.toContain('Priya')
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { session: string, participants: number }
    expect(json).toMatchObject({ session: 'workshop-1', participants: 5 })
    expect(JSON.stringify(json)).not.toContain('participant-')
    expect(pdf.numPages).toBeGreaterThanOrEqual(3)
    expect(blankPages(join(out, 'results.pdf'))).toEqual([])
    expect(talkPolls.length).toBeGreaterThan(votes.size)
  })

  it('reports the exercise as counts and themes, with only the shared commitment', async () => {
    const text = flat((await readPdfText(join(out, 'results.pdf'))).text)
    expect(text).toContain('The exercise: Ask and offer')
    for (const figure of ['4 asks written', '1 pass', '1 round run', '2 commitments', '1 pair and 1 trio over 1 round', 'asks by topic', 'offers by topic', 'career', 'technical', 'shared by their authors'])
      expect(text.toLowerCase(), figure).toContain(figure)
    expect(text).toMatch(/Career 3 · 75%/)
    expect(text).toContain('I will ask my mentor for feedback on my talk by next week')
    const csv = readFileSync(join(out, 'results.csv'), 'utf8')
    const json = readFileSync(join(out, 'results.json'), 'utf8')
    expect(csv).toContain('"workshop-1","exercise","ask-offer","Asks by topic",4,"Career",3')
    expect(JSON.parse(json)).toMatchObject({ exercise: { asks: 4, passes: 1, commitments: 2 } })
    for (const word of secret) {
      expect(text, word).not.toContain(word)
      expect(csv, word).not.toContain(word)
      expect(json, word).not.toContain(word)
    }
  })

  it('paper-cards.pdf has the prompts and tokens on US Letter, and no blank page', async () => {
    const path = join(out, 'paper-cards.pdf')
    const cards = paperCards(askOffer, 60)
    const text = flat((await readPdfText(path)).text)
    expect(text).toContain('Timer script')
    expect(text).toContain(flat(cards.roles.focus.prompts[0]!))
    expect(text).toContain(flat(cards.roles.support.prompts[0]!))
    for (const card of cards.cards.slice(0, 4))
      expect(text, card.token.label).toContain(card.token.label)
    expect(pageSize(path)).toEqual({ width: 612, height: 792 })
    expect(summary.files.find(file => file.path === path)!.pages).toBeGreaterThanOrEqual(3)
    expect(blankPages(path)).toEqual([])
  })
})

describe('bad input', () => {
  it('a results report with no session is a clear error, and nothing is written', async () => {
    const out = join(dir, 'no-session')
    await expect(exportKit({ out, only: ['results'], db: join(dir, 'missing.sqlite'), renderer: 'silent' }))
      .rejects
      .toThrow(NoSessionError)
    await expect(exportKit({ out, only: ['results'], db: join(dir, 'missing.sqlite'), renderer: 'silent' }))
      .rejects
      .toThrow(/No live session has run yet/)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  it('an unwritable output folder is a clear error, and nothing is half-written', async () => {
    const file = join(dir, 'not-a-folder')
    writeFileSync(file, 'x')
    await expect(exportKit({ out: join(file, 'kit'), only: ['guide'], renderer: 'silent' })).rejects.toThrow(OutputError)
    await expect(exportKit({ out: join(file, 'kit'), only: ['guide'], renderer: 'silent' })).rejects.toThrow(/Cannot write to the output folder .*--out/)
    expect(readdirSync(dir).filter(name => name.includes('partial'))).toEqual([])
  })

  function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'bin/export.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 })
  }

  it('the command names the valid choices for a bad variant, paper, document or option', () => {
    const variant = cli(['--variant', '45', '--only', 'guide', '--out', join(dir, 'cli')])
    expect(variant.status).toBe(1)
    expect(variant.stderr).toMatch(/Valid choices: 60, 90/)
    const paper = cli(['--paper', 'a5'])
    expect(paper.status).toBe(1)
    expect(paper.stderr).toMatch(/Valid choices: a4, letter/)
    const only = cli(['--only', 'guide,poster'])
    expect(only.status).toBe(1)
    expect(only.stderr).toMatch(/"poster".*slides, guide, handout, cards, results/)
    const unknown = cli(['--colour', 'blue'])
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/)
    expect(unknown.stderr).toMatch(/Usage: npm run export/)
  })

  it('without a browser the command prints how to get one and exits non-zero', () => {
    const run = cli(['--only', 'guide', '--out', join(dir, 'no-browser')], { CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/No Chromium browser was found/)
    expect(existsSync(join(dir, 'no-browser'))).toBe(false)
  })
})
