import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDeckFile } from '../../bin/deck-gate'
import { findPoll, minutesIn, slidesInVariant, talkPolls, variantLengths } from '../../core/talk/deck'
import { exerciseMinutes } from '../../core/talk/exercise'
import { launchBrowser } from '../../kit/browser'
import { loadDeck } from '../../room/deck-file'
import { startDeck } from '../support/deck'
import { readPdfText } from '../support/pdf'
import { projectRoot, runScript } from '../support/processes'

/**
 * The second deck, examples/team-huddle.md, written only in Markdown: it
 * passes the deck check, `npm start -- --deck` runs it live (its layouts and
 * components come from the project through Slidev's addon mechanism, its
 * polls from its own frontmatter), a phone votes on one of its polls and the
 * presenter view counts it, and `npm run export -- --deck` prints its kit,
 * results included. One deck start, one export.
 */

const DECK = 'examples/team-huddle.md'
const deckFile = loadDeck(join(projectRoot, DECK))
const talk = deckFile.talk
/** The length the headmatter runs. */
const LENGTH = 30
const POLL_ID = 'huddle-when-stuck'
const poll = findPoll(talk, POLL_ID)
const options = poll?.kind === 'choice' ? poll.options : []
const LOAD_MS = 60_000
const STEP_MS = 15_000

let deck: RunningDeck | undefined
let browser: Browser
const contexts: BrowserContext[] = []
const dir = mkdtempSync(join(tmpdir(), 'example-deck-'))

async function newPage(viewport = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  return page
}

/** Slidev's own route table: the slide numbers of this run, each with its slideId. */
async function routes(page: Page): Promise<Array<{ no: number, slideId: string, pollId: string | null }>> {
  await page.waitForFunction(() => Boolean((window as any).__slidev__?.nav?.slides?.length), undefined, { timeout: LOAD_MS })
  return page.evaluate(() => ((window as any).__slidev__.nav.slides as any[]).map(s => ({
    no: Number(s.no),
    slideId: String(s.meta?.slide?.frontmatter?.slideId),
    pollId: s.meta?.slide?.frontmatter?.poll?.id ?? null,
  })))
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await Promise.allSettled(contexts.map(c => c.close()))
  await browser?.close()
  await deck?.process.stop()
  rmSync(dir, { recursive: true, force: true })
  if (deck)
    rmSync(dirname(deck.dbPath), { recursive: true, force: true })
})

