import type { Browser, Page, Request } from 'playwright-chromium'
import type { ExerciseAction } from '../../core/protocol'
import type { ExerciseConnection, RoomConnection } from '../../room-client/connection'
import type { PhoneRoom } from './phone-room'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { launchBrowser } from '../../kit/browser'
import { createRoomConnection } from '../../room-client/connection'
import { newPhone, SECRET, startRoom } from './phone-room'

/**
 * The exercise screens are a second chunk of the phone page: not in the first
 * load, fetched from the laptop once the page is connected and idle (or when an
 * exercise needs them), pinned by integrity, and a phone that cannot fetch
 * them says so and offers a retry instead of a blank screen.
 */

const WAIT = { timeout: 15_000 }
const CHUNK = /\/join\/exercise\.[0-9a-f]+\.js$/

let browser: Browser
let fixture: PhoneRoom
let facilitator: RoomConnection & ExerciseConnection

beforeAll(async () => {
  fixture = await startRoom()
  facilitator = createRoomConnection({ url: fixture.origin, role: { kind: 'screen', secret: SECRET }, WebSocket })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  facilitator?.close()
  await fixture?.stop()
})

/** What the exercise slide's controls send, resolved on the server's ack. */
async function exerciseControl(action: ExerciseAction): Promise<void> {
  if (facilitator.state.status !== 'open')
    await new Promise<void>(resolve => facilitator.on('status', s => s === 'open' && resolve()))
  const requestId = facilitator.exerciseControl(action)
  expect(requestId).not.toBeNull()
  await new Promise<void>((resolve, reject) => {
    facilitator.on('ack', a => a.requestId === requestId && resolve())
    facilitator.on('error', e => e.requestId === requestId && reject(new Error(e.message)))
  })
}

let started = false
async function startExercise(): Promise<void> {
  if (!started)
    await exerciseControl({ kind: 'start-prepare' })
  started = true
}

/** Script errors and CSP violations on a page. */
function problemsOf(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('net::ERR_INTERNET_DISCONNECTED'))
      problems.push(message.text())
  })
  return problems
}

describe('the exercise chunk of the phone page', () => {
  it('stays out of the first load, comes from the laptop at idle, pinned and cached, and is there when the exercise starts', async () => {
    const { context, page } = await newPhone(browser)
    const problems = problemsOf(page)
    const requests: Request[] = []
    page.on('request', request => requests.push(request))
    await page.goto(`${fixture.origin}/join`)
    await page.getByText('Look up at the screen').waitFor(WAIT)
    // Joined: the page (and its socket, which is no request here), nothing else yet.
    expect(requests.map(r => new URL(r.url()).pathname)).toEqual(['/join'])

    // Idle after joining: the chunk is fetched once, from the same origin, gzipped, cacheable for good.
    await expect.poll(() => requests.filter(r => CHUNK.test(r.url())).length, WAIT).toBe(1)
    const chunk = requests.find(r => CHUNK.test(r.url()))!
    const response = await chunk.response()
    expect(chunk.url().startsWith(`${fixture.origin}/join/`)).toBe(true)
    expect(response?.status()).toBe(200)
    const headers = await response!.allHeaders()
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(headers['content-encoding']).toBe('gzip')
    expect(headers['cache-control']).toContain('immutable')
    // The element that asked for it carried its integrity, so changed bytes would never run.
    const integrity = await page.evaluate(() => document.getElementById('exercise')?.dataset.integrity ?? '')
    expect(integrity).toMatch(/^sha384-[\w+/]+=*$/)

    await startExercise()
    await page.getByRole('heading', { name: 'Write your ask' }).waitFor(WAIT)
    expect(requests.filter(r => CHUNK.test(r.url()))).toHaveLength(1)
    // exercise.css came with it, admitted by the page's CSP (a violation would be a console error).
    expect(await page.locator('.ex-head').evaluate(el => getComputedStyle(el).display)).toBe('flex')
    expect(problems).toEqual([])

    // A name the page never gave is not served.
    const unknown = await page.request.get(`${fixture.origin}/join/exercise.0123456789abcdef.js`)
    expect(unknown.status()).toBe(404)
    await context.close()
  })

  it('says so when the chunk cannot be fetched, keeps the poll working, and loads it on "Try again"', async () => {
    // An exercise is running: this phone needs the chunk at once.
    await startExercise()
    const { context, page } = await newPhone(browser)
    const problems = problemsOf(page)
    let blocked = true
    let attempts = 0
    await page.route(CHUNK, (route) => {
      attempts++
      return blocked ? route.abort('internetdisconnected') : route.continue()
    })
    await page.goto(`${fixture.origin}/join`)
    const heading = page.getByRole('heading', { name: 'The exercise didn’t load' })
    await heading.waitFor(WAIT)
    expect(await page.locator('#exercise .waiting-text').textContent()).toContain('workshop’s Wi-Fi')
    // The announcer clears and refills a beat later so screen readers hear a repeat: wait for it.
    await expect.poll(() => page.locator('#announce').textContent(), WAIT).toContain('did not load')
    const retry = page.getByRole('button', { name: 'Try again' })
    // A screen like the others: a 44 px target, and nothing axe objects to.
    expect((await retry.boundingBox())?.height).toBeGreaterThanOrEqual(44)
    expect((await new AxeBuilder({ page }).include('#main').analyze()).violations.map(v => v.id)).toEqual([])

    // Still blocked: the retry asks again, fails the same way, and says so again.
    const before = attempts
    await retry.click()
    await expect.poll(() => attempts, WAIT).toBe(before + 1)
    await retry.waitFor(WAIT)

    // A poll opened meanwhile takes the phone: a missing chunk never stops the polls.
    const poll = { id: 'chunk-missing', kind: 'choice' as const, question: 'Can you still vote?', options: ['Yes', 'No'] }
    await fixture.control({ kind: 'open', poll })
    await page.getByRole('heading', { name: poll.question }).waitFor(WAIT)
    await page.getByText('Yes').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor(WAIT)
    expect(fixture.votes(poll.id)).toHaveLength(1)
    await fixture.control({ kind: 'close', pollId: poll.id })
    await retry.waitFor(WAIT)

    blocked = false
    await retry.click()
    await page.getByRole('heading', { name: 'Write your ask' }).waitFor(WAIT)
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(problems).toEqual([])
    await context.close()
  })
})
