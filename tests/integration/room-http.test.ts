import type { RoomInfo } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { Buffer } from 'node:buffer'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { gunzipSync } from 'node:zlib'
import jsQR from 'jsqr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRoom, TestClient } from '../../room/testing'

let room: TestRoom
let noPage: TestRoom

beforeAll(async () => {
  room = await startTestRoom({ joinUrl: 'http://192.168.1.20:3030/join' })
  noPage = await startTestRoom({ phonePage: undefined })
})

afterAll(async () => {
  await room?.dispose()
  await noPage?.dispose()
})

/** A raw HTTP request, for what fetch will not send (bodies on GET, odd methods). */
function raw(port: number, options: { method: string, path: string, headers?: Record<string, string | number>, body?: string }): Promise<{ status: number, headers: Record<string, unknown>, body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers, timeout: 5000, agent: false }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Draws our QR SVG's row runs into pixels (4 per module) and reads it back with jsQR, as a phone camera would. */
function decodeQrSvg(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) /.exec(svg)![1])
  const scale = 4
  const width = size * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  const path = /stroke="#000000" d="([^"]+)"/.exec(svg)![1]!
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)\.5h(\d+)/g)) {
    for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px++) {
      for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++)
        pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3)
    }
  }
  return jsQR(pixels, width, width)?.data
}

describe('http endpoints', () => {
  it('answers /api/health', async () => {
    const res = await fetch(`${room.baseUrl}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('serves /api/room: public and says how to join', async () => {
    const res = await fetch(`${room.baseUrl}/api/room`)
    expect(res.status).toBe(200)
    expect(await res.json() as RoomInfo).toEqual({ joinUrl: 'http://192.168.1.20:3030/join', participants: 0, current: null })
  })

  it('serves /api/join-qr.svg: a black-on-white QR code with a quiet zone', async () => {
    const res = await fetch(`${room.baseUrl}/api/join-qr.svg`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    const svg = await res.text()
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 (\d+) \1"/)
    expect(svg).toContain('fill="#ffffff"')
    expect(svg).toContain('stroke="#000000"')
    // 4-module margin: the first dark module starts at 4.
    expect(svg).toMatch(/stroke="#000000" d="M4 4\.5/)
    expect(decodeQrSvg(svg)).toBe('http://192.168.1.20:3030/join')
  })

  it('serves the injected page at /join with gzip, ETag, no-cache and security headers', async () => {
    const res = await raw(room.port, { method: 'GET', path: '/join', headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain(`default-src 'self'`)
    expect(csp).toContain(`script-src 'self' 'unsafe-inline'`)
    expect(csp).toContain(`frame-ancestors 'none'`)
    expect(csp).not.toContain('*')
    const etag = String(res.headers.etag)
    expect(etag).toMatch(/^"[\w-]+"$/)

    const plain = await fetch(`${room.baseUrl}/join`, { headers: { 'accept-encoding': 'identity' } })
    expect(await plain.text()).toContain('placeholder')
    expect(plain.headers.get('etag')).not.toBe(etag)

    const again = await raw(room.port, { method: 'GET', path: '/join', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
  })

  it('serves /join gzip that decompresses to the page', async () => {
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: room.port, path: '/join', headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks)))
      }).on('error', reject).end()
    })
    expect(gunzipSync(bytes).toString()).toContain('placeholder')
  })

  it('answers /join with 503 without a phone page', async () => {
    const res = await fetch(`${noPage.baseUrl}/join`)
    expect(res.status).toBe(503)
  })

  it('unknown /api/* paths answer 404 JSON; other paths go to next()', async () => {
    const res = await fetch(`${room.baseUrl}/api/nothing-here?x=<script>`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await res.text()).not.toContain('script')
    const other = await fetch(`${room.baseUrl}/some/slide`)
    expect(await other.text()).toBe('not the room')
  })

  it('refuses other methods and request bodies', async () => {
    expect((await raw(room.port, { method: 'POST', path: '/api/room', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(405)
    expect((await raw(room.port, { method: 'DELETE', path: '/api/results' })).status).toBe(405)
    expect((await raw(room.port, { method: 'GET', path: '/api/room', headers: { 'content-length': 100 }, body: 'x'.repeat(100) })).status).toBe(400)
    expect((await raw(room.port, { method: 'GET', path: '/api/room', headers: { 'transfer-encoding': 'chunked' }, body: 'x' })).status).toBe(400)
    expect((await raw(room.port, { method: 'GET', path: '/api/room', headers: { 'content-length': 20_000 }, body: 'x'.repeat(20_000) })).status).toBe(413)
  })

  it('answers HEAD with headers only', async () => {
    const res = await raw(room.port, { method: 'HEAD', path: '/api/health' })
    expect(res.status).toBe(200)
    expect(res.body).toBe('')
  })

  it('answers a plain GET on the WebSocket path with 426', async () => {
    expect((await fetch(`${room.baseUrl}/api/ws`)).status).toBe(426)
  })

  it('leaves upgrades for other paths to other listeners (as Vite HMR needs)', async () => {
    let seen = ''
    room.http.on('upgrade', (req, socket) => {
      if (req.url === '/vite-hmr') {
        seen = req.url
        socket.end('HTTP/1.1 418 Teapot\r\nConnection: close\r\n\r\n')
      }
    })
    const reply = await new Promise<string>((resolve, reject) => {
      const s = connect(room.port, '127.0.0.1', () => {
        s.write('GET /vite-hmr HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n')
      })
      let data = ''
      s.on('data', d => (data += d.toString()))
      s.on('end', () => resolve(data))
      s.on('error', reject)
      setTimeout(() => reject(new Error('timeout')), 5000)
    })
    expect(seen).toBe('/vite-hmr')
    expect(reply).toMatch(/^HTTP\/1.1 418/)
    // The room's own path still works.
    const c = await TestClient.connect(room.wsUrl)
    c.send({ type: 'ping' })
    expect(await c.next(m => m.type === 'pong')).toBeTruthy()
    await c.close()
  })

  it('closes cleanly: sockets get 1001 and the database closes', async () => {
    const temp = await startTestRoom()
    const c = await TestClient.connect(temp.wsUrl)
    await temp.server.close()
    expect((await c.closed).code).toBe(1001)
    expect(temp.server.storage.isOpen).toBe(false)
    await temp.dispose()
  })
})
