import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, isoDay, parseByWhen } from '../../exercises/by-when'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'
import { slideOfId } from './slidev-routes'

/**
 * The exercise as the room lives it, through `npm start`: the presenter view
 * with its controls, the audience window in the same browser (same cookie,
 * same storage) with none, and three phones: one asks, one passes, one
 * arrives late and is placed by the facilitator. Steps are moved on from the
 * slide's own buttons, by keyboard where a facilitator would use it.
 *
 * EXERCISE_SCREENSHOTS=<dir> keeps screenshots (phones at 390 and 320 px).
 */

const LOAD_MS = 90_000
const STEP_MS = 15_000
const shots = process.env.EXERCISE_SCREENSHOTS

let deck: RunningDeck
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  deck = await startDeck()
  browser = await launchBrowser()
  if (shots)
    mkdirSync(shots, { recursive: true })
})

afterAll(async () => {
  for (const context of contexts)
    await context.close().catch(() => {})
  await browser?.close()
  await deck?.stop()
})

async function shot(page: Page, name: string): Promise<void> {
  if (!shots)
    return
  await page.waitForTimeout(350)
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

interface Phone { page: Page, problems: string[] }

async function newPhone(nickname?: string): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true })
  contexts.push(context)
  if (nickname)
    await context.addInitScript(name => localStorage.setItem('room.nickname', name), nickname)
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  await page.goto(`${deck.url}/join`, { timeout: LOAD_MS })
  return { page, problems }
}

/** Where the keyboard is in the presenter view: a button of the exercise toolbar, or what instead. */
function focusIn(page: Page): Promise<{ tag: string, inToolbar: boolean, action: string | null, confirm: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return { tag: el?.tagName ?? '', inToolbar: !!el?.closest('.ex-controls'), action: el?.dataset.exerciseAction ?? null, confirm: el?.dataset.confirm ?? null }
  })
}

/** Every target a thumb or a pointer uses, at least 44 px tall (and wide), with no sideways scroll. */
async function checkTargets(page: Page, selector: string): Promise<void> {
  // Measured after the next frame and again until it holds: a resize or a new screen lays out
  // in steps, and only a target that stays small is a fault.
  const small = (): Promise<string[]> => page.evaluate(async (sel) => {
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      const box = el.getBoundingClientRect()
      if (box.width > 0 && (box.height < 44 || box.width < 44))
        out.push(`${el.tagName}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`)
    }
    return out
  }, selector)
  await expect.poll(small, { timeout: 3000 }).toEqual([])
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true)
}

