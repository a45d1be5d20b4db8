import type { Browser, BrowserContext, Page } from 'playwright-chromium'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { AxeBuilder } from '@axe-core/playwright'

/**
 * What the session walk (session-walk.test.ts) does to every screen: find a
 * slide, answer whatever poll a phone shows through its own controls, measure
 * thumb targets, run axe. Everything goes through the UI, never through the
 * poll catalogue, so the walk keeps working whichever file defines the polls.
 */

export const LOAD_MS = 90_000
export const STEP_MS = 15_000
export const MIN_TARGET = 44
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** A 320 px phone at 200% zoom lays its page out in 160 CSS px. */
export const PHONE_390 = { width: 390, height: 844 }
export const PHONE_320 = { width: 320, height: 568 }
export const PHONE_200_ZOOM = { width: 160, height: 284 }

const SHOTS = process.env.WALK_SCREENSHOTS

export async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS)
    return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' }).catch(() => {})
}

export interface Phone {
  name: string
  context: BrowserContext
  page: Page
  /** Uncaught errors on the page: a walk with any is a failed walk. */
  problems: string[]
}

/** A phone: its own context (own storage, own identity), joined and waiting for the first question. */
export async function joinPhone(browser: Browser, origin: string, name: string, viewport = PHONE_390): Promise<Phone> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true, acceptDownloads: true, reducedMotion: 'reduce' })
  await context.addInitScript(nick => localStorage.setItem('room.nickname', nick), name)
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_MS)
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  await page.goto(`${origin}/join`, { timeout: LOAD_MS })
  return { name, context, page, problems }
}

/**
 * Moves a Slidev window to slide `no` without reloading the page, staying in its view
 * (presenter or audience). Slidev's `go` picks the route from `isPresenter`, which is false
 * until the presenter route has resolved (first load, or a reload after slides.md changed):
 * wait for it, so the presenter is never sent to the audience route.
 */
export async function goSlide(page: Page, no: number): Promise<void> {
  const presenter = new URL(page.url()).pathname.startsWith('/presenter')
  await page.waitForFunction(p => Boolean((window as any).__slidev__?.nav?.isPresenter) === p && (window as any).__slidev__.nav.slides.length > 0, presenter, { timeout: LOAD_MS })
  await page.evaluate(n => (window as any).__slidev__.nav.go(n), no)
  const path = presenter ? `/presenter/${no}` : `/${no}`
  await page.waitForURL(url => url.pathname === path, { timeout: STEP_MS })
}

/** Everything of the facilitator's the projector shows: ours sits in #slide-content, Slidev's navigation outside it. */
export function facilitatorBits(screen: Page): Promise<string[]> {
  return screen.evaluate(() => {
    const selectors = ['[data-poll-controls]', '[data-integrity-warning]', '[data-hidden-from-room]', '[data-room-sees-only-now]', '[data-secret-alert]', '[data-storage-alert]', '[data-exercise-controls]', '.ex-controls', '[data-exercise-action]', '.ex-live-themes', '[data-moderate]', 'button', 'details']
    return selectors.filter(s => [...document.querySelectorAll(`#slide-content ${s}`)].some(el => (el as HTMLElement).offsetParent !== null))
  })
}

/** The text of the slide a Slidev window shows now (other slides stay mounted, hidden). */
export function shownSlideText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#slide-content .slidev-page')].filter(el => el.offsetParent !== null).map(el => el.textContent ?? '').join('\n'))
}

/** What has the keyboard: `body` when focus was dropped. */
export function activeElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body)
      return 'body'
    return `${el.tagName.toLowerCase()}[${el.dataset.action ?? el.dataset.exerciseAction ?? el.dataset.confirm ?? ''}] ${(el.textContent ?? '').trim().slice(0, 40)}`
  })
}

export interface Fit {
  /** Targets under 44 x 44 CSS px, described. */
  small: string[]
  /** The page is wider than the screen (it scrolls sideways): the innermost elements that stick out, else []. */
  sideways: string[]
}

