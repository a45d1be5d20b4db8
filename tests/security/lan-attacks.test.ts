import type { RunningDeck } from '../support/deck'
import type { TestHost } from './test-host'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient } from '../../room/testing'
import { startDeck } from '../support/deck'
import { projectRoot } from '../support/processes'
import { canMakeTestHosts, createTestHost } from './test-host'

/**
 * `npm start` attacked from a second host on the "Wi-Fi": a network namespace
 * with its own address, running tests/security/attacker.mjs. The attacker has
 * no secret and knows everything else (paths, the checkout's location, the
 * database file's name).
 */

interface HttpResult { status: number, headers?: Record<string, string>, body?: string, bytes?: number, error?: string }
interface WsResult { opened: boolean, status: number | null, received: Array<Record<string, unknown>> }

const slidesPath = join(projectRoot, 'slides.md')
const digest = (text: string) => createHash('sha256').update(text).digest('hex')

const hostsAvailable = canMakeTestHosts()
if (!hostsAvailable) {
  // CI runs as root with iproute2 (.ci/run installs it): there the attacks must run, never be skipped.
  if (process.env.CI)
    throw new Error('The LAN attack suite needs root and the ip command (iproute2) to make its second host.')
  console.warn('Skipping the LAN attack suite: it needs root and the ip command to make a network namespace.')
}

