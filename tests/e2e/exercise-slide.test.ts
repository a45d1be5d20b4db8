import type { Browser, Page } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'

/**
 * The facilitator's side of the exercise as they use it: the deck's presenter
 * view on the practice slide, its buttons, and a phone that follows them.
 */

const LOAD_MS = 90_000
const STEP_MS = 15_000

let deck: RunningDeck
let browser: Browser

beforeAll(async () => {
  deck = await startDeck()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await deck?.stop()
})

async function slideNumberOf(page: Page, slideId: string): Promise<number> {
  await page.waitForFunction(() => Boolean((window as any).__slidev__?.nav?.slides?.length), undefined, { timeout: LOAD_MS })
  return page.evaluate(id => Number((window as any).__slidev__.nav.slides.find((s: any) => s.meta?.slide?.frontmatter?.slideId === id)?.no ?? 0), slideId)
}

describe('the exercise from the presenter view', () => {
  it('starts prepare and forms pairs from the slide, and phones follow', async () => {
    const presenterContext = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const presenter = await presenterContext.newPage()
    presenter.setDefaultTimeout(STEP_MS)
    await presenter.goto(`${deck.url}/presenter/1?room=${encodeURIComponent(deck.secret)}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })
    // The deck takes the secret out of the address bar before anything else happens.
    await expect.poll(() => new URL(presenter.url()).searchParams.has('room'), { timeout: LOAD_MS }).toBe(false)
    const no = await slideNumberOf(presenter, 'exercise-rounds')
    expect(no).toBeGreaterThan(0)
    await presenter.goto(`${deck.url}/presenter/${no}`, { timeout: LOAD_MS, waitUntil: 'domcontentloaded' })

    const phones: Page[] = []
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
      const phone = await context.newPage()
      phone.setDefaultTimeout(STEP_MS)
      await phone.goto(`${deck.url}/join`, { timeout: LOAD_MS })
      await phone.getByText('Look up at the screen').waitFor()
      phones.push(phone)
    }

    const start = presenter.locator('[data-exercise-action="start-prepare"]').first()
    await start.waitFor({ timeout: LOAD_MS })
    await start.focus()
    await presenter.keyboard.press('Enter')
    for (const phone of phones)
      await phone.getByRole('heading', { name: 'Write your ask' }).waitFor()

    for (const phone of phones) {
      await phone.getByRole('button', { name: /^Pass/ }).click()
      await phone.getByText('You passed ✓').waitFor()
    }
    const pair = presenter.locator('[data-exercise-action="form-pairs"]').first()
    await pair.click()
    // Both phones show the same token, so the two can find each other.
    const tokens = await Promise.all(phones.map(async (phone) => {
      const token = phone.locator('.ex-token.is-big').first()
      await token.waitFor()
      return token.getAttribute('aria-label')
    }))
    expect(tokens[0]).toBeTruthy()
    expect(tokens[0]).toBe(tokens[1])
    await presenterContext.close()
  })
})
