/**
 * The phone page in Chromium: first-load bytes on the wire and requests, and
 * time to interactive (navigation start -> the first option of the current
 * poll is visible and enabled) with the CPU throttled 4x and a slow-3G-like
 * network, each run in a fresh browser context (cold cache). The exercise
 * screens are a second chunk fetched after that (phone/exercise-loader.ts):
 * its size is reported beside the first load, not in it.
 */
import type { CDPSession } from 'playwright-chromium'
import type { PollDefinition } from '../core/polls/definition'
import type { PhonePageProvider } from '../room/http'
import type { Summary } from './lib/stats'
import { Buffer } from 'node:buffer'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../kit/browser'
import { buildPhonePage } from '../phone/build'
import { startTestRoom } from '../room/testing'
import { summarize } from './lib/stats'

export interface NetworkProfile {
  name: string
  /** Round-trip latency added by Chromium, ms. */
  latencyMs: number
  /** Bits per second; 0 = unthrottled. */
  downBps: number
  upBps: number
  cpuSlowdown: number
}

export const PROFILES: NetworkProfile[] = [
  { name: 'slow 3G, CPU 4x', latencyMs: 400, downBps: 400_000, upBps: 400_000, cpuSlowdown: 4 },
  { name: 'loopback, no throttling', latencyMs: 0, downBps: 0, upBps: 0, cpuSlowdown: 1 },
]

export interface PhoneRun {
  interactiveMs: number
  /** Navigation start -> the HTML has arrived and been parsed (the rest is the socket: open, hello, welcome). */
  domReadyMs: number
  /** Bytes received for HTTP requests up to interactive: headers plus (gzipped) bodies, as Chromium counted them. */
  httpBytes: number
  /** HTTP requests sent up to interactive. */
  requests: number
  /** Bytes of the WebSocket frames received up to interactive (the welcome). */
  wsBytes: number
}

export interface PhoneBenchResult {
  profile: NetworkProfile
  runs: PhoneRun[]
  interactiveMs: Summary
  httpBytes: number
  requests: number
  htmlBytes: number
  htmlGzipBytes: number
  /** The exercise chunk the page fetches later (at idle, or when an exercise starts). */
  laterBytes: number
  laterGzipBytes: number
}

export interface PhoneBenchOptions {
  runs?: number
  log?: (line: string) => void
  /** The page to measure (default: phone/ as it is on disk); the A/B of two builds passes another. */
  phonePage?: PhonePageProvider
  profiles?: NetworkProfile[]
}

interface Marked { __interactiveAt?: number, __domReadyAt?: number }

/**
 * Runs in the page before its own script: note when the first option can be
 * clicked. A string, not a function: tsx wraps named functions in a helper
 * the page does not have.
 */
const MARK_INTERACTIVE = `
(() => {
  const check = () => {
    const input = document.querySelector('#poll input[type=radio], #poll input[type=checkbox]')
    const target = input && (input.closest('label') || input)
    if (!input || input.disabled || !target)
      return false
    const box = target.getBoundingClientRect()
    if (box.width === 0 || box.height === 0)
      return false
    window.__interactiveAt = performance.now()
    return true
  }
  const observer = new MutationObserver(() => { if (check()) observer.disconnect() })
  document.addEventListener('DOMContentLoaded', () => {
    window.__domReadyAt = performance.now()
    if (!check())
      observer.observe(document.body, { childList: true, subtree: true, attributes: true })
  })
})()
`

async function throttle(cdp: CDPSession, profile: NetworkProfile): Promise<void> {
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: profile.downBps ? profile.downBps / 8 : -1,
    uploadThroughput: profile.upBps ? profile.upBps / 8 : -1,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown })
}

export async function benchPhone({ runs = 5, log = () => {}, phonePage = buildPhonePage, profiles = PROFILES }: PhoneBenchOptions = {}): Promise<PhoneBenchResult[]> {
  // Every measured phone comes from 127.0.0.1: no cap on live identities per address here.
  const test = await startTestRoom({ secret: 'bench-phone-secret', phonePage, maxPerAddress: 0 })
  const { server: room, baseUrl: origin } = test
  const poll: PollDefinition = { id: 'bench-phone', kind: 'choice', question: 'When did you last ask a colleague for help?', options: ['Today', 'This week', 'This month', 'Can’t remember'] }
  room.room.control({ kind: 'open', poll })
  const page = await phonePage()
  const htmlBytes = Buffer.byteLength(page.html)
  const htmlGzipBytes = gzipSync(page.html, { level: 9 }).length
  const later = Object.values(page.assets ?? {})
  const laterBytes = later.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  const laterGzipBytes = later.reduce((sum, text) => sum + gzipSync(text, { level: 9 }).length, 0)

  const browser = await launchBrowser()
  const results: PhoneBenchResult[] = []
  try {
    for (const profile of profiles) {
      const measured: PhoneRun[] = []
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
        const tab = await context.newPage()
        await tab.addInitScript(MARK_INTERACTIVE)
        const cdp = await context.newCDPSession(tab)
        await throttle(cdp, profile)
        let httpBytes = 0
        let requests = 0
        let wsBytes = 0
        cdp.on('Network.requestWillBeSent', () => {
          requests++
        })
        cdp.on('Network.loadingFinished', (event) => {
          httpBytes += event.encodedDataLength
        })
        cdp.on('Network.webSocketFrameReceived', (event) => {
          wsBytes += Buffer.byteLength(event.response.payloadData)
        })
        await tab.goto(`${origin}/join`, { waitUntil: 'commit', timeout: 60_000 })
        await tab.waitForFunction(() => (window as unknown as Marked).__interactiveAt !== undefined, undefined, { timeout: 60_000, polling: 50 })
        // What the first load cost: the exercise chunk, fetched at idle after joining, is not part of it.
        const firstLoad = { httpBytes, requests }
        const [interactiveMs, domReadyMs] = await tab.evaluate(() => [(window as unknown as Marked).__interactiveAt!, (window as unknown as Marked).__domReadyAt ?? Number.NaN])
        // Prove "clickable": Playwright's actionability checks on the first option.
        await tab.getByText(poll.options[0]!).click({ trial: true, timeout: 10_000 })
        measured.push({ interactiveMs: Math.round(interactiveMs!), domReadyMs: Math.round(domReadyMs!), ...firstLoad, wsBytes })
        await context.close()
      }
      const summary: PhoneBenchResult = {
        profile,
        runs: measured,
        interactiveMs: summarize(measured.map(r => r.interactiveMs)),
        httpBytes: Math.max(...measured.map(r => r.httpBytes)),
        requests: Math.max(...measured.map(r => r.requests)),
        htmlBytes,
        htmlGzipBytes,
        laterBytes,
        laterGzipBytes,
      }
      log(`  ${profile.name}: interactive p50 ${summary.interactiveMs.p50} ms, max ${summary.interactiveMs.max} ms; ${summary.httpBytes} bytes in ${summary.requests} request(s) (the exercise chunk later: ${laterGzipBytes} bytes gzipped)`)
      results.push(summary)
    }
  }
  finally {
    await browser.close()
    await test.dispose()
  }
  return results
}