describe('the exercise from the presenter view', () => {
  it('runs with a pass, a late joiner and a clear end, and only the presenter view has controls', async () => {
    const presenterContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
    contexts.push(presenterContext)
    const presenter = await presenterContext.newPage()
    presenter.setDefaultTimeout(STEP_MS)
    await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    // The deck takes the secret out of the address bar before anything else happens.
    await expect.poll(() => new URL(presenter.url()).searchParams.has('room'), { timeout: LOAD_MS }).toBe(false)
    const no = await slideOfId(presenter, 'exercise-rounds')
    expect(no).toBeGreaterThan(0)
    await presenter.goto(`${deck.url}/presenter/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })

    // The projector window: same browser, same stored secret and cookie.
    const audience = await presenterContext.newPage()
    audience.setDefaultTimeout(STEP_MS)
    await audience.goto(`${deck.url}/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    await audience.locator('.ex-live').first().waitFor({ timeout: LOAD_MS })

    const ada = await newPhone('Ada')
    const ben = await newPhone('Ben')
    for (const phone of [ada, ben])
      await phone.page.getByText('Look up at the screen').waitFor({ timeout: LOAD_MS })

    // ---- start by keyboard: focus stays on the toolbar, arrow keys move along it, the slide stays ----
    const start = presenter.locator('[data-exercise-action="start-prepare"]').first()
    await start.waitFor({ timeout: LOAD_MS })
    expect(await audience.locator('[data-exercise-action]').count()).toBe(0)
    await start.focus()
    await presenter.keyboard.press('Enter')
    for (const phone of [ada, ben])
      await phone.page.getByRole('heading', { name: 'Write your ask' }).waitFor()
    await expect.poll(() => focusIn(presenter)).toMatchObject({ tag: 'BUTTON', inToolbar: true, action: 'form-pairs' })
    const path = new URL(presenter.url()).pathname
    await presenter.keyboard.press('ArrowRight')
    expect(await focusIn(presenter)).toMatchObject({ tag: 'BUTTON', inToolbar: true, action: 'pause' })
    await presenter.keyboard.press('ArrowLeft')
    expect(await focusIn(presenter)).toMatchObject({ action: 'form-pairs' })
    expect(new URL(presenter.url()).pathname).toBe(path)
    const heights = await presenter.locator('.ex-controls button').evaluateAll(buttons => buttons.map(b => b.getBoundingClientRect().height))
    expect(heights.length).toBeGreaterThan(3)
    for (const height of heights)
      expect(height).toBeGreaterThanOrEqual(44)
    // "End exercise" is set apart from "Skip step", in its own group.
    expect(await presenter.locator('.ex-controls-end [data-exercise-action="end"]').count()).toBe(1)
    expect(await presenter.locator('.ex-controls-end [data-exercise-action="skip"]').count()).toBe(0)
    // The projector shows the step and the counts, never a control or the themes.
    expect(await audience.locator('.ex-controls, [data-exercise-action], .ex-live-themes').count()).toBe(0)

    // ---- prepare: the starter's "…" is refused on the field; a pass counts ----
    const ask = ada.page.getByLabel(/Your ask/)
    await ada.page.getByRole('button', { name: /^I am working on/ }).click()
    await ada.page.locator('.ex-prepare .chip', { hasText: 'Process' }).first().click()
    await ada.page.getByLabel('Offer 1').fill('An hour of pairing on TypeScript')
    await ada.page.getByRole('button', { name: 'Save my ask' }).click()
    await expect.poll(() => ask.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await ask.getAttribute('aria-describedby')) ?? ''
    const errorId = describedBy.split(' ')[0]!
    expect(await ada.page.locator(`[id="${errorId}"]`).textContent()).toContain('“…”')
    expect(await ask.evaluate(el => el === document.activeElement)).toBe(true)
    await shot(ada.page, '01-prepare-starter-refused')
    const adaAsk = 'I am working on our onboarding guide and could use a review from a new starter by Friday.'
    await ask.fill(adaAsk)
    await ada.page.getByRole('button', { name: 'Save my ask' }).click()
    await ada.page.getByText('Your ask is in ✓').waitFor()
    expect(await ask.getAttribute('aria-invalid')).toBeNull()
    await ben.page.getByRole('button', { name: /^Pass/ }).click()
    await ben.page.getByText('You passed ✓').waitFor()
    const counts = audience.locator('[data-exercise-counts]').first()
    await expect.poll(() => counts.textContent()).toMatch(/2\s*here\s*1\s*ask written\s*1\s*passed/)

    // ---- pairs by Space on the focused button: the slide does not move ----
    expect(await focusIn(presenter)).toMatchObject({ action: 'form-pairs' })
    await presenter.keyboard.press('Space')
    const tokenOf = (phone: Phone) => phone.page.locator('.ex-token.is-big').first().getAttribute('aria-label')
    await ada.page.locator('.ex-token.is-big').waitFor()
    expect(new URL(presenter.url()).pathname).toBe(path)
    expect(await tokenOf(ada)).toBe(await tokenOf(ben))
    // The passer helps; nobody tells them it is their turn to ask.
    expect(await ben.page.locator('.ex-first').textContent()).toContain('You passed on asking, so you help')
    expect(await ada.page.locator('.ex-first').textContent()).toBe('You ask; your partner helps.')
    // Nicknames are for the presenter's eyes: the projector shows tokens and sizes.
    await audience.locator('.ex-tokens-row').first().waitFor()
    expect(await audience.locator('.ex-tokens').first().textContent()).not.toContain('Ada')
    expect(await audience.locator('.ex-tokens').first().textContent()).toContain('2 people')
    expect(await presenter.locator('.ex-tokens').first().textContent()).toContain('Ada')
    await shot(audience, '02-projector-pairs')
    await shot(presenter, '02-presenter-pairs')

    // ---- a late joiner waits, is told the truth, and the facilitator places them ----
    const cat = await newPhone()
    await cat.page.getByRole('heading', { name: 'Pairs are already formed' }).waitFor({ timeout: LOAD_MS })
    expect(await cat.page.locator('.ex-waiting').textContent()).toContain('Tell the facilitator')
    await shot(cat.page, '03-late-joiner')
    const place = presenter.locator('[data-exercise-action="place-late"]').first()
    await place.waitFor()
    expect(await audience.locator('[data-exercise-action="place-late"]').count()).toBe(0)
    await place.focus()
    await presenter.keyboard.press('Enter')
    await cat.page.locator('.ex-token.is-big').waitFor()
    expect(await tokenOf(cat)).toBe(await tokenOf(ada))
    expect(await cat.page.locator('.ex-lead').textContent()).toContain('The facilitator added you')
    await expect.poll(() => focusIn(presenter)).toMatchObject({ tag: 'BUTTON', inToolbar: true })

    // ---- the round: the asker sees their own ask; the others help ----
    await presenter.locator('[data-exercise-action="start-round"]').first().focus()
    await presenter.keyboard.press('Enter')
    await ada.page.locator('.ex-round').waitFor()
    expect(await ada.page.locator('.ex-round').getAttribute('data-role')).toBe('focus')
    expect(await ada.page.getByRole('heading', { level: 1 }).textContent()).toBe('Your turn: asker')
    expect(await ada.page.locator('.ex-my-ask').textContent()).toContain(adaAsk)
    for (const phone of [ben, cat]) {
      await phone.page.locator('.ex-round').waitFor()
      expect(await phone.page.locator('.ex-round').getAttribute('data-role')).toBe('support')
      expect(await phone.page.locator('.ex-my-ask').count()).toBe(0)
    }
    await shot(ada.page, '04-round-asker-390')
    await checkTargets(ada.page, '.ex button, .ex summary, .ex input[type="text"], .ex textarea')
    await ada.page.setViewportSize({ width: 320, height: 700 })
    await checkTargets(ada.page, '.ex button, .ex summary, .ex input[type="text"], .ex textarea')
    await shot(ada.page, '05-round-asker-320')
    await ada.page.setViewportSize({ width: 390, height: 844 })

    // "Next round" with time left asks first; Cancel puts the keyboard back where it was.
    await presenter.locator('[data-exercise-action="next-round"]').first().click()
    await presenter.getByText(/This round still has/).waitFor()
    expect(await focusIn(presenter)).toMatchObject({ confirm: 'no' })
    await presenter.keyboard.press('Enter')
    await expect.poll(() => focusIn(presenter)).toMatchObject({ action: 'next-round' })
    expect(await ada.page.locator('.ex-round').count()).toBe(1)

    // ---- commitment: an empty one gets no card; "Friday" sets the reminder's day ----
    await presenter.locator('[data-exercise-action="start-debrief"]').first().click()
    await ada.page.locator('.ex-debrief').waitFor()
    await presenter.locator('[data-exercise-action="start-commitment"]').first().click()
    await ada.page.locator('.ex-commit').waitFor()
    await ada.page.getByRole('button', { name: 'Save my commitment' }).click()
    await expect.poll(() => ada.page.locator('.ex-commit input[type="text"][aria-invalid="true"]').count()).toBe(3)
    expect(await ada.page.locator('.ex-card').isVisible()).toBe(false)
    expect(await ada.page.getByRole('button', { name: 'Add a reminder (.ics)' }).isVisible()).toBe(false)
    expect(await ada.page.evaluate(() => localStorage.getItem('room.commitment'))).toBeNull()
    await shot(ada.page, '06-commitment-empty-refused')
    await ada.page.getByLabel('Who').fill('my lead, Priya')
    await ada.page.getByLabel('For what').fill('thirty minutes on the onboarding plan')
    await ada.page.getByLabel('By when').fill('Friday')
    await ada.page.getByRole('button', { name: 'Save my commitment' }).click()
    await ada.page.getByText('Saved ✓').waitFor()
    expect(await ada.page.locator('.ex-sentence').textContent()).toBe('I will ask my lead, Priya for thirty minutes on the onboarding plan by Friday')
    // The phone's own calendar decides "Friday"; the browser runs on this machine's.
    const today = await ada.page.evaluate(() => {
      const d = new Date()
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() }
    })
    const friday = parseByWhen('Friday', today)!.date
    expect(await ada.page.getByLabel('Reminder on').inputValue()).toBe(isoDay(friday))
    expect(await ada.page.locator('.ex-remind-note').textContent()).toContain('Friday')
    const [download] = await Promise.all([ada.page.waitForEvent('download'), ada.page.getByRole('button', { name: 'Add a reminder (.ics)' }).click()])
    const ics = readFileSync((await download.path())!, 'utf8')
    expect(ics).toContain(`DTSTART:${isoDay(friday).replace(/-/g, '')}T0900`)
    expect(JSON.parse((await ada.page.evaluate(() => localStorage.getItem('room.commitment')))!)).toMatchObject({ who: 'my lead, Priya', when: 'Friday' })
    await shot(ada.page, '07-commitment-saved-390')
    await ada.page.setViewportSize({ width: 320, height: 700 })
    await checkTargets(ada.page, '.ex button, .ex input[type="text"], .ex input[type="date"]')
    await shot(ada.page, '08-commitment-saved-320')

    // A "by when" with no date in it: the reminder asks for a day rather than guess one.
    await ben.page.locator('.ex-commit').waitFor()
    await ben.page.getByLabel('Who').fill('our designer')
    await ben.page.getByLabel('For what').fill('a sketch of the new form')
    await ben.page.getByLabel('By when').fill('before the launch')
    await ben.page.getByRole('button', { name: 'Save my commitment' }).click()
    await ben.page.getByText('Saved ✓').waitFor()
    const reminder = ben.page.getByLabel('Reminder on')
    expect(await reminder.inputValue()).toBe('')
    expect(await ben.page.locator('.ex-remind-note').textContent()).toContain('couldn’t read a date from “before the launch”')
    await ben.page.getByRole('button', { name: 'Add a reminder (.ics)' }).click()
    await expect.poll(() => reminder.getAttribute('aria-invalid')).toBe('true')
    await reminder.fill(isoDay(addDays(today, 10)))
    const [later] = await Promise.all([ben.page.waitForEvent('download'), ben.page.getByRole('button', { name: 'Add a reminder (.ics)' }).click()])
    expect(readFileSync((await later.path())!, 'utf8')).toContain(`DTSTART:${isoDay(addDays(today, 10)).replace(/-/g, '')}T0900`)
    await shot(ben.page, '09-commitment-no-date')

    // ---- the end: asked first, then a summary on the screen and an ending on the phones ----
    await presenter.locator('[data-exercise-action="end"]').first().focus()
    await presenter.keyboard.press('Enter')
    await presenter.getByText(/End the exercise for everyone\?/).waitFor()
    await shot(presenter, '10-presenter-confirm-end')
    expect(await focusIn(presenter)).toMatchObject({ confirm: 'no' })
    await presenter.keyboard.press('Enter')
    await expect.poll(() => focusIn(presenter)).toMatchObject({ action: 'end' })
    expect(await ada.page.locator('.ex-ended').count()).toBe(0)
    await presenter.keyboard.press('Enter')
    await presenter.locator('[data-confirm="yes"]').click()
    for (const phone of [ada, ben, cat])
      await phone.page.getByRole('heading', { name: 'The exercise has ended' }).waitFor()
    await audience.locator('[data-exercise-summary]').waitFor()
    const summary = await audience.locator('[data-exercise-summary]').textContent()
    expect(summary).toMatch(/1 ask written/)
    expect(summary).toMatch(/1 passed/)
    expect(summary).toMatch(/2 commitments saved/)
    await shot(audience, '10-projector-ended')
    await shot(cat.page, '11-phone-ended')
    // A new run is never one click away.
    const restart = presenter.locator('[data-exercise-action="start-prepare"]').first()
    await restart.click()
    await presenter.getByText(/Start a new run\?/).waitFor()
    await presenter.locator('[data-confirm="no"]').click()
    expect(await ada.page.getByRole('heading', { name: 'The exercise has ended' }).count()).toBe(1)
    expect(await audience.locator('.ex-controls, [data-exercise-action]').count()).toBe(0)

    for (const phone of [ada, ben, cat])
      expect(phone.problems).toEqual([])
  })
})
