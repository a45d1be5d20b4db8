import type { Browser, BrowserContext, Locator, Page } from 'playwright-chromium'
import type { ResultsExport } from '../../core/protocol'
import type { RunningDeck } from '../support/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPoll } from '../../core/talk/deck'
import { launchBrowser } from '../../kit/browser'
import { loadDeck } from '../../room/deck-file'
import { startDeck } from '../support/deck'
import { slideOfPoll } from './slidev-routes'

/**
 * The live room end to end: the deck started like `npm start`, the presenter
 * view in one browser context, an audience projector and phones in others.
 */

const POLL_ID = 'when-stuck'
const poll = findPoll(loadDeck().talk, POLL_ID)
const options = poll?.kind === 'choice' ? poll.options : []
/** Every wait in this file is bounded by one of these. */
const LOAD_MS = 60_000
const STEP_MS = 15_000

let deck: RunningDeck
let browser: Browser
const contexts: BrowserContext[] = []

async function newPage(viewport = { width: 1280, height: 720 }): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  return { context, page }
}

async function joinPhone(): Promise<{ context: BrowserContext, page: Page }> {
  const phone = await newPage({ width: 390, height: 844 })
  await phone.page.goto(`${deck.url}/join`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  return phone
}

async function vote(page: Page, option: string): Promise<void> {
  await page.getByText(option, { exact: true }).click()
  await page.getByRole('button', { name: 'Send answer' }).click()
}

async function latestRound(pollId: string): Promise<{ total: number, counts: number[] }> {
  const response = await fetch(`${deck.url}/api/results`, { headers: { Authorization: `Bearer ${deck.secret}` }, signal: AbortSignal.timeout(STEP_MS) })
  expect(response.status).toBe(200)
  const data = await response.json() as ResultsExport
  const rounds = data.polls.filter(p => p.poll.id === pollId).sort((a, b) => b.round - a.round)
  const latest = rounds[0]
  if (!latest || (latest.tally.kind !== 'choice' && latest.tally.kind !== 'multi'))
    return { total: 0, counts: [] }
  return { total: latest.total, counts: latest.tally.counts }
}

const shownTotal = (stage: Locator) => () => stage.locator('[data-poll-results]').first().getAttribute('data-total', { timeout: 1000 }).catch(() => null)

beforeAll(async () => {
  expect(options.length, `poll ${POLL_ID} is a single-choice poll in slides.md`).toBeGreaterThan(2)
  ;[deck, browser] = await Promise.all([startDeck(), launchBrowser()])
})

afterAll(async () => {
  await Promise.allSettled(contexts.map(c => c.close()))
  await browser?.close()
  await deck?.stop()
})

describe('live poll on the slides', () => {
  it('runs a poll from the presenter view while phones vote, and counts an offline vote once', async () => {
    // The presenter opens the link `npm start` prints; the secret leaves the address bar.
    const { page: presenter } = await newPage()
    await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    await expect.poll(() => new URL(presenter.url()).searchParams.has('room'), { timeout: LOAD_MS }).toBe(false)
    const no = await slideOfPoll(presenter, POLL_ID)
    expect(no, `a slide with poll ${POLL_ID}`).toBeGreaterThan(0)
    await presenter.goto(`${deck.url}/presenter/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    expect(presenter.url()).not.toContain(deck.secret)

    const stage = presenter.locator(`[data-poll-stage="${POLL_ID}"]:visible`).first()
    const controls = stage.locator(`[data-poll-controls="${POLL_ID}"]`)
    await controls.waitFor({ timeout: LOAD_MS })

    // An audience screen without the secret: read-only, results hidden until the reveal.
    const { page: projector } = await newPage()
    await projector.goto(`${deck.url}/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    const screen = projector.locator(`[data-poll-stage="${POLL_ID}"]:visible`).first()
    await screen.waitFor({ timeout: LOAD_MS })
    expect(await screen.locator('[data-poll-controls]').count()).toBe(0)

    // Open with the keyboard.
    await controls.locator('[data-action="open"]').focus()
    await presenter.keyboard.press('Enter')
    await controls.locator('[data-action="close"]').waitFor()
    await expect.poll(() => screen.locator('[data-waiting]').getAttribute('data-waiting', { timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toBe('open')

    // Three phones vote.
    const phones = await Promise.all([joinPhone(), joinPhone(), joinPhone()])
    const picks = [options[0]!, options[1]!, options[1]!]
    await Promise.all(phones.map(async ({ page }, i) => {
      await page.getByText(poll!.question).waitFor({ timeout: LOAD_MS })
      await vote(page, picks[i]!)
      await page.getByText(/Your answer is in/).first().waitFor()
    }))
    await expect.poll(shownTotal(stage), { timeout: STEP_MS }).toBe('3')
    await expect.poll(() => controls.locator('[data-answers]').textContent(), { timeout: STEP_MS }).toContain('3 answers')
    // The projector still only knows that a poll is running.
    expect(await screen.locator('[data-poll-results]').count()).toBe(0)

    // A fourth phone loses the network, answers anyway, and comes back.
    const late = await joinPhone()
    await late.page.getByText(poll!.question).waitFor({ timeout: LOAD_MS })
    await late.context.setOffline(true)
    await vote(late.page, options[2]!)
    await late.page.getByText(/Saved on this phone/).first().waitFor()
    expect((await latestRound(POLL_ID)).total).toBe(3)
    await late.context.setOffline(false)
    await late.page.getByText(/Your answer is in/).first().waitFor({ timeout: 30_000 })
    await expect.poll(async () => (await latestRound(POLL_ID)).total, { timeout: STEP_MS }).toBe(4)
    const round = await latestRound(POLL_ID)
    expect(round.counts.reduce((a, b) => a + b, 0)).toBe(4)
    expect(round.counts.slice(0, 3)).toEqual([1, 2, 1])
    await expect.poll(shownTotal(stage), { timeout: STEP_MS }).toBe('4')

    // Reveal with the mouse: the projector draws the bars.
    await controls.locator('[data-action="reveal"]').click()
    await expect.poll(shownTotal(screen), { timeout: STEP_MS }).toBe('4')
    expect(await screen.locator('table caption').first().textContent()).toContain('4 answers')

    // Close: phones stop accepting answers, the tally stays.
    await controls.locator('[data-action="close"]').click()
    await controls.locator('[data-action="open"]').waitFor()
    await phones[0]!.page.getByText('Voting has closed').first().waitFor()
    expect((await latestRound(POLL_ID)).total).toBe(4)
  })

  it('prints a poll without opening a socket', async () => {
    const { page: finder } = await newPage()
    await finder.goto(`${deck.url}/1`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    const no = await slideOfPoll(finder, POLL_ID)
    expect(no, `a slide with poll ${POLL_ID}`).toBeGreaterThan(0)
    const { page } = await newPage()
    const sockets: string[] = []
    page.on('websocket', ws => sockets.push(ws.url()))
    await page.goto(`${deck.url}/${no}?print`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    const stage = page.locator(`[data-poll-stage="${POLL_ID}"]`).first()
    await stage.waitFor({ timeout: LOAD_MS })
    // Stored results (revealed in the test above) or the calm empty state, never a live view.
    await expect.poll(async () => {
      const total = await stage.locator('[data-poll-results]').first().getAttribute('data-total', { timeout: 500 }).catch(() => null)
      const empty = await stage.getAttribute('data-print')
      return total === '4' || (empty !== null && await stage.getByText('Results appear here after a live session').count() > 0)
    }, { timeout: STEP_MS }).toBe(true)
    expect(sockets.filter(url => url.includes('/api/ws'))).toEqual([])
  })
})
