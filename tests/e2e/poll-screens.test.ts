import type { Browser, BrowserContext, Locator, Page } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { AxeBuilder } from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'
import { slideOfPoll } from './slidev-routes'

/**
 * The one-laptop setup: the presenter view and the projector window in the
 * SAME browser context, so the projector holds the presenter's cookie and
 * stored secret. The projector must still show no control, no facilitator
 * count and nothing of a private poll; only Slidev's /presenter route does.
 * Screenshots of both views land in $POLL_SCREENSHOTS (if set) to look at.
 */

const LOAD_MS = 60_000
const STEP_MS = 15_000
const SHOTS = process.env.POLL_SCREENSHOTS

let deck: RunningDeck
let browser: Browser
let laptop: BrowserContext
let presenter: Page
let projector: Page
const contexts: BrowserContext[] = []

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS)
    return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Both windows to the slide of `pollId`; returns the two visible stages. */
async function goTo(pollId: string): Promise<{ no: number, stage: Locator, screen: Locator, controls: Locator }> {
  const no = await slideOfPoll(presenter, pollId)
  expect(no, `a slide with poll ${pollId}`).toBeGreaterThan(0)
  await presenter.goto(`${deck.url}/presenter/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  await projector.goto(`${deck.url}/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  const stage = presenter.locator(`[data-poll-stage="${pollId}"]:visible`).first()
  const screen = projector.locator(`[data-poll-stage="${pollId}"]:visible`).first()
  const controls = stage.locator(`[data-poll-controls="${pollId}"]`)
  await controls.waitFor({ timeout: LOAD_MS })
  await screen.waitFor({ timeout: LOAD_MS })
  return { no, stage, screen, controls }
}

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  await page.goto(`${deck.url}/join`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  return page
}

/** Everything on the projector that belongs to the facilitator. */
async function facilitatorBits(screen: Page): Promise<string[]> {
  return screen.evaluate(() => {
    // Slidev's own navigation sits outside #slide-content; everything of ours is inside it.
    const selectors = ['[data-poll-controls]', '[data-integrity-warning]', '[data-hidden-from-room]', '[data-room-sees-only-now]', '[data-secret-alert]', '[data-storage-alert]', '[data-exercise-controls]', 'button', 'details']
    return selectors.filter(s => [...document.querySelectorAll(`#slide-content ${s}`)].some(el => (el as HTMLElement).offsetParent !== null))
  })
}

const waiting = (screen: Locator) => () => screen.locator('[data-waiting]').first().getAttribute('data-waiting', { timeout: 1000 }).catch(() => null)
const noteText = (screen: Locator) => () => screen.locator('.poll-stage-note').first().textContent({ timeout: 1000 }).catch(() => null)
const activeAction = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? document.activeElement?.tagName ?? null)

beforeAll(async () => {
  // Every test phone comes from 127.0.0.1: no per-address cap here (room-limits tests it).
  ;[deck, browser] = await Promise.all([startDeck({ args: ['--max-per-address', '0'] }), launchBrowser()])
  laptop = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  contexts.push(laptop)
  presenter = await laptop.newPage()
  presenter.setDefaultTimeout(STEP_MS)
  await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  await presenter.waitForURL(url => !url.searchParams.has('room'), { timeout: LOAD_MS })
  // The projector window: same browser, same cookie, same storage.
  projector = await laptop.newPage()
  projector.setDefaultTimeout(STEP_MS)
}, 200_000)

afterAll(async () => {
  await Promise.allSettled(contexts.map(c => c.close()))
  await browser?.close()
  await deck?.stop()
})

