import type { RunningScript } from '../support/processes'
import { Buffer } from 'node:buffer'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScript } from '../support/processes'

interface Reply { status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('npm run serve: a built deck and the room on one port', () => {
  let dir: string
  let base: string
  let serve: RunningScript
  const script = `console.log("deck");\n${'// padding so the file is worth compressing\n'.repeat(200)}`

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-'))
    const dist = join(dir, 'dist')
    mkdirSync(join(dist, 'assets'), { recursive: true })
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Deck</title><script type="module" src="/assets/index-abc123.js"></script>')
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), script)
    serve = runScript('bin/serve.ts', ['--dir', dist, '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'room.sqlite'), '--secret', 'serve-test-secret'])
    base = (await serve.waitFor(/Audience screen\s+(http:\/\/\S+)\//, 60_000))[1]!
  }, 90_000)

  afterAll(async () => {
    await serve?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('hands client-side routes the app, and revalidates it', async () => {
    for (const path of ['/', '/3', '/presenter/2']) {
      const res = await get(`${base}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-security-policy']).toBe(`frame-ancestors 'none'`)
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.body.toString()).toContain('<title>Deck</title>')
    }
    const first = await get(`${base}/`)
    const again = await get(`${base}/`, { 'if-none-match': String(first.headers.etag) })
    expect(first.headers.etag).toBeTruthy()
    expect(again.status).toBe(304)
  })

  it('sends hashed assets compressed and cached for good', async () => {
    const res = await get(`${base}/assets/index-abc123.js`, { 'accept-encoding': 'gzip, br' })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-type']).toMatch(/^text\/javascript/)
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 4)
    expect(brotliDecompressSync(res.body).toString()).toBe(script)
  })

  it('answers Range requests, so a resumed download does not start over', async () => {
    const res = await get(`${base}/assets/index-abc123.js`, { range: 'bytes=0-11' })
    expect(res.status).toBe(206)
    expect(res.headers['content-range']).toBe(`bytes 0-11/${Buffer.byteLength(script)}`)
    expect(res.body.toString()).toBe('console.log(')
  })

  it('says 404 for a missing file and 405 for a write, never the app', async () => {
    expect((await get(`${base}/assets/missing.js`)).status).toBe(404)
    for (const escape of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd'])
      expect((await get(`${base}${escape}`)).body.toString(), escape).not.toContain('root:')
    const post = await get(`${base}/`, {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
  })

  it('serves the room beside the deck', async () => {
    expect((await get(`${base}/api/health`)).status).toBe(200)
    const join = await get(`${base}/join`)
    expect(join.status).toBe(200)
    expect(join.body.toString()).toMatch(/<html/i)
  })
})

describe('npm run serve with a bad setting', () => {
  it('says what is wrong with ROOM_ALLOWED_ORIGINS in one line, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-bad-'))
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Deck</title>')
    const run = runScript('bin/serve.ts', ['--dir', join(dir, 'dist'), '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'room.sqlite'), '--secret', 'x'], { ROOM_ALLOWED_ORIGINS: 'not a url' })
    expect(await run.exited).toBe(1)
    expect(run.output()).toContain('ROOM_ALLOWED_ORIGINS: "not" is not an origin')
    expect(run.output()).not.toMatch(/\n\s+at /)
    rmSync(dir, { recursive: true, force: true })
  })
})
