import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import jsQR from 'jsqr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatClock, parseClock } from '../../core/talk/agenda'
import { findPoll as findInTalk, minutesIn, talkPolls as pollsOf, slidesInVariant, variantLengths } from '../../core/talk/deck'
import { citedStudies } from '../../core/talk/evidence'
import { askOffer } from '../../exercises/ask-offer'
import { paperCards } from '../../exercises/paper-cards'
import { launchBrowser } from '../../kit/browser'
import { deckSlides } from '../../kit/content/deck'
import { formatMinutes } from '../../kit/content/run-of-show'
import { exportKit, PlaceholderError } from '../../kit/export'
import { projectRoot } from '../../kit/export-slides'
import { describePlaceholders, findPlaceholders } from '../../kit/placeholders'
import { OutputError, renderPdf } from '../../kit/render-pdf'
import { NoSessionError } from '../../kit/results-data'
import { DeckNotReadyError, readDeck } from '../../kit/sources'
import { loadDeck } from '../../room/deck-file'
import { ExerciseRoom } from '../../room/exercise'
import { sessionSecret } from '../../room/presenter-secret'
import { Room } from '../../room/room'
import { Storage } from '../../room/storage'
import { readPdfText } from '../support/pdf'

const deck = loadDeck()
const { talk } = deck
const LENGTHS = variantLengths(talk)
const [SHORT, LONG] = [Math.min(...LENGTHS), Math.max(...LENGTHS)] as const
const START = (deck.headmatter.workshop as { start: string }).start
const talkPolls = pollsOf(talk)
const findPoll = (id: string) => findInTalk(talk, id)
/** "Total: 60 minutes, 09:30–10:30": the run of show's last line for a length. */
const total = (length: number) => `Total: ${length} minutes, ${START}–${formatClock(parseClock(START) + length)}`

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

/** No printed page may send a phone to this laptop's loopback: it reaches nothing. */
const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/i

function expectNoLoopback(pages: string[], file: string): void {
  pages.forEach((page, i) => expect(page, `${file} page ${i + 1}`).not.toMatch(LOOPBACK))
}

/** The QR code on one page of a PDF, decoded from a 150 dpi greyscale render. */
function qrOnPage(path: string, page: number): string | null {
  const prefix = join(dir, `qr-${page}-${Math.random().toString(36).slice(2)}`)
  execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(page), '-l', String(page), '-singlefile', path, prefix])
  const data = readFileSync(`${prefix}.pgm`)
  rmSync(`${prefix}.pgm`)
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(data.subarray(0, 50).toString('latin1'))!
  const width = Number(header[1])
  const height = Number(header[2])
  const grey = data.subarray(header[0].length)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    rgba.fill(grey[i]!, i * 4, i * 4 + 3)
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, width, height)?.data ?? null
}

/** Every file under `root` (relative paths), leaving out the dependency folder and git's own. */
function treeFiles(root: string, skip = ['node_modules', '.git', '.node']): Set<string> {
  const found = new Set<string>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!skip.includes(relative(root, path)))
          walk(path)
      }
      else {
        found.add(relative(root, path))
      }
    }
  }
  walk(root)
  return found
}