describe('poll screens in the one-laptop setup', () => {
  it('the projector says the truth in every state and never shows a control', async () => {
    const { stage, screen, controls } = await goTo('when-stuck')
    // Slidev's presenter cursor starts off, so it is not mirrored onto the charts.
    expect(await projector.evaluate(() => localStorage.getItem('slidev-presenter-cursor'))).toBe('false')
    expect(await facilitatorBits(projector)).toEqual([])
    await expect.poll(waiting(screen), { timeout: STEP_MS }).toBe('idle')
    expect(await noteText(screen)()).toContain('Get your phone ready')
    // Options are lettered A-D on the projector.
    expect(await screen.locator('.ws-poll-options li').count()).toBe(4)
    expect(await screen.evaluate(el => getComputedStyle(el.querySelector('.ws-poll-options')!).listStyleType)).toBe('upper-alpha')
    await shot(presenter, 'presenter-idle')
    await shot(projector, 'projector-idle')

    // Presenter buttons: 44 px on screen, focus kept after a mouse click, Space stays on the control.
    const open = controls.locator('[data-action="open"]')
    const box = await open.boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(44)
    await open.click()
    await controls.locator('[data-action="close"]').waitFor()
    expect(await activeAction(presenter)).toBe('close')
    const url = presenter.url()
    const reveal = controls.locator('[data-action="reveal"]')
    await reveal.focus()
    await presenter.keyboard.press('Space')
    await expect.poll(() => reveal.getAttribute('aria-pressed'), { timeout: STEP_MS }).toBe('true')
    await presenter.keyboard.press('Space')
    await expect.poll(() => reveal.getAttribute('aria-pressed'), { timeout: STEP_MS }).toBe('false')
    // Space acted on the button both times and never advanced the slide; focus never dropped to <body>.
    expect(presenter.url()).toBe(url)
    expect(await activeAction(presenter)).toBe('reveal')

    await expect.poll(waiting(screen), { timeout: STEP_MS }).toBe('open')
    const p = await phone()
    await p.getByText('An hour', { exact: false }).first().click()
    await p.getByRole('button', { name: 'Send answer' }).click()
    await expect.poll(noteText(screen), { timeout: STEP_MS }).toMatch(/Answer on your phone: 1 answer so far/)
    expect(await screen.locator('[data-poll-results]').count()).toBe(0)
    await shot(presenter, 'presenter-open')
    await shot(projector, 'projector-open')

    await controls.locator('[data-action="close"]').click()
    await expect.poll(waiting(screen), { timeout: STEP_MS }).toBe('closed')
    expect(await noteText(screen)()).toMatch(/Poll closed, 1 answer/)
    expect(await facilitatorBits(projector)).toEqual([])

    await controls.locator('[data-action="reveal"]').click()
    await expect.poll(() => screen.locator('[data-answer-total]').textContent({ timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toContain('1 answer')
    expect(await screen.locator('.poll-bar-letter').allTextContents()).toEqual(['A', 'B', 'C', 'D'])
    // The presenter's own results stream says "revealed" on its next message, which may land after the projector's.
    await expect.poll(() => stage.locator('[data-hidden-from-room]').count(), { timeout: STEP_MS }).toBe(0)
    await shot(presenter, 'presenter-revealed')
    await shot(projector, 'projector-revealed')

    // Reset asks first; the safe choice has focus, and focus comes back to Reset.
    await controls.locator('[data-action="reset"]').click()
    expect(await activeAction(presenter)).toBe('reset-cancel')
    await presenter.keyboard.press('Enter')
    expect(await activeAction(presenter)).toBe('reset')
  })

  it('the slide content sits in a landmark on the projector, and axe finds nothing wrong with a poll', async () => {
    expect(await projector.evaluate(() => document.querySelector('#slideshow')?.getAttribute('role'))).toBe('main')
    // Slidev's own chrome (the hover toolbar in #slide-content's controls, the dialogs it mounts) is upstream's:
    // excluded by selector. Everything inside #slideshow is ours.
    const region = await new AxeBuilder({ page: projector }).withRules(['region']).exclude('.slidev-nav-controls').exclude('#slide-container > :not(#slide-content)').analyze()
    const targets = region.violations.flatMap(v => v.nodes.map(n => String(n.target[0])))
    const ours = await projector.evaluate(list => list.filter(t => document.querySelector(t)?.closest('#slideshow')), targets)
    expect(ours).toEqual([])
    const poll = await new AxeBuilder({ page: projector }).include('[data-poll-stage]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    expect(poll.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)).toEqual([])
  })

  it('a private poll offers no reveal and draws no answer on either screen', async () => {
    const { stage, screen, controls } = await goTo('my-ask')
    expect(await controls.locator('[data-action="reveal"]').count()).toBe(0)
    expect(await controls.locator('[data-private]').count()).toBe(1)
    await controls.locator('[data-action="open"]').click()
    const p = await phone()
    await p.getByRole('textbox').first().fill('I will ask Priya for feedback by Friday')
    await p.getByRole('button', { name: 'Send answer' }).click()
    await expect.poll(() => stage.locator('[data-waiting="private"] [data-answer-count]').textContent({ timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toContain('1 answer')
    expect(await presenter.getByText('Priya').count()).toBe(0)
    expect(await projector.getByText('Priya').count()).toBe(0)
    await expect.poll(noteText(screen), { timeout: STEP_MS }).toMatch(/private: answers are never shown/)
    expect(await facilitatorBits(projector)).toEqual([])
    await shot(presenter, 'presenter-private')
    await shot(projector, 'projector-private')
    await controls.locator('[data-action="close"]').click()
  })

  it('the estimate reveal: the answer label (48%) never covers the mean (46.6%)', async () => {
    const { screen, controls } = await goTo('yes-estimate')
    await controls.locator('[data-action="open"]').click()
    // Five guesses whose mean is 46.6.
    for (const guess of [40, 45, 50, 48, 50]) {
      const p = await phone()
      const box = p.getByRole('spinbutton').first()
      await box.fill(String(guess))
      await p.getByRole('button', { name: 'Send answer' }).click()
      await p.getByText(/Your answer is in/).first().waitFor()
    }
    await controls.locator('[data-action="close"]').click()
    await controls.locator('[data-action="reveal"]').click()
    const answer = screen.locator('[data-marker="answer"] .poll-histogram-marker-label')
    const mean = screen.locator('[data-marker="mean"] .poll-histogram-marker-label')
    await answer.waitFor({ timeout: STEP_MS })
    expect(await mean.textContent()).toContain('46.6')
    const a = (await answer.boundingBox())!
    const m = (await mean.boundingBox())!
    const overlap = a.x < m.x + m.width && m.x < a.x + a.width && a.y < m.y + m.height && m.y < a.y + a.height
    expect(overlap, `answer ${JSON.stringify(a)} and mean ${JSON.stringify(m)}`).toBe(false)
    await shot(projector, 'projector-estimate')
  })

  it('before/after: the presenter is told the room sees only "Now", and one click shows both', async () => {
    const first = await goTo('weakness-before')
    await first.controls.locator('[data-action="open"]').click()
    const p = await phone()
    await p.getByRole('radio').first().check({ force: true }).catch(async () => p.getByText('Strongly disagree').first().click())
    await p.getByRole('button', { name: 'Send answer' }).click()
    await p.getByText(/Your answer is in/).first().waitFor()
    await first.controls.locator('[data-action="close"]').click()

    const { stage, screen, controls } = await goTo('weakness-after')
    await controls.locator('[data-action="open"]').click()
    await p.getByRole('button', { name: 'Send answer' }).waitFor({ timeout: STEP_MS }).catch(() => {})
    const notice = stage.locator('[data-room-sees-only-now]')
    await notice.waitFor({ timeout: STEP_MS })
    expect(await notice.textContent()).toContain('The room sees only “Now”')
    expect(await facilitatorBits(projector)).toEqual([])
    await shot(presenter, 'presenter-only-now')
    await notice.locator('[data-action="reveal-before"]').click()
    await notice.waitFor({ state: 'detached', timeout: STEP_MS })
    await controls.locator('[data-action="reveal"]').click()
    await screen.locator('.poll-compare').waitFor({ timeout: STEP_MS })
    await stage.locator('.poll-compare').waitFor({ timeout: STEP_MS })
    await shot(presenter, 'presenter-compare')
    await shot(projector, 'projector-compare')
  })
})
