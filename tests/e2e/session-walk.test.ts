import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import type { Phone } from './session-walk-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'
import { activeElement, answerPoll, axeChrome, axePhone, axeSlide, facilitatorBits, fit, goSlide, joinPhone, LOAD_MS, PHONE_200_ZOOM, PHONE_320, PHONE_390, shot, shownSlideText, STEP_MS } from './session-walk-kit'
import { slideCount, slideOfId, slideOfPoll } from './slidev-routes'

/**
 * A whole session as the room lives it, through `npm start`: the presenter
 * view (/presenter/N, recognised by the presenter link's cookie), the
 * AUDIENCE window in the same browser context (same cookie, same storage),
 * five phones (one at 320 px), every poll kind the deck uses, the exercise
 * with a pass, a late joiner placed by the facilitator and trios, then the
 * before/after compare and the private closing poll. Everything is driven
 * through the slides and the phones, as a facilitator and a room would.
 *
 * Checks are soft where the walk can go on, so one run reports every
 * problem. WALK_SCREENSHOTS=<dir> keeps screenshots.
 */

let deck: RunningDeck
let browser: Browser
let laptop: BrowserContext
let presenter: Page
let audience: Page
const phones: Phone[] = []
const contexts: BrowserContext[] = []

/** The phone at 320 px: every phone check (targets, sideways scroll, axe) runs on it in each state. */
let small: Phone

/** Checks 100 ms apart that both windows show the slide: Slidev's sync has gone quiet. */
const SETTLED_CHECKS = 6

const NAMES = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve']
const WORDS = ['Brave', 'Awkward', 'Relief', 'Scary', 'Human']

/** Targets, sideways scroll and axe on a phone, at its width and, when asked, at 200% zoom. */
async function checkPhone(phone: Phone, state: string, zoom = false): Promise<void> {
  await shot(phone.page, `phone-${phone.name}-${state}`)
  const here = await fit(phone.page)
  expect.soft(here.small, `${state} (${phone.page.viewportSize()?.width} px): targets under 44 px`).toEqual([])
  expect.soft(here.sideways, `${state} (${phone.page.viewportSize()?.width} px): sideways scroll`).toEqual([])
  expect.soft(await axePhone(phone.page), `${state}: axe on the phone`).toEqual([])
  if (!zoom)
    return
  const viewport = phone.page.viewportSize() ?? PHONE_320
  await phone.page.setViewportSize(PHONE_200_ZOOM)
  // The phone re-fits its layout on resize (scale rows); let it settle a frame.
  await phone.page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await shot(phone.page, `phone-${phone.name}-${state}-200pc`)
  const zoomed = await fit(phone.page)
  expect.soft(zoomed.small, `${state} (200% zoom): targets under 44 px`).toEqual([])
  expect.soft(zoomed.sideways, `${state} (200% zoom): sideways scroll`).toEqual([])
  await phone.page.setViewportSize(viewport)
}

/**
 * The presenter moves to slide `no`, as on the day, and the audience window follows through
 * Slidev's sync; it never reloads between slides. Slidev syncs both ways: the audience window, on a
 * trusted origin, also sends where it is, and on the first move a late "slide 1" from it sends the
 * presenter back for a moment, hiding the control that had the keyboard. So a step starts once both
 * windows have stayed on slide `no` for a while.
 */
async function both(no: number): Promise<void> {
  await goSlide(presenter, no)
  const there = () => new URL(presenter.url()).pathname === `/presenter/${no}` && new URL(audience.url()).pathname === `/${no}`
  let steady = 0
  for (const deadline = Date.now() + STEP_MS; steady < SETTLED_CHECKS; steady = there() ? steady + 1 : 0) {
    if (Date.now() > deadline)
      throw new Error(`presenter (${presenter.url()}) and audience (${audience.url()}) did not settle on slide ${no}`)
    await presenter.waitForTimeout(100)
  }
}

function stageOf(page: Page, pollId: string) {
  return page.locator(`#slide-content [data-poll-stage="${pollId}"]`).first()
}

function controlsOf(pollId: string) {
  return presenter.locator(`[data-poll-controls="${pollId}"]`).first()
}