/** Name, size and modification time of every file in a folder: what a stray write would change. */
function folderState(folder: string): Record<string, string> {
  return Object.fromEntries([...treeFiles(folder, [])].sort().map((name) => {
    const stat = statSync(join(folder, name))
    return [name, `${stat.size} ${stat.mtimeMs}`]
  }))
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

describe(`guide and handout, ${SHORT} minutes on A4`, () => {
  const out = join(dir, `a4-${SHORT}`)
  let guide: Awaited<ReturnType<typeof readPdfText>>
  let handout: Awaited<ReturnType<typeof readPdfText>>

  beforeAll(async () => {
    const summary = await exportKit({ out, variant: String(SHORT), paper: 'a4', only: ['guide', 'handout'], renderer: 'silent' })
    expect(summary.files.map(file => file.path.slice(out.length + 1))).toEqual(['facilitator-guide.pdf', 'participant-handout.pdf'])
    guide = await readPdfText(join(out, 'facilitator-guide.pdf'))
    handout = await readPdfText(join(out, 'participant-handout.pdf'))
    expect(summary.files[0]!.pages).toBe(guide.numPages)
  })

  it('the guide has every slide of the variant with its title and its do/say notes', () => {
    const text = flat(guide.text)
    for (const slide of deckSlides(talk, deck.slides, SHORT)) {
      expect(text, slide.id).toContain(flat(slide.title))
      for (const cue of slide.cues)
        expect(text, `${slide.id}: ${cue.text}`).toContain(flat(cue.text.replace(/[`*]/g, '')))
    }
    // Slides the shorter run leaves out are not in its script.
    const left = slidesInVariant(talk, LONG).filter(slide => minutesIn(slide, SHORT) === 0)
    expect(left.length).toBeGreaterThan(0)
    for (const slide of left)
      expect(text, slide.id).not.toContain(flat(slide.label))
  })

  it(`the run of show starts at workshop.start and adds up to ${SHORT} minutes`, () => {
    const text = flat(guide.text)
    expect(text).toContain(total(SHORT))
    const slides = slidesInVariant(talk, SHORT)
    expect(slides.length).toBeGreaterThan(30)
    // Every slide's row: its length, its number and its label, in order (spaces dropped: labels wrap in their column).
    const squash = (line: string) => flat(line).replace(/\s+/g, '')
    const run = squash(text.slice(text.indexOf('Run of show', text.indexOf('Run of show') + 1)))
    let at = 0
    slides.forEach((slide, index) => {
      const row = squash(`${formatMinutes(minutesIn(slide, SHORT))} ${index + 1} ${slide.label}`)
      const found = run.indexOf(row, at)
      expect(found, row).toBeGreaterThan(-1)
      at = found
    })
  })

  it('names the other lengths and how to print them', () => {
    const text = flat(guide.text)
    for (const length of LENGTHS.filter(entry => entry !== SHORT))
      expect(text).toContain(`npm run export -- --variant ${length}`)
  })

  it('the guide has the parts of a facilitator kit and a title', () => {
    const text = flat(guide.text)
    for (const part of ['Purpose and outcomes', 'Before the session', 'Running the live room', 'When the Wi-Fi fails', 'The exercise: ask and offer', 'Variations', 'About 150 people', 'Hybrid', 'Accessibility', 'Debrief question bank', 'Follow-up', 'Facilitator retro'])
      expect(text, part).toContain(part)
    expect(guide.numPages).toBeGreaterThanOrEqual(15)
    // A thumbnail and the on-screen text for every slide make the 60's guide about 40 pages.
    expect(guide.numPages).toBeLessThanOrEqual(50)
    const info = execFileSync('pdfinfo', [join(out, 'facilitator-guide.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(new RegExp(`Title:\\s+(?:\\S.*)?Facilitator guide \\(${SHORT} min\\)`))
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

  it('no page of the guide or the handout shows a loopback address', () => {
    expectNoLoopback(guide.pages, 'facilitator-guide.pdf')
    expectNoLoopback(handout.pages, 'participant-handout.pdf')
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

describe(`guide on US Letter, ${LONG} minutes`, () => {
  it(`has the letter page size and the ${LONG}-minute run`, async () => {
    const out = join(dir, `letter-${LONG}`)
    await exportKit({ out, variant: String(LONG), paper: 'letter', only: ['guide'], renderer: 'silent' })
    const path = join(out, 'facilitator-guide.pdf')
    expect(pageSize(path)).toEqual({ width: 612, height: 792 })
    const text = flat((await readPdfText(path)).text)
    expect(text).toContain(total(LONG))
    for (const slide of slidesInVariant(talk, LONG).filter(entry => minutesIn(entry, SHORT) === 0))
      expect(text, slide.id).toContain(flat(slide.label))
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
  const databaseFiles = () => Object.fromEntries(Object.entries(folderState(dir)).filter(([name]) => name.startsWith('room.sqlite')))
  let databaseBefore: Record<string, string>
  let databaseAfter: Record<string, string>

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
    expect(exercise.control({ kind: 'start-prepare', variant: SHORT }).ok).toBe(true)
    const topics = [['career'], ['career', 'feedback'], ['technical'], ['career']]
    topics.forEach((askTopics, i) => expect(exercise.submit(people[i]!, { ask: `I am stuck on the ${secret[0]} migration and need a second pair of eyes`, askTopics, offers: [`${secret[1]} recipes`], offerTopics: ['feedback'] }).ok, people[i]).toBe(true))
    expect(exercise.submit(people[4]!, { pass: true }).ok).toBe(true)
    expect(exercise.control({ kind: 'form-pairs' }).ok).toBe(true)
    expect(exercise.control({ kind: 'start-commitment' }).ok).toBe(true)
    expect(exercise.commit(people[0]!, { who: `${secret[2]} Jones`, what: 'a review of my plan', when: 'Friday' }, false).ok).toBe(true)
    expect(exercise.commit(people[1]!, { who: 'my mentor', what: 'feedback on my talk', when: 'next week' }, true).ok).toBe(true)
    exercise.close()
    storage.close()
    databaseBefore = databaseFiles()
    summary = await exportKit({ out, only: ['cards', 'results'], db, session: 'workshop-1', paper: 'letter', variant: String(SHORT), renderer: 'silent' })
    databaseAfter = databaseFiles()
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
    expect(text).toContain(flat(`2 people answered “${findPoll('my-ask')!.question}”`))
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

  it('no page of the cards or the results report shows a loopback address', async () => {
    for (const file of ['paper-cards.pdf', 'results.pdf'])
      expectNoLoopback((await readPdfText(join(out, file))).pages, file)
  })

  it('reading the session wrote nothing to the room\'s database, its -wal or -shm', () => {
    expect(databaseAfter).toEqual(databaseBefore)
    expect(Object.keys(databaseBefore)).toEqual(['room.sqlite'])
  })

  it('paper-cards.pdf has the prompts and tokens on US Letter, and no blank page', async () => {
    const path = join(out, 'paper-cards.pdf')
    const cards = paperCards(askOffer, SHORT)
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
    const bad = LENGTHS.includes(45) ? LONG + 1 : 45
    const variant = cli(['--variant', String(bad), '--only', 'guide', '--out', join(dir, 'cli')])
    expect(variant.status).toBe(1)
    expect(variant.stderr).toContain(`This deck runs ${LENGTHS.join(', ')}`)
    expect(existsSync(join(dir, 'cli'))).toBe(false)
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

  it('a --host phones cannot use is refused with the reason, before anything is written', () => {
    for (const [host, reason] of [['127.0.0.1:3030', /loopback/], ['localhost', /loopback/], ['192.168.1.20:70000', /port 70000/], ['ftp://192.168.1.20', /http:\/\/ or https:\/\//], ['two words', /not an address/]] as const) {
      const out = join(dir, `bad-host-${host.replace(/\W/g, '-')}`)
      const run = cli(['--host', host, '--only', 'handout', '--out', out])
      expect(run.status, host).toBe(1)
      expect(run.stderr, host).toMatch(reason)
      expect(run.stderr, host).toMatch(/--host 192\.168\.1\.20:3030/)
      expect(existsSync(out), host).toBe(false)
    }
  })

  it('without a browser the command prints how to get one and exits non-zero', () => {
    const run = cli(['--only', 'guide', '--out', join(dir, 'no-browser')], { CHROMIUM_PATH: '/nonexistent/chromium' })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/No Chromium browser was found/)
    expect(existsSync(join(dir, 'no-browser'))).toBe(false)
  })
})

describe('another deck file (--deck)', () => {
  const source = readFileSync(join(projectRoot, 'slides.md'), 'utf8')
  const write = (name: string, markdown: string) => {
    const path = join(dir, name)
    writeFileSync(path, markdown)
    return path
  }
  function cli(args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'bin/export.ts', ...args], { encoding: 'utf8', timeout: 60_000 })
  }

  it('a deck file that is not there is named, and nothing is written', () => {
    const out = join(dir, 'no-deck')
    const run = cli(['--deck', join(dir, 'nowhere.md'), '--only', 'handout', '--out', out])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Cannot read the deck .*nowhere\.md: there is no such file/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(out)).toBe(false)
  })

  it('a deck with an error is refused with its file and line, and nothing is written', async () => {
    // One minute more on the first slide: no length adds up any more.
    const broken = write('broken.md', source.replace(/^minutes: \{ (\d+): (\d+(?:\.\d+)?),/m, (_, length: string, minutes: string) => `minutes: { ${length}: ${Number(minutes) + 1},`))
    expect(readFileSync(broken, 'utf8')).not.toBe(source)
    const out = join(dir, 'broken-kit')
    const run = exportKit({ out, only: ['handout'], deck: broken, renderer: 'silent' })
    await expect(run).rejects.toThrow(DeckNotReadyError)
    await expect(run).rejects.toThrow(/broken\.md:\d+ {2}The \d+-minute variant [^\n]*\n\s+fix: /)
    expect(existsSync(out)).toBe(false)
    const printed = cli(['--deck', broken, '--only', 'handout', '--out', out])
    expect(printed.status).toBe(1)
    expect(printed.stderr).toMatch(/broken\.md:\d+/)
    expect(existsSync(out)).toBe(false)
  })

  it('prints the handout and the paper cards of a deck with lengths of its own', async () => {
    // The same slides run as a 75 and a 120: the minutes stay, the lengths and buffers grow to match.
    const renamed = (length: number) => length === SHORT ? 75 : 120
    const other = source
      .replace(/^( {4})(\d+): \{ buffer: ([\d.]+) \}$/gm, (_, indent: string, length: string, buffer: string) => `${indent}${renamed(Number(length))}: { buffer: ${Number(buffer) + renamed(Number(length)) - Number(length)} }`)
      .replace(/^minutes: \{ (\d+): ([\d.]+), (\d+): ([\d.]+) \}$/gm, (_, a: string, x: string, b: string, y: string) => `minutes: { ${renamed(Number(a))}: ${x}, ${renamed(Number(b))}: ${y} }`)
      .replace(/^( {2}variant:) \d+$/m, '$1 75')
    const path = write('other-lengths.md', other)
    const read = await readDeck({ path })
    expect(variantLengths(read.talk)).toEqual([75, 120])
    expect(read.problems.filter(problem => problem.level === 'error')).toEqual([])
    expect(read.settings.variant).toBe(75)
    const out = join(dir, 'other-lengths-kit')
    const summary = await exportKit({ out, only: ['handout', 'cards'], deck: path, renderer: 'silent' })
    expect(summary.deck).toContain('other-lengths.md')
    expect(readdirSync(out).sort()).toEqual(['paper-cards.pdf', 'participant-handout.pdf'])
    expect(flat((await readPdfText(join(out, 'paper-cards.pdf'))).text)).toMatch(/75 minutes/)
    const wrong = cli(['--deck', path, '--variant', String(SHORT), '--only', 'cards', '--out', join(dir, 'other-wrong')])
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toContain('This deck runs 75, 120')
    expect(existsSync(join(dir, 'other-wrong'))).toBe(false)
  })
})

describe('sample values left in the workshop: block', () => {
  const deckWith = (workshop: string) => {
    const source = readFileSync(join(projectRoot, 'slides.md'), 'utf8')
    const edited = source.replace(/^workshop:\n(?: {2}.*\n)+/m, `workshop:\n${workshop}`)
    expect(edited).not.toBe(source)
    const path = join(dir, `slides-${Math.random().toString(36).slice(2)}.md`)
    writeFileSync(path, edited)
    return path
  }
  const samples = deckWith(`  organization: Your organisation\n  facilitator: Your name\n  date: Date of the session\n  start: '09:30'\n  variant: ${SHORT}\n`)

  it('are named one by one in a warning, and the kit is still written', async () => {
    const out = join(dir, 'samples-warned')
    const summary = await exportKit({ out, only: ['handout'], deck: samples, renderer: 'silent' })
    expect(summary.warnings).toEqual([
      'workshop.organization is still "Your organisation"',
      'workshop.facilitator is still "Your name"',
      'workshop.date is still "Date of the session"',
    ])
    expect(readdirSync(out)).toEqual(['participant-handout.pdf'])
  })

  it('stop the export with --strict, naming each field, and nothing is written', async () => {
    const out = join(dir, 'samples-strict')
    const run = exportKit({ out, only: ['handout'], deck: samples, strict: true, renderer: 'silent' })
    await expect(run).rejects.toThrow(PlaceholderError)
    await expect(run).rejects.toThrow(/workshop\.organization[\s\S]*workshop\.facilitator[\s\S]*workshop\.date/)
    expect(existsSync(out)).toBe(false)
  })

  it('a filled-in block passes --strict without a warning', async () => {
    const out = join(dir, 'samples-filled')
    const filled = deckWith(`  organization: Northwind Health\n  facilitator: Sam Okafor\n  date: 14 March 2027\n  start: '09:30'\n  variant: ${SHORT}\n`)
    const summary = await exportKit({ out, only: ['handout'], deck: filled, strict: true, renderer: 'silent' })
    expect(summary.warnings).toEqual([])
  })
})

describe('npm run export -- --host: the printed join slide, a quiet console, nothing outside --out', () => {
  const data = join(dir, 'user-data')
  const out = join(dir, 'deck-host')
  const url = 'http://192.168.1.20:4000/join'
  let run: { stdout: string, stderr: string }
  let secret: string
  let text: Awaited<ReturnType<typeof readPdfText>>
  let projectBefore: Set<string>
  let dataBefore: Record<string, string>

  beforeAll(async () => {
    // A room database with a session and its stored presenter secret, where npm start keeps them.
    const db = join(data, 'asking-for-help-workshop', 'room.sqlite')
    mkdirSync(join(data, 'asking-for-help-workshop'), { recursive: true })
    const storage = new Storage({ path: db })
    const room = new Room({ storage, session: 'default', now: () => 1_700_000_000_000 })
    expect(room.control({ kind: 'open', poll: findPoll('weakness-before')! }).ok).toBe(true)
    storage.close()
    secret = sessionSecret(db, 'default').secret
    dataBefore = folderState(data)
    projectBefore = treeFiles(projectRoot)
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: data }
    delete env.ROOM_DB
    delete env.ROOM_SECRET
    run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/export.ts', '--only', 'slides', '--variant', String(SHORT), '--host', '192.168.1.20:4000', '--out', out], { cwd: projectRoot, env, encoding: 'utf8', timeout: 240_000 })
    text = await readPdfText(join(out, 'slides.pdf'))
  })

  it('prints the given link and a QR code for it on the join slide, and no loopback anywhere', () => {
    expectNoLoopback(text.pages, 'slides.pdf')
    const page = text.pages.findIndex(content => content.includes('Join the room'))
    expect(text.pages[page]).toContain('192.168.1.20:4000/join')
    expect(text.pages[page]).not.toContain('appear here')
    expect(qrOnPage(join(out, 'slides.pdf'), page + 1)).toBe(url)
  })

  it('shows progress and a summary, and none of Slidev\'s noise or any presenter secret', () => {
    const console = `${run.stdout}\n${run.stderr}`
    expect(run.stdout).toContain('Wrote 1 file')
    expect(run.stdout).toMatch(/slides\.pdf\s+\d+ pages/)
    expect(console).not.toContain(secret)
    expect(console).not.toMatch(/secret/i)
    expect(console).not.toMatch(/\[vite\]|Slidev {2}v|browser exporter|optimi[sz]|exported to|theme\s+@slidev/i)
  })

  it('names the sample values slides.md still holds', async () => {
    const expected = describePlaceholders(findPlaceholders((await readDeck()).settings))
    for (const line of expected)
      expect(run.stdout).toContain(line)
  })

  it('writes only slides.pdf into --out, and nothing in the project or the room\'s data folder', () => {
    expect(readdirSync(out)).toEqual(['slides.pdf'])
    expect(folderState(data)).toEqual(dataBefore)
    const created = [...treeFiles(projectRoot)].filter(file => !projectBefore.has(file))
    expect(created).toEqual([])
  })
})
