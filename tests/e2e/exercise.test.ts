import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { ExerciseAction, ExerciseScreenView } from '../../core/protocol'
import type { ExerciseConnection, RoomConnection } from '../../room-client/connection'
import type { TestRoom } from '../../room/testing'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { launchBrowser } from '../../kit/browser'
import { buildPhonePage } from '../../phone/build'
import { createRoomConnection } from '../../room-client/connection'
import { startTestRoom } from '../../room/testing'

/**
 * The ask/offer exercise end to end: a real room server with the real phone
 * page, five phones in Chromium (odd, so a trio forms) and the facilitator's
 * control messages sent over a WebSocket with the secret, as the slide sends
 * them. The clock is moved on with `skip` rather than waited for.
 *
 * EXERCISE_SCREENSHOTS=<dir> keeps a screenshot of the phone in each state.
 */

const SECRET = 'e2e-exercise-secret'
const WAIT = { timeout: 10_000 }
const shots = process.env.EXERCISE_SCREENSHOTS

let browser: Browser
let origin: string
let facilitator: RoomConnection & ExerciseConnection
let screen: ExerciseScreenView | null = null
let test: TestRoom

beforeAll(async () => {
  // Five phones share 127.0.0.1 here; the default cap is 4 live identities per address.
  test = await startTestRoom({ secret: SECRET, phonePage: buildPhonePage, maxPerAddress: 0 })
  origin = test.baseUrl
  facilitator = createRoomConnection({ url: origin, role: { kind: 'screen', secret: SECRET }, WebSocket })
  facilitator.on('exerciseScreen', ({ exercise }) => {
    screen = exercise
  })
  browser = await launchBrowser()
  if (shots)
    mkdirSync(shots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  facilitator?.close()
  await test?.dispose()
})

/** What the slide's controls do: one action with the secret, resolved on the server's ack. */
async function control(action: ExerciseAction): Promise<void> {
  const deadline = Date.now() + 10_000
  while (facilitator.state.status !== 'open') {
    if (Date.now() > deadline)
      throw new Error('facilitator not connected')
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  const requestId = facilitator.exerciseControl(action)
  expect(requestId).not.toBeNull()
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${action.kind}`)), 10_000)
    facilitator.on('ack', (a) => {
      if (a.requestId === requestId) {
        clearTimeout(timer)
        resolve()
      }
    })
    facilitator.on('error', (e) => {
      if (e.requestId === requestId) {
        clearTimeout(timer)
        reject(new Error(e.message))
      }
    })
  })
}

interface Phone { context: BrowserContext, page: Page, problems: string[] }

async function newPhone(nickname?: string): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, acceptDownloads: true })
  if (nickname)
    await context.addInitScript(name => localStorage.setItem('room.nickname', name), nickname)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', message => message.type() === 'error' && problems.push(message.text()))
  await page.goto(`${origin}/join`)
  await page.getByText('Look up at the screen').waitFor(WAIT)
  return { context, page, problems }
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shots)
    return
  await page.waitForTimeout(350)
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

async function tokenOf(page: Page): Promise<string> {
  const heading = await page.locator('.ex-partner h1').textContent(WAIT)
  return (heading ?? '').replace(/^Find /, '')
}

describe('the ask/offer exercise with five phones', () => {
  it('runs prepare, pairing with a trio, two rounds with a swap, the debrief poll and a commitment', async () => {
    const names = ['Ada', 'Sam', undefined, 'Lee', undefined]
    const phones: Phone[] = []
    for (const name of names)
      phones.push(await newPhone(name))
    const [ada, sam, third, lee, fifth] = phones.map(p => p.page) as [Page, Page, Page, Page, Page]

    // ---- prepare ----
    await control({ kind: 'start-prepare', variant: 90 })
    for (const { page } of phones)
      await page.getByRole('heading', { name: 'Write your ask' }).waitFor(WAIT)
    await shot(ada, '01-prepare-empty')

    // Ada: a sentence starter, then her words; the hints react to the text.
    await ada.getByRole('button', { name: /^I am working on/ }).click()
    await ada.getByLabel(/Your ask/).fill('I am working on our onboarding guide')
    await ada.locator('.ex-hints li').first().waitFor(WAIT)
    expect(await ada.locator('.ex-hints').textContent()).toContain('by-when')
    await ada.getByLabel(/Your ask/).fill('I am working on our onboarding guide and could use a review from a new starter by Friday.')
    await expect.poll(() => ada.locator('.ex-hints li').count(), WAIT).toBe(0)
    await ada.locator('.chip', { hasText: 'Process' }).first().click()
    await ada.getByLabel('Offer 1').fill('An hour of pairing on TypeScript')
    await ada.getByRole('button', { name: '+ Add another offer' }).click()
    await ada.getByLabel('Offer 2').fill('Intro to our platform team')
    await shot(ada, '02-prepare-written')
    await ada.getByRole('button', { name: 'Save my ask' }).click()
    await ada.getByText('Your ask is in ✓').waitFor(WAIT)

    // Sam: an empty ask is refused with a clear message, then corrected; markup stays text.
    await sam.getByRole('button', { name: 'Save my ask' }).click()
    await sam.locator('.feedback[data-tone="error"]').waitFor(WAIT)
    // Each message sits on its field: the empty ask says what to do.
    expect(await sam.getByLabel(/Your ask/).getAttribute('aria-invalid')).toBe('true')
    expect(await sam.locator('.ex-prepare .field').first().locator('.ex-field-error').textContent()).toContain('or choose to pass')
    await shot(sam, '03-prepare-error')
    await sam.getByLabel(/Your ask/).fill('<b>I need</b> feedback on my conference talk by next week.')
    await sam.locator('.ex-prepare .chip', { hasText: 'Feedback' }).first().click()
    await sam.getByLabel('Offer 1').fill('Reviewing slides')
    await sam.getByRole('button', { name: 'Save my ask' }).click()
    await sam.getByText('Your ask is in ✓').waitFor(WAIT)

    // The third phone passes; the others write short asks.
    await third.getByRole('button', { name: /^Pass/ }).click()
    await third.getByText('You passed ✓').waitFor(WAIT)
    await shot(third, '04-prepare-passed')
    for (const page of [lee, fifth]) {
      await page.getByLabel(/Your ask/).fill('I could use advice on planning my next quarter by the end of the month.')
      await page.locator('.ex-prepare .chip', { hasText: 'Planning' }).first().click()
      await page.getByLabel('Offer 1').fill('Coffee and a listening ear')
      await page.getByRole('button', { name: 'Save my ask' }).click()
      await page.getByText('Your ask is in ✓').waitFor(WAIT)
    }
    await expect.poll(() => screen?.counts, WAIT).toMatchObject({ submitted: 5, asks: 4, passes: 1 })

    // ---- round 1: pairing, with one trio ----
    await control({ kind: 'form-pairs' })
    const tokens: string[] = []
    for (const page of [ada, sam, third, lee, fifth])
      tokens.push(await tokenOf(page))
    const sizes = Object.values(tokens.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {})).sort()
    expect(sizes).toEqual([2, 3])
    // Colour named in words, not colour alone.
    expect(await ada.locator('.ex-token-colour').textContent()).toMatch(/^[A-Z][a-z]+$/)
    // Passing means helping, never an asker's turn.
    expect(await third.locator('.ex-first').textContent()).toContain('You passed on asking, so you help')
    await shot(ada, '05-find-partner')
    await shot(third, '06-find-partner-trio-or-pass')
    await expect.poll(() => screen?.tokens.map(t => t.size).sort(), WAIT).toEqual([2, 3])

    await control({ kind: 'start-round' })
    await ada.locator('.ex-round').waitFor(WAIT)
    const adaRole1 = await ada.locator('.ex-round').getAttribute('data-role')
    expect(['focus', 'support']).toContain(adaRole1)
    expect(await ada.locator('.ex-time').textContent()).toMatch(/^\d+:\d\d$/)
    await shot(ada, '07-round-turn-1')
    await shot(sam, '08-round-turn-1-other')

    // Skip through ask, clarify and offer to the swap. The passer sits in the trio, so both groups
    // hold two asks and run exactly the room's steps.
    for (let i = 0; i < 3; i++)
      await control({ kind: 'skip' })
    await ada.getByText('⇄ Swap roles').waitFor(WAIT)
    await shot(ada, '09-swap')
    await control({ kind: 'skip' })
    await ada.locator('.ex-round:not(.is-swap)').waitFor(WAIT)
    // In a pair the roles flip; the trio's third member helps in both turns.
    const adaRole2 = await ada.locator('.ex-round').getAttribute('data-role')
    const adaInTrio = tokens.filter(t => t === tokens[0]).length === 3
    if (!adaInTrio)
      expect(adaRole2).not.toBe(adaRole1)
    await shot(ada, '10-round-turn-2')

    // Pause: the phone shows it and the time stands still.
    await control({ kind: 'pause' })
    await ada.locator('.ex-timer[data-status="paused"]').waitFor(WAIT)
    const paused = await ada.locator('.ex-time').textContent()
    await ada.waitForTimeout(1200)
    expect(await ada.locator('.ex-time').textContent()).toBe(paused)
    await shot(ada, '11-paused')
    await control({ kind: 'resume' })
    await control({ kind: 'extend', seconds: 60 })

    // ---- round 2: new partners ----
    await control({ kind: 'end-round' })
    await ada.locator('.ex-partner').waitFor(WAIT)
    expect(await ada.locator('.kicker').first().textContent()).toContain('Round 2')
    await control({ kind: 'start-round' })
    await ada.locator('.ex-round').waitFor(WAIT)
    await control({ kind: 'skip' })

    // ---- debrief: the question, then a poll through the usual poll flow ----
    await control({ kind: 'start-debrief' })
    await ada.locator('.ex-debrief').waitFor(WAIT)
    await shot(ada, '12-debrief')
    const poll = { id: 'debrief-felt', kind: 'choice' as const, question: 'Asking was…', options: ['Easier than I thought', 'About as hard', 'Harder'] }
    const opened = facilitator.control({ kind: 'open', poll })
    expect(opened).not.toBeNull()
    await ada.getByRole('heading', { name: poll.question }).waitFor(WAIT)
    await ada.getByText('Easier than I thought').click()
    await ada.getByRole('button', { name: 'Send answer' }).click()
    await ada.getByText('Your answer is in ✓').waitFor(WAIT)
    facilitator.control({ kind: 'close', pollId: poll.id })
    await ada.locator('.ex-debrief').waitFor(WAIT)

    // ---- commitment: saved on the phone and the server, downloadable ----
    await control({ kind: 'start-commitment' })
    await ada.locator('.ex-commit').waitFor(WAIT)
    await shot(ada, '13-commitment-empty')
    await ada.getByLabel('Who').fill('my lead, Priya')
    await ada.getByLabel('For what').fill('thirty minutes on the onboarding plan')
    await ada.getByLabel('By when').fill('Friday')
    await ada.getByRole('button', { name: 'Save my commitment' }).click()
    await ada.getByText('Saved ✓').waitFor(WAIT)
    expect(await ada.locator('.ex-sentence').textContent()).toBe('I will ask my lead, Priya for thirty minutes on the onboarding plan by Friday')
    await shot(ada, '14-commitment-saved')
    const [download] = await Promise.all([ada.waitForEvent('download', WAIT), ada.getByRole('button', { name: 'Add a reminder (.ics)' }).click()])
    expect(download.suggestedFilename()).toBe('my-commitment.ics')
    const ics = readFileSync((await download.path())!, 'utf8')
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain('SUMMARY:I will ask my lead\\, Priya')
    expect(await ada.evaluate(() => localStorage.getItem('room.commitment'))).toContain('Priya')
    await expect.poll(() => screen?.counts.commitments, WAIT).toBe(1)
    expect(JSON.stringify(screen)).not.toContain('Priya')

    await control({ kind: 'end' })
    await ada.locator('.ex-commit').waitFor(WAIT)
    await shot(ada, '15-done')
    await ada.emulateMedia({ media: 'print' })
    await shot(ada, '16-print')
    await ada.emulateMedia({ media: 'screen' })

    for (const phone of phones) {
      expect(phone.problems).toEqual([])
      await phone.context.close()
    }
  })
})