describe('the example deck, written only in Markdown', () => {
  it('passes the deck check at both its lengths, with six kinds of poll and the exercise', () => {
    const checked = checkDeckFile(join(projectRoot, DECK))
    expect(checked.problems.filter(problem => problem.level === 'error'), JSON.stringify(checked.problems, null, 2)).toEqual([])
    expect(variantLengths(talk)).toEqual([30, 45])
    expect(new Set(talkPolls(talk).map(entry => entry.kind))).toEqual(new Set(['scale', 'words', 'choice', 'multi', 'estimate', 'text']))
    // The exercise slide plans what the exercise's schedule for each length takes: the 45 runs the 30's timing.
    const rounds = talk.slides.find(slide => slide.id === 'exercise-rounds')!
    for (const length of variantLengths(talk))
      expect(minutesIn(rounds, length)).toBe(exerciseMinutes(length))
    expect(exerciseMinutes(45)).toBe(exerciseMinutes(30))

    // And as a facilitator runs it.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/check.ts', DECK], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 })
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/examples\/team-huddle\.md is ready: 22 slides, 7 polls, 30 and 45 minutes/)
  })

  it('runs live from npm start -- --deck: every slide renders, a phone votes and the presenter view counts it', async () => {
    expect(options.length, `${POLL_ID} is a choice poll in ${DECK}`).toBeGreaterThan(2)
    deck = await startDeck({ deck: DECK })
    expect(deck.process.output()).toMatch(/Workshop ready: 30-minute variant/)

    // The audience screen: every slide of the 30 renders with the project's layouts and components.
    const screen = await newPage()
    const errors: string[] = []
    screen.on('pageerror', error => errors.push(String(error)))
    // A component that throws while rendering (Vue logs it) counts as much as an uncaught error.
    screen.on('console', (message) => {
      if (message.type() === 'error')
        errors.push(message.text())
    })
    await screen.goto(`${deck.url}/1`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    const run = await routes(screen)
    expect(run.map(route => route.slideId)).toEqual(slidesInVariant(talk, LENGTH).map(slide => slide.id))
    // Through the deck as a presenter would, slide by slide in one page: each shows one of the project's layouts.
    for (const route of run) {
      await screen.evaluate(no => (window as any).__slidev__.nav.go(no), route.no)
      await expect.poll(() => new URL(screen.url()).pathname, { timeout: STEP_MS }).toBe(`/${route.no}`)
      await screen.locator(`.slidev-page-${route.no} .ws-slide, .slidev-page-${route.no} .ws-title`).first().waitFor({ timeout: LOAD_MS })
      if (route.pollId)
        await screen.locator(`.slidev-page-${route.no} [data-poll-stage="${route.pollId}"]`).first().waitFor({ timeout: STEP_MS })
    }
    expect(errors).toEqual([])
    await screen.evaluate(() => (window as any).__slidev__.nav.go(1))
    await expect.poll(() => screen.locator('.ws-title:visible').first().textContent(), { timeout: STEP_MS }).toContain('A 30-minute workshop')
    const exercise = run.find(route => route.slideId === 'exercise-rounds')!
    await screen.evaluate(no => (window as any).__slidev__.nav.go(no), exercise.no)
    // Before a run the slide shows the 30's plan: two minutes to write, one round.
    const plan = screen.locator('[data-exercise-static]:visible').first()
    await expect.poll(() => plan.textContent(), { timeout: LOAD_MS }).toMatch(/2:00\s*Prepare.*Round 1/s)
    expect(await plan.textContent()).not.toMatch(/Round 2/)

    // The presenter opens the poll; a phone answers it.
    const presenter = await newPage()
    await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    await expect.poll(() => new URL(presenter.url()).searchParams.has('room'), { timeout: LOAD_MS }).toBe(false)
    const no = (await routes(presenter)).find(route => route.pollId === POLL_ID)?.no
    expect(no, `a slide with poll ${POLL_ID}`).toBeGreaterThan(0)
    await presenter.goto(`${deck.url}/presenter/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    const stage = presenter.locator(`[data-poll-stage="${POLL_ID}"]:visible`).first()
    const controls = stage.locator(`[data-poll-controls="${POLL_ID}"]`)
    await controls.waitFor({ timeout: LOAD_MS })
    await controls.locator('[data-action="open"]').click()
    await controls.locator('[data-action="close"]').waitFor()

    const phone = await newPage({ width: 390, height: 844 })
    await phone.goto(`${deck.url}/join`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    await phone.getByText(poll!.question).waitFor({ timeout: LOAD_MS })
    await phone.getByText(options[1]!, { exact: true }).click()
    await phone.getByRole('button', { name: 'Send answer' }).click()
    await phone.getByText(/Your answer is in/).first().waitFor()

    await expect.poll(() => controls.locator('[data-answers]').textContent(), { timeout: STEP_MS }).toMatch(/\b1 answer\b/)
    await expect.poll(() => stage.locator('[data-poll-results]').first().getAttribute('data-total', { timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toBe('1')
    await controls.locator('[data-action="close"]').click()
    await controls.locator('[data-action="open"]').waitFor()

    // The exercise runs at this deck's length: Start prepare sends the 30, and the room runs the 30's timing.
    await presenter.goto(`${deck.url}/presenter/${exercise.no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    await presenter.locator('[data-exercise-action="start-prepare"]:visible').first().click({ timeout: LOAD_MS })
    await expect.poll(() => presenter.locator('[data-exercise-live]:visible').first().getAttribute('data-exercise-live'), { timeout: STEP_MS }).toBe('prepare')
    const results = await fetch(`${deck.url}/api/results`, { headers: { Authorization: `Bearer ${deck.secret}` }, signal: AbortSignal.timeout(STEP_MS) })
    expect(results.status).toBe(200)
    expect((await results.json()).exercise).toMatchObject({ variant: LENGTH, phase: 'prepare' })
    await phone.getByText('Your ask').first().waitFor({ timeout: STEP_MS })
  }, 300_000)

  it('exports its kit with npm run export -- --deck: the 30\'s slides, guide, handout, cards and the session\'s results', async () => {
    expect(deck, 'the live run above started the deck').toBeDefined()
    // The session is over: the export reads what it stored.
    await deck!.process.stop()
    const out = join(dir, 'kit')
    const exported = runScript('bin/export.ts', ['--deck', DECK, '--db', deck!.dbPath, '--out', out], { NO_COLOR: '1' })
    const code = await exported.exited
    expect(code, exported.output()).toBe(0)
    for (const file of ['slides.pdf', 'facilitator-guide.pdf', 'participant-handout.pdf', 'paper-cards.pdf', 'results.pdf'])
      expect(existsSync(join(out, file)), `${file} in:\n${exported.output()}`).toBe(true)

    const slides = await readPdfText(join(out, 'slides.pdf'))
    expect(slides.numPages).toBe(slidesInVariant(talk, LENGTH).length)
    expect(slides.pages[0]).toContain('Asking for help, as a team')
    // A slide only the 45 has stays out of the 30.
    expect(slides.text).not.toContain('Trust compounds')
    expect(slides.text).toContain('Over time, people stop offering.')

    const flat = (text: string) => text.replace(/\s+/g, ' ')
    const guide = flat((await readPdfText(join(out, 'facilitator-guide.pdf'))).text)
    expect(guide).toContain('Asking for help, as a team')
    expect(guide).toContain(poll!.question)
    expect(flat((await readPdfText(join(out, 'paper-cards.pdf'))).text)).toMatch(/30 minutes/)
    const results = flat((await readPdfText(join(out, 'results.pdf'))).text)
    expect(results).toContain(poll!.question)
    expect(results).toContain(options[1]!)
  }, 300_000)
})
