import type { Browser } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'

/**
 * `npm start -- --screens`: a room PC driving the projector opens /screen/,
 * a static build of the deck with no editor and no secret, and goes wherever
 * the presenter goes.
 */
describe('audience screens on other devices', () => {
  let deck: RunningDeck
  let browser: Browser

  beforeAll(async () => {
    deck = await startDeck({ args: ['--screens'] })
    browser = await launchBrowser()
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await deck?.stop()
  })

  it('follows the presenter\'s slide, and nobody else moves it', async () => {
    const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const screen = await screenContext.newPage()
    await screen.goto(`${deck.url}/screen/`, { waitUntil: 'load', timeout: 90_000 })
    await screen.locator('h1').first().waitFor({ timeout: 60_000 })
    const html = await (await fetch(`${deck.url}/screen/`)).text()
    expect(html).not.toContain(deck.secret)

    const presenterContext = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const presenter = await presenterContext.newPage()
    await presenter.goto(`${deck.url}/presenter/4?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    await expect.poll(() => new URL(screen.url()).pathname, { timeout: 30_000 }).toBe('/screen/4')
    await presenter.keyboard.press('ArrowRight')
    await expect.poll(() => new URL(screen.url()).pathname, { timeout: 30_000 }).toMatch(/^\/screen\/[45]$/)

    // A participant who opens the screens build moves only their own view: the screen stays.
    const stray = await (await browser.newContext()).newPage()
    await stray.goto(`${deck.url}/screen/9`, { waitUntil: 'load', timeout: 90_000 })
    await new Promise(r => setTimeout(r, 1500))
    expect(new URL(screen.url()).pathname).toMatch(/^\/screen\/[45]$/)
    // A screen that joins late starts where the presenter is.
    await expect.poll(() => new URL(stray.url()).pathname, { timeout: 30_000 }).toMatch(/^\/screen\/[45]$/)
    await screenContext.close()
    await presenterContext.close()
  })
})
