import type { Browser } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

describe('the deck in Chromium', () => {
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

  async function openPage(viewport = { width: 1280, height: 720 }) {
    const page = await browser.newPage({ viewport })
    // A cold Vite dev server compiles the deck on first visit; give it time.
    page.setDefaultTimeout(90_000)
    return page
  }

  it('loads and walks through slides without any request leaving the machine', async () => {
    const page = await openPage()
    const outside: string[] = []
    const consoleErrors: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && !LOOPBACK.has(url.hostname))
        outside.push(request.url())
    })
    page.on('console', (message) => {
      if (message.type() === 'error')
        consoleErrors.push(message.text())
    })
    await page.goto(`${deck.url}/1`, { waitUntil: 'load', timeout: 90_000 })
    // Our layouts are custom; Slidev marks every rendered slide with its number.
    await page.locator('[data-slidev-no="1"]').first().waitFor()
    for (let slide = 2; slide <= 6; slide++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(new RegExp(`/${slide}(\\?|$)`))
    }
    await page.waitForTimeout(1_000)
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
    await page.close()
  })

  it('shows speaker notes with do/say cues and a timer in presenter mode', async () => {
    const page = await openPage({ width: 1440, height: 900 })
    await page.goto(`${deck.url}/presenter/2?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    const notes = page.locator('.slidev-note').first()
    await notes.waitFor()
    // The pane says "No notes for this slide" until the slide's notes module has loaded.
    await expect.poll(() => notes.textContent(), { timeout: 30_000 }).toContain('[do]')
    // Slidev's presenter timer (TimerInlined) renders h:mm:ss in a monospace block.
    const timer = page.locator('.font-mono.text-3xl').first()
    await timer.waitFor()
    // A countdown of the 90-minute run, not yet started.
    expect((await timer.textContent())?.replace(/\s/g, '')).toBe('1:30:00')
    await page.close()
  })

  it('says in words when a presenter link carries a secret the room refuses, and how to get the right one', async () => {
    const page = await openPage({ width: 1440, height: 900 })
    await page.goto(`${deck.url}/presenter/3?room=not-this-rooms-secret`, { waitUntil: 'load', timeout: 90_000 })
    const alert = page.locator('[data-secret-alert]')
    await alert.waitFor({ timeout: 30_000 })
    expect(await alert.textContent()).toContain('This presenter link is not this room’s')
    expect(await alert.textContent()).toContain('npm start')
    // The right link replaces the stale secret, and the message goes.
    await page.goto(`${deck.url}/presenter/3?room=${deck.secret}`, { waitUntil: 'load', timeout: 90_000 })
    await alert.waitFor({ state: 'detached', timeout: 30_000 })
    // The link was swapped for an HttpOnly cookie: no page script can read the secret.
    expect(new URL(page.url()).search).not.toContain(deck.secret)
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)).not.toContain(deck.secret)
    expect(await page.evaluate(() => document.cookie)).not.toContain('workshop-presenter')
    await page.close()
  })
})