/**
 * Every visible target a finger can hit, at least 44 x 44 CSS px, and no sideways scroll.
 * A card stands in for its visually hidden input; a visible checkbox counts as the label around it.
 */
export function fit(page: Page): Promise<Fit> {
  return page.evaluate((min) => {
    const els = [...document.querySelectorAll<HTMLElement>('button, summary, textarea, select, input:not(.visually-hidden-input):not([type="hidden"]), .card, .chip, a[href]')]
      .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    const small: string[] = []
    for (const el of els) {
      const wrapped = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? el.closest('label') ?? el : el
      const box = wrapped.getBoundingClientRect()
      if (box.width < min || box.height < min)
        small.push(`${wrapped.tagName.toLowerCase()}.${wrapped.className} "${(wrapped.textContent ?? '').trim().slice(0, 30) || wrapped.getAttribute('aria-label') || ''}" ${Math.round(box.width)}x${Math.round(box.height)}`)
    }
    const width = document.documentElement.clientWidth
    const sideways: string[] = []
    if (document.scrollingElement!.scrollWidth > width) {
      const out = [...document.body.querySelectorAll<HTMLElement>('*')].filter(el => el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 0.5)
      for (const el of out.filter(el => !out.some(other => other !== el && el.contains(other))).slice(0, 5))
        sideways.push(`${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent ?? '').trim().slice(0, 20)}" right ${Math.round(el.getBoundingClientRect().right)} > ${width}`)
      if (sideways.length === 0)
        sideways.push(`scrollWidth ${document.scrollingElement!.scrollWidth} > ${width}`)
    }
    return { small, sideways }
  }, MIN_TARGET)
}

/** axe on the whole phone page: every violation, as `rule: targets`. */
export async function axePhone(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/**
 * axe on the slide's own content in a Slidev window: the container of the slide on screen
 * (`.slidev-page-N`, our layouts and components), so Slidev's own chrome around it is left out
 * by selector: upstream's nav bar (`.slidev-nav-controls`) fails axe's `nested-interactive`
 * (Slidev 53 wraps its menu buttons in interactive elements); `axeChrome` logs it each run.
 */
export async function axeSlide(page: Page): Promise<string[]> {
  // Only the slide on screen: the others stay mounted, hidden, and would cost a full scan each.
  const no = await page.evaluate(() => Number((window as any).__slidev__.nav.currentSlideNo))
  const result = await new AxeBuilder({ page })
    .include(`#slide-content .slidev-page-${no}`)
    .exclude('.slidev-nav-controls')
    .withTags(AXE_TAGS)
    .analyze()
  return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/** axe on everything of the window outside the slide's container: Slidev's chrome, upstream's to fix. */
export async function axeChrome(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).exclude('#slide-content .slidev-page').withTags(AXE_TAGS).analyze()
  return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/**
 * Answers whatever poll the phone shows, with its own controls, and sends it.
 * `n` picks among options so the phones do not all agree.
 */
export async function answerPoll(page: Page, n: number, text: { word: string, sentence: string }): Promise<void> {
  const send = page.getByRole('button', { name: /Send answer|Update answer/ })
  await send.waitFor({ timeout: STEP_MS })
  const cards = page.locator('form.poll .options .card, form.poll .scale .card')
  const number = page.locator('form.poll input[type="number"]')
  const area = page.locator('form.poll textarea')
  const word = page.locator('form.poll input[type="text"]')
  if (await cards.count() > 0) {
    const count = await cards.count()
    await cards.nth(n % count).click()
  }
  else if (await number.count() > 0) {
    await number.first().fill(String(30 + 5 * n))
  }
  else if (await area.count() > 0) {
    if (!(await area.first().inputValue()).trim())
      await area.first().fill(text.sentence)
  }
  else if (await word.count() > 0) {
    await word.first().fill(text.word)
  }
  else {
    throw new Error('the phone shows a poll with no control this walk knows')
  }
  await send.click()
  await page.getByText(/Your answer is in/).first().waitFor({ timeout: STEP_MS })
}
