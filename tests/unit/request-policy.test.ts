import type { RequestFacts } from '../../room/request-policy'
import { describe, expect, it } from 'vitest'
import { bodyRefusal, crossSiteRefusal, devServerRefusal, hostRefusal, isLoopback, lanRefusal, MAX_DEV_BODY_BYTES } from '../../room/request-policy'

const get = (path: string, headers: RequestFacts['headers'] = {}): RequestFacts => ({ method: 'GET', path, headers: { host: '127.0.0.1:3030', ...headers } })
const post = (path: string, headers: RequestFacts['headers'] = {}): RequestFacts => ({ method: 'POST', path, headers: { 'host': '127.0.0.1:3030', 'content-length': '2', ...headers } })

describe('what the LAN may reach', () => {
  it('is the phone page, the participant socket, room info, the QR code and health', () => {
    for (const path of ['/join', '/api/room', '/api/join-qr.svg', '/api/health'])
      expect(lanRefusal(get(path)), path).toBeNull()
    expect(lanRefusal({ ...get('/api/ws'), upgrade: true })).toBeNull()
  })

  it('is nothing of the deck, the dev server, the files or the presenter endpoints', () => {
    for (const path of ['/', '/presenter/', '/slides.md', '/data/room.sqlite', '/@fs/etc/passwd', '/bin/start.ts', '/__slidev/slides/1.json', '/@server-reactive/nav', '/__mcp', '/__open-in-editor', '/api/results', '/api/results.csv', '/api/public-results', '/join/../slides.md'])
      expect(lanRefusal(get(path))?.status, path).toBe(404)
    expect(lanRefusal({ ...get('/'), upgrade: true })?.status).toBe(404)
    expect(lanRefusal(post('/join'))?.status).toBe(405)
  })

  it('tells loopback addresses from the rest', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address), address).toBe(true)
    for (const address of ['10.0.0.2', '192.168.1.20', '::ffff:10.1.2.3', 'fe80::1', '', undefined, '127.0.0.1.evil'])
      expect(isLoopback(address), String(address)).toBe(false)
  })
})

describe('what the dev server accepts from this machine', () => {
  it('answers to loopback names only, so a rebound DNS name is refused', () => {
    for (const host of ['127.0.0.1:3030', 'localhost:5173', '[::1]:3030', 'localhost'])
      expect(hostRefusal(get('/', { host })), host).toBeNull()
    for (const host of ['evil.example:3030', '192.168.1.20:3030', '127.0.0.1.nip.io:3030', ''])
      expect(hostRefusal(get('/', { host }))?.status, host).toBe(403)
  })

  it('refuses writes and upgrades another site started, even without a preflight', () => {
    expect(crossSiteRefusal(post('/__slidev/slides/1.json', { 'origin': 'http://evil.example', 'content-type': 'text/plain' }))?.status).toBe(403)
    expect(crossSiteRefusal(post('/@server-reactive/nav', { 'sec-fetch-site': 'cross-site' }))?.status).toBe(403)
    expect(crossSiteRefusal(post('/@server-reactive/nav', { 'sec-fetch-site': 'same-site', 'origin': 'http://127.0.0.1:3030' }))?.status).toBe(403)
    expect(crossSiteRefusal({ ...get('/', { origin: 'http://localhost:4000' }), upgrade: true })?.status).toBe(403)
  })

  it('takes writes and upgrades from its own pages and from tools that send no Origin', () => {
    expect(crossSiteRefusal(post('/__slidev/slides/1.json', { 'origin': 'http://127.0.0.1:3030', 'sec-fetch-site': 'same-origin' }))).toBeNull()
    expect(crossSiteRefusal(post('/__slidev/slides/1.json'))).toBeNull()
    expect(crossSiteRefusal({ ...get('/', { origin: 'http://127.0.0.1:3030' }), upgrade: true })).toBeNull()
    expect(crossSiteRefusal(get('/slides.md', { 'sec-fetch-site': 'cross-site' }))).toBeNull()
  })

  it('opens files in the editor only for the deck itself', () => {
    expect(crossSiteRefusal(get('/__open-in-editor', { 'sec-fetch-site': 'cross-site' }))?.status).toBe(403)
    expect(crossSiteRefusal(get('/__open-in-editor'))?.status).toBe(403)
    expect(crossSiteRefusal(get('/__open-in-editor', { 'sec-fetch-site': 'same-origin' }))).toBeNull()
  })

  it('never serves MCP or prototype keys in server-ref paths', () => {
    expect(devServerRefusal(post('/__mcp', { 'sec-fetch-site': 'same-origin' }))?.status).toBe(404)
    expect(devServerRefusal(post('/@server-reactive/__proto__/x'))?.status).toBe(400)
    expect(devServerRefusal(post('/@server-reactive/%5F%5Fproto%5F%5F/x'))?.status).toBe(400)
    expect(devServerRefusal(post('/@server-ref/constructor/prototype'))?.status).toBe(400)
    expect(devServerRefusal(post('/@server-reactive/nav'))).toBeNull()
  })

  it('bounds bodies', () => {
    expect(bodyRefusal(post('/x', { 'content-length': String(MAX_DEV_BODY_BYTES + 1) }))?.status).toBe(413)
    expect(bodyRefusal(post('/x', { 'content-length': 'lots' }))?.status).toBe(400)
    expect(bodyRefusal({ method: 'POST', path: '/x', headers: { 'transfer-encoding': 'chunked' } })?.status).toBe(411)
    expect(bodyRefusal(post('/x', { 'content-length': String(MAX_DEV_BODY_BYTES) }))).toBeNull()
    expect(bodyRefusal(get('/x'))).toBeNull()
  })
})
