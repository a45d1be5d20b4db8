import type { Browser } from 'playwright-chromium'
import type { RunningDeck } from '../support/deck'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../../kit/browser'
import { startDeck } from '../support/deck'
import { projectRoot, slidevBelow } from '../support/processes'

/**
 * A hostile page in the facilitator's own browser, on another origin
 * (127.0.0.2, as any web site would be), aiming at the deck on 127.0.0.1: at
 * our listener and straight at Slidev's dev server behind it. Simple POSTs
 * need no CORS preflight, so the browser does deliver them; only the servers'
 * own checks stop them.
 */

const slidesPath = join(projectRoot, 'slides.md')

describe('a hostile page in the facilitator\'s browser', () => {
  let deck: RunningDeck
  let browser: Browser
  let dir: string
  let editorLog: string
  let slidesBefore: string
  const hostile = createServer()
  let hostileUrl: string

  beforeAll(async () => {
    slidesBefore = readFileSync(slidesPath, 'utf8')
    dir = mkdtempSync(join(tmpdir(), 'cross-site-'))
    editorLog = join(dir, 'editor.log')
    deck = await startDeck({ env: { LAUNCH_EDITOR: join(projectRoot, 'tests/security/fake-editor.sh'), FAKE_EDITOR_LOG: editorLog } })
    const targets = [deck.url, `http://127.0.0.1:${slidevBelow(deck.process.child.pid!).port}`]
    const page = `<!doctype html><title>Free pizza</title><script>
      const targets = ${JSON.stringify(targets)}
      const post = (url, body) => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).catch(() => {})
      async function attack() {
        for (const target of targets) {
          await post(target + '/__slidev/slides/2.json', JSON.stringify({ note: 'pwned cross-site' }))
          await post(target + '/@server-reactive/nav', JSON.stringify({ page: 9, clicks: 0, timestamp: Date.now() }))
          await post(target + '/@server-reactive/drawings', JSON.stringify({ 1: '<img src=x onerror=alert(1)>' }))
          await post(target + '/__mcp', '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
          await new Promise(done => { const img = new Image(); img.onload = img.onerror = done; img.src = target + '/__open-in-editor?file=/etc/passwd' })
        }
        const sockets = []
        for (const target of targets) {
          sockets.push(await new Promise((done) => {
            const ws = new WebSocket(target.replace('http', 'ws') + '/api/ws')
            ws.onopen = () => { ws.send(JSON.stringify({ type: 'hello' })); setTimeout(() => { ws.close(); done('open') }, 300) }
            ws.onerror = () => done('refused')
            setTimeout(() => done('no answer'), 5000)
          }))
          sockets.push(await new Promise((done) => {
            const ws = new WebSocket(target.replace('http', 'ws') + '/', 'vite-hmr')
            ws.onopen = () => { ws.close(); done('open') }
            ws.onerror = () => done('refused')
            setTimeout(() => done('no answer'), 5000)
          }))
        }
        return sockets
      }
    </script>`
    hostile.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page)
    })
    await new Promise<void>(done => hostile.listen(0, '127.0.0.2', done))
    hostileUrl = `http://127.0.0.2:${(hostile.address() as { port: number }).port}/`
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    hostile.close()
    await deck?.stop()
    rmSync(dir, { recursive: true, force: true })
    if (readFileSync(slidesPath, 'utf8') !== slidesBefore)
      writeFileSync(slidesPath, slidesBefore)
  })

  it('cannot rewrite a slide, move the deck, open files or join the room', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(hostileUrl)
    const sockets = await page.evaluate('attack()')
    expect(sockets).toEqual(['refused', 'refused', 'refused', 'refused'])
    await new Promise(r => setTimeout(r, 500))
    expect(readFileSync(slidesPath, 'utf8')).toBe(slidesBefore)
    expect(existsSync(editorLog)).toBe(false)
    await context.close()
  })

  it('cannot frame the presenter view to trick a click on Reveal or Reset', async () => {
    const response = await fetch(`${deck.url}/presenter/`)
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors 'none'`)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it('while live editing still works on the laptop: Slidev\'s editor saves, a saved file reaches the page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      await page.goto(`${deck.url}/2`)
      await page.getByRole('heading', { name: 'Why we’re here' }).waitFor({ timeout: 60_000 })
      // Through the same route Slidev's side editor uses (a same-origin POST).
      const status = await page.evaluate(async () => (await fetch('/__slidev/slides/2.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: '[do] Edited in the deck.\nsay: "Hello."' }) })).status)
      expect(status).toBe(200)
      await expect.poll(() => readFileSync(slidesPath, 'utf8'), { timeout: 10_000 }).toContain('[do] Edited in the deck.')
      // And an edit saved from the facilitator's own editor arrives over the HMR socket through our
      // listener. (Slidev ignores a change to the file that comes right after its own write.)
      await new Promise(r => setTimeout(r, 2000))
      writeFileSync(slidesPath, readFileSync(slidesPath, 'utf8').replace('# Why we’re here', '# Why we’re here today'))
      await expect.poll(() => page.locator('h1').allTextContents(), { timeout: 30_000 }).toContain('Why we’re here today')
    }
    finally {
      writeFileSync(slidesPath, slidesBefore)
      await context.close()
    }
  })

  it('while the deck itself still opens files in the editor', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${deck.url}/`)
    const status = await page.evaluate(async () => (await fetch('/__open-in-editor?file=slides.md')).status)
    expect(status).toBe(200)
    await expect.poll(() => existsSync(editorLog) && readFileSync(editorLog, 'utf8'), { timeout: 10_000 }).toContain('slides.md')
    await context.close()
  })
})