const note = (page: Page, pollId: string) => () => stageOf(page, pollId).locator('.poll-stage-note').first().textContent({ timeout: 1000 }).catch(() => null)
const waitingKind = (page: Page, pollId: string) => () => stageOf(page, pollId).locator('[data-waiting]').first().getAttribute('data-waiting', { timeout: 1000 }).catch(() => null)

/**
 * Clicks a presenter control and says where the keyboard went once the room has answered
 * (a loopback ack takes milliseconds; the buttons change after it).
 */
async function press(selector: string): Promise<string> {
  await presenter.locator(selector).first().click()
  await presenter.waitForTimeout(400)
  let where = await activeElement(presenter)
  for (const deadline = Date.now() + 1500; where === 'body' && Date.now() < deadline; where = await activeElement(presenter))
    await presenter.waitForTimeout(100)
  return where
}

beforeAll(async () => {
  // Every phone comes from 127.0.0.1: no per-address cap for this walk.
  ;[deck, browser] = await Promise.all([startDeck({ args: ['--max-per-address', '0'] }), launchBrowser()])
  laptop = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  contexts.push(laptop)
  presenter = await laptop.newPage()
  presenter.setDefaultTimeout(STEP_MS)
  await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  await presenter.waitForURL(url => !url.searchParams.has('room'), { timeout: LOAD_MS })
  audience = await laptop.newPage()
  audience.setDefaultTimeout(STEP_MS)
  await audience.goto(`${deck.url}/1`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
  await audience.locator('[data-slidev-no="1"]').first().waitFor({ timeout: LOAD_MS })
  for (const [i, name] of NAMES.entries())
    phones.push(await joinPhone(browser, deck.url, name, i === 0 ? PHONE_320 : PHONE_390))
  small = phones[0]!
  for (const phone of phones) {
    contexts.push(phone.context)
    await phone.page.getByText('Look up at the screen').waitFor({ timeout: LOAD_MS })
  }
}, 240_000)

afterAll(async () => {
  await Promise.allSettled(contexts.map(c => c.close()))
  await browser?.close()
  await deck?.stop()
})

describe('a whole session, walked in Chromium', () => {
  it('phones wait at 320 px and 200% zoom with nothing too small, nothing sideways, no axe violation', async () => {
    await checkPhone(small, 'waiting', true)
  })

  // Deck order; the first round of the before/after pair is left unrevealed, as the notes say.
  const polls: Array<{ id: string, reveal: boolean }> = [
    { id: 'weakness-before', reveal: false },
    { id: 'asking-feels', reveal: true },
    { id: 'when-stuck', reveal: true },
    { id: 'barriers', reveal: true },
    { id: 'yes-estimate', reveal: true },
    { id: 'safety', reveal: true },
  ]

  for (const { id, reveal } of polls) {
    it(`poll ${id}: the projector says the truth and shows no control; phones fit and pass axe`, async () => {
      const no = await slideOfPoll(presenter, id)
      expect(no, `a slide shows poll ${id}`).toBeGreaterThan(0)
      await both(no)
      const controls = controlsOf(id)
      await controls.waitFor({ timeout: LOAD_MS })
      await stageOf(audience, id).waitFor({ timeout: LOAD_MS })

      // Before the poll opens: the audience window, same browser as the presenter, has no control.
      expect.soft(await facilitatorBits(audience), 'audience: facilitator bits before open').toEqual([])
      expect.soft(await presenter.locator(`[data-poll-controls="${id}"] [data-action]`).count(), 'presenter: controls').toBeGreaterThan(0)
      await expect.poll(waitingKind(audience, id), { timeout: STEP_MS }).toBe('idle')

      expect.soft(await press(`[data-poll-controls="${id}"] [data-action="open"]`), 'focus after Open').not.toBe('body')
      await expect.poll(waitingKind(audience, id), { timeout: STEP_MS }).toBe('open')
      await small.page.locator('form.poll').waitFor({ timeout: STEP_MS })
      await checkPhone(small, `${id}-open`, true)

      for (const [i, phone] of phones.entries())
        await answerPoll(phone.page, i, { word: WORDS[i]!, sentence: `I will ask ${NAMES[(i + 1) % NAMES.length]} for a review by Friday` })
      await checkPhone(small, `${id}-sent`)
      // Open: a live count on the projector, no results yet.
      await expect.poll(note(audience, id), { timeout: STEP_MS }).toMatch(/Answer on your phone: 5 answers so far/)
      expect.soft(await stageOf(audience, id).locator('[data-poll-results], .poll-results').count(), 'audience: no results while open').toBe(0)
      expect.soft(await facilitatorBits(audience), 'audience: facilitator bits while open').toEqual([])
      await shot(audience, `audience-${id}-open`)

      expect.soft(await press(`[data-poll-controls="${id}"] [data-action="close"]`), 'focus after Close').not.toBe('body')
      await expect.poll(waitingKind(audience, id), { timeout: STEP_MS }).toBe('closed')
      expect.soft(await note(audience, id)(), 'audience: closed says so').toMatch(/Poll closed, 5 answers/)
      await small.page.locator('.closed-title').waitFor({ timeout: STEP_MS })
      await checkPhone(small, `${id}-closed`)

      // A brand-new joiner never lands on the closed poll ("You didn't answer this one").
      const late = await joinPhone(browser, deck.url, `New ${id}`, PHONE_320)
      await late.page.getByText('Look up at the screen').waitFor({ timeout: STEP_MS })
      expect.soft(await late.page.locator('.closed-title, form.poll').count(), `new joiner after ${id} closed: no stale poll`).toBe(0)
      expect.soft(late.problems).toEqual([])
      await late.context.close()

      if (reveal) {
        expect.soft(await press(`[data-poll-controls="${id}"] [data-action="reveal"]`), 'focus after Reveal').not.toBe('body')
        await expect.poll(() => stageOf(audience, id).locator('[data-answer-total]').textContent({ timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toContain('5 answers')
        // The presenter's own results stream says "revealed" on its next message, which may land after the audience's.
        await expect.poll(() => stageOf(presenter, id).locator('[data-hidden-from-room]').count(), { timeout: STEP_MS, message: 'presenter: the room sees it now' }).toBe(0)
      }
      expect.soft(await facilitatorBits(audience), 'audience: facilitator bits after close/reveal').toEqual([])
      expect.soft(await axeSlide(audience), `axe on the audience slide of ${id}`).toEqual([])
      await shot(audience, `audience-${id}-${reveal ? 'revealed' : 'closed'}`)
      await shot(presenter, `presenter-${id}`)
    })
  }

  /** The phones in the first run: four asks and a pass. */
  const asks = new Map<string, string>()
  let exerciseSlide = 0

  /** What one phone's round screen says right now. */
  async function roundState(phone: Phone): Promise<{ role: string | null, heading: string, myAsk: string | null, swap: boolean }> {
    const round = phone.page.locator('.ex-round').first()
    await round.waitFor({ timeout: STEP_MS })
    return {
      role: await round.getAttribute('data-role'),
      swap: await round.evaluate(el => el.classList.contains('is-swap')),
      heading: ((await phone.page.locator('.ex-round h1').first().textContent()) ?? '').trim(),
      myAsk: (await phone.page.locator('.ex-round .ex-my-ask').count()) > 0 ? await phone.page.locator('.ex-round .ex-my-ask').first().textContent() : null,
    }
  }

  /** The projector's step line, e.g. "Round 1 of 2 · step 3 of 7". */
  const stepLine = () => audience.locator('.ex-live').first().textContent({ timeout: 1000 }).then(t => /Round \d+ of \d[^·]*· (?:step \d+ of \d+|pair up|find your table)/.exec(t ?? '')?.[0] ?? '').catch(() => '')

  /** Every room step of the round, by "Skip step": each phone's screen at the start of each. */
  async function walkRound(people: Phone[], onStep: (step: number, states: Map<string, Awaited<ReturnType<typeof roundState>>>) => Promise<void>): Promise<void> {
    for (let step = 0; step < 12; step++) {
      const states = new Map<string, Awaited<ReturnType<typeof roundState>>>()
      for (const phone of people)
        states.set(phone.name, await roundState(phone))
      await onStep(step, states)
      const line = await stepLine()
      const m = /step (\d+) of (\d+)/.exec(line)
      if (!m || m[1] === m[2])
        return
      expect.soft(await press('[data-exercise-action="skip"]'), 'focus after Skip step').not.toBe('body')
      await expect.poll(stepLine, { timeout: STEP_MS }).not.toBe(line)
      // Phones redraw from the same broadcast; give them a moment to catch up.
      await people[0]!.page.waitForTimeout(300)
    }
    throw new Error('the round never reached its last step')
  }

  it('the exercise: a pass, a late joiner placed by the facilitator, a trio; roles fit each person', async () => {
    exerciseSlide = await slideOfId(presenter, 'exercise-rounds')
    expect(exerciseSlide).toBeGreaterThan(0)
    await both(exerciseSlide)
    await audience.locator('.ex-live').first().waitFor({ timeout: LOAD_MS })
    await presenter.locator('[data-exercise-action="start-prepare"]').first().waitFor({ timeout: LOAD_MS })
    expect.soft(await facilitatorBits(audience), 'audience: exercise controls before start').toEqual([])

    expect.soft(await press('[data-exercise-action="start-prepare"]'), 'focus after Start prepare').not.toBe('body')
    for (const phone of phones)
      await phone.page.getByRole('heading', { name: 'Write your ask' }).waitFor()
    await checkPhone(small, 'exercise-prepare', true)

    // Ada, Ben, Cy and Eve write asks; Dee passes.
    for (const phone of phones) {
      if (phone.name === 'Dee') {
        await phone.page.getByRole('button', { name: /^Pass/ }).click()
        await phone.page.getByText('You passed ✓').waitFor()
        continue
      }
      const text = `I am working on the ${phone.name} project plan and could use a review from someone in design by Friday.`
      asks.set(phone.name, text)
      await phone.page.getByLabel(/Your ask/).fill(text)
      await phone.page.locator('.ex-prepare .chip').first().click()
      await phone.page.getByLabel('Offer 1').fill('An hour of pairing')
      await phone.page.getByRole('button', { name: 'Save my ask' }).click()
      await phone.page.getByText('Your ask is in ✓').waitFor()
    }
    await checkPhone(small, 'exercise-prepare-saved')
    await expect.poll(() => audience.locator('[data-exercise-counts]').first().textContent(), { timeout: STEP_MS }).toMatch(/5\s*here\s*4\s*asks written\s*1\s*passed/)
    expect.soft(await facilitatorBits(audience), 'audience: exercise controls in prepare').toEqual([])

    expect.soft(await press('[data-exercise-action="form-pairs"]'), 'focus after Form pairs').not.toBe('body')
    for (const phone of phones)
      await phone.page.locator('.ex-partner').waitFor()
    await checkPhone(small, 'exercise-partner', true)
    const dee = phones.find(p => p.name === 'Dee')!
    expect.soft(await dee.page.locator('.ex-first').textContent(), 'the passer helps').toContain('You passed on asking, so you help')
    // Nicknames are for the presenter's eyes only.
    await audience.locator('.ex-tokens').first().waitFor()
    const projected = await shownSlideText(audience)
    expect(projected).toContain('2 people')
    for (const name of NAMES)
      expect.soft(projected, `audience shows no nickname (${name})`).not.toMatch(new RegExp(`\\b${name}\\b`))
    expect.soft(await presenter.locator('.ex-tokens').first().textContent(), 'presenter sees nicknames').toMatch(/Ada|Ben|Cy|Dee|Eve/)
    expect.soft(await facilitatorBits(audience), 'audience: exercise controls in pairing').toEqual([])
    await shot(audience, 'audience-exercise-pairs')
    await shot(presenter, 'presenter-exercise-pairs')

    // Five people: a pair and a trio (odd count).
    const tokenOf = (phone: Phone) => phone.page.locator('.ex-partner h1').first().textContent().then(t => (t ?? '').replace(/^Find /, ''))
    const tokens = new Map<string, string>()
    for (const phone of phones)
      tokens.set(phone.name, await tokenOf(phone))
    const sizes = [...tokens.values()].reduce<Record<string, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {})
    expect(Object.values(sizes).sort()).toEqual([2, 3])

    // A late joiner waits, is told the facilitator can place them, and is placed from the presenter view.
    const fay = await joinPhone(browser, deck.url, 'Fay', PHONE_320)
    contexts.push(fay.context)
    await fay.page.getByRole('heading', { name: 'Pairs are already formed' }).waitFor({ timeout: LOAD_MS })
    expect.soft(await fay.page.locator('.ex-waiting').textContent()).toContain('Tell the facilitator')
    await checkPhone(fay, 'exercise-late-waiting', true)
    await presenter.locator('[data-exercise-action="place-late"]').first().waitFor()
    expect.soft(await facilitatorBits(audience), 'audience: no place-late control').toEqual([])
    expect.soft(await press('[data-exercise-action="place-late"]'), 'focus after placing the late joiner').not.toBe('body')
    await fay.page.locator('.ex-partner').waitFor()
    tokens.set('Fay', await tokenOf(fay))
    expect.soft(await fay.page.locator('.ex-lead').textContent()).toContain('The facilitator added you')
    const groups = [...tokens.values()].reduce<Record<string, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {})
    expect(Object.values(groups).sort(), 'the pair became a trio').toEqual([3, 3])

    // The round, step by step: who is told to ask.
    expect.soft(await press('[data-exercise-action="start-round"]'), 'focus after Start round').not.toBe('body')
    const everyone = [...phones, fay]
    const focusSeen = new Map<string, number>()
    let swapChecked = false
    let roundChecked = false
    await walkRound(everyone, async (step, states) => {
      for (const [name, s] of states) {
        if (s.role === 'focus' && !s.swap) {
          focusSeen.set(name, (focusSeen.get(name) ?? 0) + 1)
          expect.soft(s.myAsk ?? '', `${name} as asker sees their own ask (step ${step + 1})`).toContain(asks.get(name) ?? '<no ask>')
        }
        if (name === 'Dee' || name === 'Fay') {
          expect.soft(s.heading, `${name} (${name === 'Dee' ? 'passed' : 'late, no ask'}) is never told to ask`).not.toBe('Your turn: asker')
          expect.soft(s.role, `${name} only helps`).not.toBe('focus')
        }
      }
      const mine = states.get(small.name)!
      if (mine.swap && !swapChecked) {
        swapChecked = true
        expect.soft(await small.page.locator('.ex-round h1').count(), 'the swap screen has an h1').toBe(1)
        await checkPhone(small, 'exercise-swap', true)
      }
      else if (!mine.swap && !roundChecked) {
        roundChecked = true
        await checkPhone(small, `exercise-round-${mine.role}`, true)
        expect.soft(await facilitatorBits(audience), 'audience: exercise controls in a round').toEqual([])
        expect.soft(await presenter.locator('.ex-controls [data-exercise-action]').count(), 'presenter: exercise controls in a round').toBeGreaterThan(0)
        await shot(audience, 'audience-exercise-round')
      }
    })
    expect.soft(swapChecked, 'the round has a swap step').toBe(true)
    // Every person with an ask asked, in the pair-turned-trio and in the trio with the passer alike.
    for (const name of asks.keys())
      expect.soft(focusSeen.get(name) ?? 0, `${name} (wrote an ask) had a turn as asker`).toBeGreaterThan(0)
    expect.soft(focusSeen.get('Dee') ?? 0).toBe(0)
    expect.soft(focusSeen.get('Fay') ?? 0).toBe(0)

    // Debrief, commitment, a confirmed end and a summary.
    expect.soft(await press('[data-exercise-action="start-debrief"]'), 'focus after Debrief').not.toBe('body')
    await small.page.locator('.ex-debrief').waitFor()
    await checkPhone(small, 'exercise-debrief', true)
    expect.soft(await press('[data-exercise-action="start-commitment"]'), 'focus after Commitment').not.toBe('body')
    await small.page.locator('.ex-commit').waitFor()
    await checkPhone(small, 'exercise-commitment', true)
    await small.page.getByRole('button', { name: 'Save my commitment' }).click()
    await expect.poll(() => small.page.locator('.ex-commit input[type="text"][aria-invalid="true"]').count(), { timeout: STEP_MS }).toBe(3)
    await checkPhone(small, 'exercise-commitment-errors')
    await small.page.getByLabel('Who').fill('my lead, Priya')
    await small.page.getByLabel('For what').fill('thirty minutes on the onboarding plan')
    await small.page.getByLabel('By when').fill('Friday')
    await small.page.getByRole('button', { name: 'Save my commitment' }).click()
    await small.page.getByText('Saved ✓').waitFor()
    await checkPhone(small, 'exercise-commitment-saved', true)

    await press('[data-exercise-action="end"]')
    expect.soft(await activeElement(presenter), 'End asks first; the safe answer has focus').toContain('[no]')
    expect.soft(await press('[data-confirm="yes"]'), 'focus after confirming End').not.toBe('body')
    for (const phone of everyone)
      await phone.page.getByRole('heading', { name: 'The exercise has ended' }).waitFor()
    await checkPhone(small, 'exercise-ended', true)
    await audience.locator('[data-exercise-summary]').waitFor()
    expect.soft(await audience.locator('[data-exercise-summary]').textContent()).toMatch(/4 asks written/)
    expect.soft(await facilitatorBits(audience), 'audience: exercise controls after the end').toEqual([])
    expect.soft(await axeSlide(audience), 'axe on the audience exercise slide').toEqual([])
    await shot(audience, 'audience-exercise-ended')
    for (const phone of everyone)
      expect.soft(phone.problems, `${phone.name}: page errors`).toEqual([])

    // Dee, Eve and Fay leave; a second run with the three who stay, all asking: a trio where everyone asks.
    for (const name of ['Dee', 'Eve']) {
      const phone = phones.find(p => p.name === name)!
      await phone.context.close()
    }
    await fay.context.close()
    const trio = phones.slice(0, 3)
    await press('[data-exercise-action="start-prepare"]')
    expect.soft(await activeElement(presenter), 'a new run asks first').toContain('[no]')
    await press('[data-confirm="yes"]')
    for (const phone of trio) {
      await phone.page.getByRole('heading', { name: 'Write your ask' }).waitFor()
      await phone.page.getByLabel(/Your ask/).fill(asks.get(phone.name)!)
      await phone.page.locator('.ex-prepare .chip').first().click()
      await phone.page.getByLabel('Offer 1').fill('An hour of pairing')
      await phone.page.getByRole('button', { name: 'Save my ask' }).click()
      await phone.page.getByText('Your ask is in ✓').waitFor()
    }
    await press('[data-exercise-action="form-pairs"]')
    const trioTokens = new Set<string>()
    for (const phone of trio) {
      await phone.page.locator('.ex-partner').waitFor()
      trioTokens.add(await tokenOf(phone))
    }
    expect(trioTokens.size, 'three people: one trio').toBe(1)
    await press('[data-exercise-action="start-round"]')
    const trioFocus = new Map<string, number>()
    await walkRound(trio, async (_step, states) => {
      for (const [name, s] of states) {
        if (s.role === 'focus' && !s.swap) {
          trioFocus.set(name, (trioFocus.get(name) ?? 0) + 1)
          expect.soft(s.myAsk ?? '', `${name} (trio) sees their own ask`).toContain(asks.get(name)!)
        }
      }
    })
    for (const phone of trio)
      expect.soft(trioFocus.get(phone.name) ?? 0, `${phone.name}: everyone in the trio asks`).toBeGreaterThan(0)
    await press('[data-exercise-action="end"]')
    await press('[data-confirm="yes"]')
    await small.page.getByRole('heading', { name: 'The exercise has ended' }).waitFor()
  })

  it('before/after: the presenter sees what the room sees, or is told the room sees only "Now"', async () => {
    const id = 'weakness-after'
    const no = await slideOfPoll(presenter, id)
    expect(no).toBeGreaterThan(0)
    await both(no)
    await controlsOf(id).waitFor({ timeout: LOAD_MS })
    await press(`[data-poll-controls="${id}"] [data-action="open"]`)
    const trio = phones.slice(0, 3)
    for (const [i, phone] of trio.entries())
      await answerPoll(phone.page, i + 2, { word: '', sentence: '' })
    await expect.poll(note(audience, id), { timeout: STEP_MS }).toMatch(/3 answers so far/)
    await press(`[data-poll-controls="${id}"] [data-action="close"]`)
    expect.soft(await press(`[data-poll-controls="${id}"] [data-action="reveal"]`), 'focus after Reveal').not.toBe('body')
    await stageOf(audience, id).locator('.poll-results, .poll-compare').first().waitFor({ timeout: STEP_MS })
    const presenterCompares = await stageOf(presenter, id).locator('.poll-compare').count() > 0
    const audienceCompares = await stageOf(audience, id).locator('.poll-compare').count() > 0
    const notice = await stageOf(presenter, id).locator('[data-room-sees-only-now]').count() > 0
    // The first round was never revealed: the room sees only "Now", and the presenter is told so.
    expect.soft(audienceCompares, 'the room sees only "Now"').toBe(false)
    expect.soft(presenterCompares === audienceCompares || notice, 'presenter sees what the room sees, or the notice').toBe(true)
    expect.soft(notice, 'the "room sees only Now" notice').toBe(true)
    expect.soft(await facilitatorBits(audience), 'audience: no notice, no control on the compare slide').toEqual([])
    await shot(presenter, 'presenter-compare-only-now')
    if (notice) {
      await presenter.locator('[data-action="reveal-before"]').click()
      await stageOf(presenter, id).locator('[data-room-sees-only-now]').waitFor({ state: 'detached', timeout: STEP_MS })
      await stageOf(audience, id).locator('.poll-compare').waitFor({ timeout: STEP_MS })
      expect.soft(await stageOf(presenter, id).locator('.poll-compare').count(), 'both now show the compare').toBeGreaterThan(0)
      expect.soft(await activeElement(presenter), 'focus after revealing the first round').not.toBe('body')
    }
    expect.soft(await axeSlide(audience), 'axe on the audience compare slide').toEqual([])
    await shot(audience, 'audience-compare')
  })

  it('the private closing poll: no Reveal, prefilled from the saved commitment, never on screen', async () => {
    const id = 'my-ask'
    const no = await slideOfPoll(presenter, id)
    expect(no).toBeGreaterThan(0)
    await both(no)
    const controls = controlsOf(id)
    await controls.waitFor({ timeout: LOAD_MS })
    expect.soft(await controls.locator('[data-action="reveal"]').count(), 'a private poll has no Reveal').toBe(0)
    expect.soft(await facilitatorBits(audience), 'audience: no control on the private poll').toEqual([])
    expect.soft(await press(`[data-poll-controls="${id}"] [data-action="open"]`), 'focus after Open').not.toBe('body')
    const area = small.page.locator('form.poll textarea')
    await area.waitFor()
    expect.soft(await area.inputValue(), 'prefilled from the saved commitment').toContain('Priya')
    await checkPhone(small, 'my-ask-open', true)
    const trio = phones.slice(0, 3)
    for (const [i, phone] of trio.entries())
      await answerPoll(phone.page, i, { word: '', sentence: `I will ask ${NAMES[i + 1]} about the launch plan by Friday` })
    await checkPhone(small, 'my-ask-sent')
    await expect.poll(() => stageOf(presenter, id).locator('[data-answer-count]').first().textContent({ timeout: 1000 }).catch(() => null), { timeout: STEP_MS }).toContain('3 answers')
    await press(`[data-poll-controls="${id}"] [data-action="close"]`)
    // After the last poll the phone may go back to the ended exercise: either way, a screen that says where things are.
    await small.page.locator('.closed-title').or(small.page.getByRole('heading', { name: 'The exercise has ended' })).first().waitFor()
    await checkPhone(small, 'my-ask-closed')
    for (const page of [presenter, audience]) {
      expect.soft(await page.getByText('Priya').count(), 'no private answer on a screen').toBe(0)
      expect.soft(await page.getByText('launch plan').count(), 'no private answer on a screen').toBe(0)
    }
    expect.soft(await facilitatorBits(audience), 'audience: nothing of the facilitator on the private poll').toEqual([])
    expect.soft(await axeSlide(audience), 'axe on the audience private poll').toEqual([])
    await shot(audience, 'audience-my-ask')
  })

  it('every slide\'s own content passes axe in the audience view', async () => {
    const total = await slideCount(audience)
    expect(total).toBeGreaterThan(10)
    const found: string[] = []
    for (let no = 1; no <= total; no++) {
      await goSlide(audience, no)
      await audience.locator(`#slide-content [data-slidev-no="${no}"]:visible`).first().waitFor({ timeout: STEP_MS })
      for (const v of await axeSlide(audience))
        found.push(`slide ${no}: ${v}`)
    }
    expect(found).toEqual([])
    // Not asserted (Slidev's, not ours), but kept in the log so an upstream fix shows up.
    console.warn(`axe outside the slide container (Slidev's chrome): ${JSON.stringify(await axeChrome(audience))}`)
    for (const phone of phones.slice(0, 3))
      expect.soft(phone.problems, `${phone.name}: page errors`).toEqual([])
  }, 240_000)
})
