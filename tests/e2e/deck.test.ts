import type { Browser } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sections } from '../../core/talk/outline'
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

  it('loads and walks through slides without any request leaving the machine', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
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
    await page.goto(`${deck.url}/1`, { waitUntil: 'networkidle' })
    await page.locator('.slidev-layout').first().waitFor()
    for (let slide = 2; slide <= 6; slide++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(new RegExp(`/${slide}(\\?|$)`))
    }
    await page.waitForLoadState('networkidle')
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
    await page.close()
  })

  it('shows speaker notes with do/say cues and a timer in presenter mode', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(`${deck.url}/presenter/2?room=${deck.secret}`, { waitUntil: 'networkidle' })
    const notes = page.locator('.slidev-note').first()
    await notes.waitFor()
    expect(await notes.innerText()).toContain('[do]')
    // The presenter timer renders as mm:ss.
    await page.getByText(/^\d{1,2}:\d{2}$/).first().waitFor()
    await page.close()
  })

  it('renders every section title somewhere in the deck overview', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${deck.url}/overview`, { waitUntil: 'networkidle' })
    const text = await page.locator('body').innerText()
    for (const section of sections.filter(s => s.kind === 'essay'))
      expect(text, section.title).toContain(section.title)
    await page.close()
  })
})