describe.runIf(hostsAvailable)('a participant on the Wi-Fi', () => {
  let host: TestHost
  let deck: RunningDeck
  let base: string
  let slidesBefore: string

  function attack<T = HttpResult>(plan: unknown[]): T[] {
    const out = host.run(process.execPath, [join(projectRoot, 'tests/security/attacker.mjs'), base, JSON.stringify(plan), projectRoot], 120_000)
    return JSON.parse(out) as T[]
  }

  beforeAll(async () => {
    slidesBefore = readFileSync(slidesPath, 'utf8')
    host = createTestHost()
    deck = await startDeck({ args: ['--host', host.hostAddress, '--screens'] })
    base = `http://${host.hostAddress}:${new URL(deck.url).port}`
  }, 180_000)

  afterAll(async () => {
    await deck?.stop()
    host?.remove()
    // Should an attack ever succeed, the checkout is put back before the test reports it.
    if (readFileSync(slidesPath, 'utf8') !== slidesBefore)
      writeFileSync(slidesPath, slidesBefore)
  })

  it('loads the phone page, the room info and the QR code', () => {
    const [join, room, qr] = attack([{ path: '/join' }, { path: '/api/room' }, { path: '/api/join-qr.svg' }])
    expect(join!.status).toBe(200)
    expect(join!.body).toMatch(/<html/i)
    expect(room!.status).toBe(200)
    expect(JSON.parse(room!.body!)).toMatchObject({ joinUrl: `${base}/join` })
    expect(qr!.status).toBe(200)
  })

  it('opens the screens build (no editor, no secret in it) and can only read it', () => {
    const [screen, route, post, escape] = attack([
      { path: '/screen/' },
      { path: '/screen/4' },
      { method: 'POST', path: '/screen/', headers: { 'content-type': 'text/plain' }, body: '{}' },
      { path: '/screen/../slides.md', rawPath: '/screen/../slides.md' },
    ])
    expect(screen!.status).toBe(200)
    expect(screen!.body).toMatch(/<html/i)
    expect(screen!.body).not.toContain(deck.secret)
    expect(route!.status).toBe(200)
    expect(post!.status).toBe(405)
    expect(escape!.body).not.toContain('slideId:')
  })

  it('answers a poll over the room socket', async () => {
    const presenter = await TestClient.connect(`${deck.url.replace('http', 'ws')}/api/ws`)
    const opened = await presenter.request({ type: 'control', secret: deck.secret, action: { kind: 'open', poll: { id: 'lan-check', kind: 'choice', question: 'From the Wi-Fi?', options: ['yes', 'no'] } } })
    expect(opened.type).toBe('ack')
    const [session] = attack<WsResult>([{ kind: 'ws', send: [{ type: 'hello' }, { type: 'vote', requestId: 'v1', pollId: 'lan-check', value: 0 }] }])
    expect(session!.opened).toBe(true)
    expect(session!.received).toContainEqual(expect.objectContaining({ type: 'ack', requestId: 'v1' }))
    await presenter.close()
  })

  it('takes part in the exercise: writes an ask and an offer and is acknowledged', async () => {
    const facilitator = await TestClient.connect(`${deck.url.replace('http', 'ws')}/api/ws`)
    expect((await facilitator.request({ type: 'exercise-control', secret: deck.secret, action: { kind: 'start-prepare', variant: 60 } })).type).toBe('ack')
    const [session] = attack<WsResult>([{ kind: 'ws', send: [
      { type: 'hello' },
      { type: 'exercise-submit', requestId: 's1', submission: { ask: 'I am rewriting our onboarding guide and would like a review of the first chapter by Friday.', askTopics: ['feedback'], offers: ['An hour of pairing on spreadsheets'] } },
    ] }])
    expect(session!.received).toContainEqual(expect.objectContaining({ type: 'ack', requestId: 's1' }))
    expect(session!.received).toContainEqual(expect.objectContaining({ type: 'exercise' }))
    await facilitator.request({ type: 'exercise-control', secret: deck.secret, action: { kind: 'end' } })
    await facilitator.close()
  })

  it('cannot download the database, the source, the slides or their notes', () => {
    const paths = [
      '/data/room.sqlite',
      '/data/room.sqlite-wal',
      `/@fs${deck.dbPath}`,
      `/@fs${deck.dbPath}?raw`,
      `/@fs${projectRoot}/slides.md`,
      '/slides.md',
      '/slides.md?raw',
      '/bin/start.ts',
      '/room/room.ts',
      '/room/room.ts?raw',
      '/package.json',
      '/@slidev/configs',
      '/@fs/etc/passwd',
      '/__slidev/slides/1.json',
      '/',
      '/presenter/',
      '/presenter/?room=wrong',
      '/notes/',
      '/api/results',
      '/api/results.csv',
      '/api/public-results',
    ]
    const results = attack(paths.map(path => ({ path })))
    results.forEach((result, i) => {
      expect(result.status, paths[i]).toBe(404)
      expect(result.body, paths[i]).not.toMatch(/SQLite format|import |<script|"slides"|root:/)
    })
  })

  it('cannot rewrite slides, move the deck, pollute the server, reach MCP or open files', () => {
    const writes = [
      { method: 'POST', path: '/__slidev/slides/2.json', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ note: 'pwned from the Wi-Fi' }) },
      { method: 'POST', path: '/@server-reactive/nav', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ page: 7, clicks: 0 }) },
      { method: 'POST', path: '/@server-reactive/nav', headers: { 'content-type': 'text/plain' }, body: '{bad' },
      { method: 'POST', path: '/@server-reactive/__proto__/x', headers: { 'content-type': 'text/plain' }, body: '{"polluted":true}' },
      { method: 'POST', path: '/@server-reactive/drawings', headers: { 'content-type': 'text/plain' }, body: '{"1":"<img src=x onerror=alert(1)>"}' },
      { method: 'POST', path: '/__mcp', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' },
      { method: 'GET', path: '/__open-in-editor?file=/etc/passwd' },
    ]
    for (const [i, result] of attack(writes).entries())
      expect([404, 405], writes[i]!.path).toContain(result.status)
    expect(readFileSync(slidesPath, 'utf8')).toBe(slidesBefore)
  })

  it('cannot reach Vite\'s HMR socket or any socket but the room\'s', () => {
    const sessions = attack<WsResult>([
      { kind: 'ws', path: '/', headers: { 'sec-websocket-protocol': 'vite-hmr' } },
      { kind: 'ws', path: '/__mcp' },
    ])
    for (const session of sessions) {
      expect(session.opened).toBe(false)
      expect(session.status).toBe(404)
    }
  })

  it('cannot take control without the secret', () => {
    const [session] = attack<WsResult>([{ kind: 'ws', send: [
      { type: 'control', requestId: 'c1', secret: 'guess', action: { kind: 'reset', pollId: 'lan-check' } },
      { type: 'exercise-control', requestId: 'c2', secret: '', action: { kind: 'end' } },
      { type: 'slide', requestId: 'c3', secret: 'guess', page: 9, clicks: 0 },
    ] }])
    const replies = session!.received.filter(m => m.requestId === 'c1' || m.requestId === 'c2' || m.requestId === 'c3')
    expect(replies).toHaveLength(3)
    expect(session!.received.some(m => m.type === 'slide')).toBe(false)
    for (const reply of replies)
      expect(reply.type).toBe('error')
  })

  it('cannot stuff the ballot with many identities from one address', () => {
    const [replies] = attack<Array<{ type: string, code?: string }>>([{ kind: 'crowd', count: 6 }])
    expect(replies!.filter(r => r.type === 'welcome')).toHaveLength(4)
    expect(replies!.filter(r => r.code === 'too-many-phones')).toHaveLength(2)
  })

  it('cannot act as another participant by knowing their id', async () => {
    const victim = await TestClient.connect(`${deck.url.replace('http', 'ws')}/api/ws`)
    const welcome = await victim.hello()
    expect(welcome.type).toBe('welcome')
    const participantId = (welcome as { participantId: string }).participantId
    await victim.close()
    const [bare, forged] = attack<WsResult>([
      { kind: 'ws', send: [{ type: 'hello', participantId }, { type: 'vote', requestId: 'v1', pollId: 'lan-check', value: 1 }] },
      { kind: 'ws', send: [{ type: 'hello', participantId, token: 'A'.repeat(43) }, { type: 'exercise-commit', requestId: 'c1', commitment: { who: 'x' }, shared: true }] },
    ])
    for (const session of [bare!, forged!]) {
      expect(session.received).toContainEqual(expect.objectContaining({ type: 'error', code: 'identity-refused' }))
      expect(session.received.some(m => m.type === 'welcome' && m.participantId === participantId)).toBe(false)
      expect(session.received.some(m => m.type === 'ack')).toBe(false)
    }
  })

  it('cannot make a phone vote from another site\'s page (foreign Origin on the room socket)', () => {
    const [session] = attack<WsResult>([{ kind: 'ws', headers: { origin: 'http://evil.example' } }])
    expect(session!.opened).toBe(false)
    expect(session!.status).toBe(403)
  })

  it('cannot put direction-control characters on the projector', () => {
    const [session] = attack<WsResult>([{ kind: 'ws', send: [{ type: 'hello', nickname: 'Admin\u202E(facilitator)' }] }])
    expect(session!.received).toContainEqual(expect.objectContaining({ type: 'error' }))
    expect(session!.received.some(m => m.type === 'welcome')).toBe(false)
  })

  it('gets a refusal for a 100 MB body without the laptop reading it', () => {
    const [big] = attack([{ method: 'POST', path: '/join', headers: { 'content-type': 'text/plain' }, bodyBytes: 100 * 1024 * 1024 }])
    expect([405, 0]).toContain(big!.status)
    const [after] = attack([{ path: '/join' }])
    expect(after!.status).toBe(200)
  })

  it('leaves the deck, its editor and the room working on the laptop', async () => {
    const deckPage = await fetch(`${deck.url}/`, { signal: AbortSignal.timeout(30_000) })
    expect(deckPage.status).toBe(200)
    expect(deckPage.headers.get('content-security-policy')).toContain(`frame-ancestors 'none'`)
    const slide = await fetch(`${deck.url}/__slidev/slides/1.json`, { signal: AbortSignal.timeout(30_000) })
    expect(slide.status).toBe(200)
    expect(digest(readFileSync(slidesPath, 'utf8'))).toBe(digest(slidesBefore))
    const health = await fetch(`${deck.url}/api/health`)
    expect(await health.json()).toMatchObject({ ok: true })
  })
})
