import type { Browser } from 'playwright-chromium'
import type { PollDefinition } from '../../core/polls/definition'
import type { RoomServer } from '../../room/server'
import type { PhoneRoom } from './phone-room'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { newPhone as phoneIn, startRoom } from './phone-room'

const BUDGET_BYTES = 40 * 1024

let browser: Browser
let fixture: PhoneRoom
let origin: string
let control: PhoneRoom['control']
let votes: PhoneRoom['votes']
let room: RoomServer

beforeAll(async () => {
  fixture = await startRoom()
  ;({ origin, control, votes, room } = fixture)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await fixture?.stop()
})

const newPhone = () => phoneIn(browser)

describe('the phone page in Chromium against a real room', () => {
  it('loads light, shows the question, sends an answer and survives going offline', async () => {
    const { context, page } = await newPhone()
    // Script errors and CSP violations; refused sockets while offline are expected.
    const problems: string[] = []
    page.on('pageerror', error => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('ERR_INTERNET_DISCONNECTED'))
        problems.push(message.text())
    })
    const responses: Array<{ url: string, bytes: number }> = []
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes()
      responses.push({ url: request.url(), bytes: sizes.responseHeadersSize + sizes.responseBodySize })
    })
    await page.goto(`${origin}/join`, { waitUntil: 'load' })
    await expect.poll(() => page.textContent('#waiting-text')).toContain('Look up at the screen')
    // Everything the first load transferred, headers and gzipped bodies.
    const firstLoad = responses.reduce((sum, r) => sum + r.bytes, 0)
    console.warn(`phone first load: ${firstLoad} bytes over ${responses.length} request(s)`)
    expect(firstLoad).toBeLessThanOrEqual(BUDGET_BYTES)
    expect(responses.every(r => r.url.startsWith(origin))).toBe(true)

    const poll: PollDefinition = { id: 'first-ask', kind: 'choice', question: 'When did you last ask for help?', options: ['Today', 'This week', 'Can’t remember'] }
    await control({ kind: 'open', poll })
    const heading = page.getByRole('heading', { name: poll.question })
    await heading.waitFor()
    // Focus moves to the new question so screen readers read it out.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(poll.question)

    await page.getByText('This week').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('first-ask')).toEqual([{ participantId: expect.any(String), value: '1' }])

    // Offline: the banner shows, a changed answer is kept on the phone...
    await context.setOffline(true)
    await page.locator('#banner.is-shown').waitFor()
    await page.getByText('Can’t remember').click()
    await page.getByRole('button', { name: 'Update answer' }).click()
    await page.getByText('Saved on this phone').waitFor()
    await expect.poll(() => page.textContent('#banner')).toBe('Reconnecting… your answer is saved and will be sent')
    await new Promise(resolve => setTimeout(resolve, 500))
    expect(votes('first-ask')[0]?.value).toBe('1')

    // ...and lands exactly once when the network is back.
    await context.setOffline(false)
    await page.getByText('Your answer is in ✓').waitFor({ timeout: 15_000 })
    await page.locator('#banner.is-shown').waitFor({ state: 'hidden' })
    expect(votes('first-ask')).toEqual([{ participantId: expect.any(String), value: '2' }])

    await control({ kind: 'close', pollId: 'first-ask' })
    await page.locator('.closed-title', { hasText: 'Voting has closed' }).waitFor()
    expect(await page.textContent('.closed-answer')).toBe('Your answer: C · Can’t remember')
    expect(await page.locator('input[type=radio]:enabled').count()).toBe(0)

    // A reload keeps the participant and shows the answer they gave.
    await control({ kind: 'open', poll: { ...poll, id: 'second-ask' } })
    await page.getByText('Today').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    await page.reload()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(await page.getByLabel('Today').isChecked()).toBe(true)
    expect(room.storage.countVotes(room.room.session)).toBe(2)
    expect(problems).toEqual([])
    await context.close()
  })

  it('keeps an answer given offline when the tab is closed, and sends it on the next visit', async () => {
    const { context, page } = await newPhone()
    const poll: PollDefinition = { id: 'offline-close', kind: 'choice', question: 'Who would you ask first?', options: ['A colleague', 'My manager', 'A friend'] }
    await control({ kind: 'open', poll })
    await page.goto(`${origin}/join`, { waitUntil: 'load' })
    await page.getByRole('heading', { name: poll.question }).waitFor()

    await context.setOffline(true)
    await page.locator('#banner.is-shown').waitFor()
    await page.getByText('A friend').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Saved on this phone').waitFor()
    // The tab goes away before the network comes back: the phone slept, the browser closed it.
    await page.close()
    expect(votes('offline-close')).toEqual([])

    await context.setOffline(false)
    const again = await context.newPage()
    await again.goto(`${origin}/join`, { waitUntil: 'load' })
    await again.getByText('Your answer is in ✓').waitFor({ timeout: 15_000 })
    expect(votes('offline-close')).toEqual([{ participantId: expect.any(String), value: '2' }])
    expect(await again.evaluate(() => localStorage.getItem('room.pending'))).toBeNull()
    await control({ kind: 'close', pollId: 'offline-close' })
    await context.close()
  })

  it('keeps the identity the room issued across reloads; a forged or made-up one joins as someone new', async () => {
    const { context, page } = await newPhone()
    const stored = async (): Promise<{ participantId: string, token: string } | null> => JSON.parse(await page.evaluate(() => localStorage.getItem('room.identity')) ?? 'null')
    await page.goto(`${origin}/join`)
    await page.locator('#status[data-state=open]').waitFor()
    const issued = (await stored())!
    expect(issued).toEqual({ participantId: expect.stringMatching(/^[\w-]{22}$/), token: expect.stringMatching(/^[\w-]{43}$/) })

    const poll: PollDefinition = { id: 'whose', kind: 'choice', question: 'Whose answer is this?', options: ['Mine', 'Someone else’s'] }
    await control({ kind: 'open', poll })
    await page.getByText('Mine').click()
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('whose')).toEqual([{ participantId: issued.participantId, value: '0' }])
    await page.reload()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(await stored()).toEqual(issued)

    // Someone who learnt the id but not the token: refused, so the page joins as a new participant
    // and shows none of the first one's answer.
    await page.evaluate(id => localStorage.setItem('room.identity', JSON.stringify({ participantId: id, token: 'x'.repeat(43) })), issued.participantId)
    await page.reload()
    await page.locator('#status[data-state=open]').waitFor()
    await expect.poll(async () => (await stored())?.participantId).not.toBe(issued.participantId)
    await page.getByRole('button', { name: 'Send answer' }).waitFor()
    expect(await page.getByLabel('Mine').isChecked()).toBe(false)

    // A phone from before the room issued identities made its id up: it is dropped, not sent.
    await page.evaluate(() => {
      localStorage.removeItem('room.identity')
      localStorage.setItem('room.participantId', 'made-up-by-the-phone-01')
    })
    await page.reload()
    await page.locator('#status[data-state=open]').waitFor()
    expect(await page.evaluate(() => localStorage.getItem('room.participantId'))).toBeNull()
    expect((await stored())?.participantId).toMatch(/^[\w-]{22}$/)
    expect(votes('whose')).toHaveLength(1)
    await control({ kind: 'close', pollId: 'whose' })
    await context.close()
  })

  it('tells a phone turned away by the per-address cap why, and gets in once there is room', async () => {
    const small = await startRoom({ maxPerAddress: 1 })
    try {
      const first = await newPhone()
      await first.page.goto(`${small.origin}/join`)
      await first.page.locator('#status[data-state=open]').waitFor()
      const second = await newPhone()
      await second.page.goto(`${small.origin}/join`)
      await second.page.locator('#waiting-text', { hasText: 'Too many phones are using this network address' }).waitFor()
      await first.context.close()
      await second.page.locator('#status[data-state=open]').waitFor({ timeout: 20_000 })
      await second.context.close()
    }
    finally {
      await small.stop()
    }
  })

  it('shows the open poll from the page itself, before its socket reaches the room', async () => {
    const { context, page } = await newPhone()
    const poll: PollDefinition = { id: 'island', kind: 'choice', question: 'Seen before the socket?', options: ['Yes', 'No'] }
    await control({ kind: 'open', poll })
    // The socket is held by the test and never answered, like a link where the upgrade is still in flight.
    await page.routeWebSocket(/\/api\/ws/, () => {})
    await page.goto(`${origin}/join`, { waitUntil: 'load' })
    await page.getByRole('heading', { name: poll.question }).waitFor()
    expect(await page.getByLabel('Yes').isEnabled()).toBe(true)
    await control({ kind: 'close', pollId: 'island' })
    await context.close()
  })

  it('renders server text as text, never as markup', async () => {
    const { context, page } = await newPhone()
    await page.goto(`${origin}/join`)
    const evil = '<img src=x onerror="window.pwned=1">'
    await control({ kind: 'open', poll: { id: 'xss', kind: 'multi', question: `Is ${evil} safe?`, options: ['<script>window.pwned=2</script>', '<b>bold</b>'] } })
    await page.getByRole('heading', { name: `Is ${evil} safe?` }).waitFor()
    await page.getByText('<script>window.pwned=2</script>').waitFor()
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
    expect(await page.locator('main img, main b, main script').count()).toBe(0)
    await context.close()
  })

  it('answers every poll kind with the keyboard and the touch controls', async () => {
    const { context, page } = await newPhone()
    await page.goto(`${origin}/join`)
    await page.locator('#status[data-state=open]').waitFor()

    // Keyboard only: focus lands on the question, Tab reaches the options, arrows pick, Enter sends.
    await control({ kind: 'open', poll: { id: 'k-keys', kind: 'choice', question: 'Keyboard?', options: ['One', 'Two', 'Three'] } })
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keyboard?')
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Send answer')
    await page.keyboard.press('Enter')
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('k-keys')[0]?.value).toBe('1')

    await control({ kind: 'open', poll: { id: 'k-scale', kind: 'scale', question: 'How easy is asking?', min: 0, max: 10, minLabel: 'Very hard', maxLabel: 'Easy' } })
    await page.getByText('4', { exact: true }).click()
    // Every tappable thing is at least 48 x 48 CSS pixels, even 11 scale steps on a 390 px phone.
    const targets = await page.locator('.card, button, input:not(.visually-hidden-input), textarea, summary').evaluateAll(els =>
      els.map((el) => {
        const box = el.getBoundingClientRect()
        return { what: el.textContent?.trim() || el.tagName, width: box.width, height: box.height }
      }))
    expect(targets.length).toBeGreaterThan(12)
    for (const target of targets)
      expect(Math.min(target.width, target.height), target.what).toBeGreaterThanOrEqual(48)
    await page.keyboard.press('Enter')
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('k-scale')[0]?.value).toBe('4')

    await control({ kind: 'open', poll: { id: 'k-estimate', kind: 'estimate', question: 'How many minutes a week?', min: 0, max: 600, unit: 'minutes' } })
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Enter a number from 0 to 600.').waitFor()
    await page.getByLabel('Your estimate in minutes').fill('45')
    expect(await page.getByRole('slider').inputValue()).toBe('45')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('k-estimate')[0]?.value).toBe('45')

    await control({ kind: 'open', poll: { id: 'k-words', kind: 'words', question: 'One word for asking?', maxWords: 2 } })
    await page.getByLabel('Word 1').fill('Brave')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    // Stored as typed; the room counts "Brave" and "brave" as one word.
    expect(votes('k-words')[0]?.value).toBe('["Brave"]')

    await control({ kind: 'open', poll: { id: 'k-text', kind: 'text', question: 'What stops you?', maxLength: 120 } })
    await page.getByLabel('Your answer').fill('Not wanting to bother people')
    expect(await page.textContent('.counter')).toBe('28 / 120 characters')
    await page.getByRole('button', { name: 'Send answer' }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    expect(votes('k-text')[0]?.value).toBe('"Not wanting to bother people"')
    await context.close()
  })

  // PHONE_SCREENSHOTS=<dir> npx vitest run --project e2e tests/e2e/phone.test.ts
  it.runIf(process.env.PHONE_SCREENSHOTS)('takes a screenshot of every state', async () => {
    const out = process.env.PHONE_SCREENSHOTS!
    mkdirSync(out, { recursive: true })
    // A fresh room, so the first picture shows the waiting state.
    const { origin, control, stop } = await startRoom()
    const { context, page } = await newPhone()
    const shot = (name: string) => page.screenshot({ path: join(out, `${name}.png`) })
    await page.goto(`${origin}/join`)
    await page.getByText('Look up at the screen').waitFor()
    await shot('01-waiting')

    const polls: PollDefinition[] = [
      { id: 's-choice', kind: 'choice', question: 'When you are stuck, how long do you wait before asking?', options: ['A few minutes', 'An hour or so', 'Until the end of the day', 'I rarely ask'] },
      { id: 's-multi', kind: 'multi', question: 'What makes asking for help hard?', options: ['Looking incompetent', 'Bothering busy people', 'Not knowing whom to ask', 'Wanting to solve it myself'] },
      { id: 's-scale', kind: 'scale', question: 'How comfortable are you asking your lead for help?', min: 0, max: 10, minLabel: 'Not at all', maxLabel: 'Completely' },
      { id: 's-estimate', kind: 'estimate', question: 'How many hours a week does your team lose to being stuck?', min: 0, max: 40, unit: 'hours' },
      { id: 's-words', kind: 'words', question: 'One word: how does asking for help feel?', maxWords: 3 },
      { id: 's-text', kind: 'text', question: 'What is one thing you could ask for help with this week?', maxLength: 280 },
    ]
    for (const poll of polls) {
      await control({ kind: 'open', poll })
      await page.getByRole('heading', { name: poll.question }).waitFor()
      await page.waitForTimeout(400)
      await shot(`02-${poll.kind}`)
      if (poll.kind === 'estimate') {
        await page.getByRole('spinbutton').fill('150')
        await page.getByText('Enter a number from 0 to 40.').waitFor()
        await shot('02-estimate-out-of-range')
      }
    }
    await page.getByLabel('Your answer').fill('Pairing on the deploy script — I have been stuck on it since Monday.')
    await shot('03-text-typed')

    await control({ kind: 'open', poll: polls[0]! })
    await page.getByText('An hour or so').click()
    await page.getByRole('button', { name: /answer/ }).click()
    await page.getByText('Your answer is in ✓').waitFor()
    await shot('04-sent')

    await context.setOffline(true)
    await page.locator('#banner.is-shown').waitFor()
    await page.getByText('A few minutes').click()
    await page.getByRole('button', { name: 'Update answer' }).click()
    await page.getByText('Saved on this phone').waitFor()
    await page.waitForTimeout(300)
    await shot('05-offline')
    await context.setOffline(false)
    await page.getByText('Your answer is in ✓').waitFor({ timeout: 15_000 })

    await control({ kind: 'close', pollId: polls[0]!.id })
    await page.locator('.closed-title', { hasText: 'Voting has closed' }).waitFor()
    await shot('06-closed')

    await page.getByText('Add your name').click()
    await page.getByLabel('Your name').fill('Sam')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved. Hello, Sam!').waitFor()
    await shot('07-name')
    await page.emulateMedia({ colorScheme: 'dark' })
    await control({ kind: 'open', poll: polls[1]! })
    await page.getByText('Bothering busy people').click()
    await page.waitForTimeout(400)
    await shot('08-dark-multi')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('heading', { name: polls[1]!.question }).focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await shot('09-keyboard-focus')
    await context.close()
    await stop()
  })
})
