import type { ParticipantIdentity } from '../../core/protocol'
import type { RoomProcess } from './helpers'
import { Buffer } from 'node:buffer'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { connect as tcpConnect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WS_PATH } from '../../core/protocol'
import { control, rssOf, startRoomProcess } from './helpers'

/**
 * Thousands of random and malformed WebSocket frames and HTTP requests. The
 * fuzzing phone is one participant (`fuzzer`, issued on its first join); the
 * only state it may change is its own participant row and its own answer to
 * the open text poll. Everything else in the database must be byte-for-byte
 * what it was.
 */
const SEED = 20_250_601
const WS_MESSAGES = 4000
const HTTP_REQUESTS = 600
const RSS_GROWTH_LIMIT = 64 * 1024 * 1024
/** An id the fuzzer's frames claim, with a made-up token: it must never bind. */
const CLAIMED = 'fuzzer-000001'
let fuzzer: ParticipantIdentity | undefined

const dir = mkdtempSync(join(tmpdir(), 'reliability-fuzz-'))
const dbPath = join(dir, 'room.sqlite')
let server: RoomProcess

beforeAll(async () => {
  // The per-connection message limit would drop most frames before they are parsed; it is
  // tested with its defaults elsewhere. Here every frame must reach the parser.
  // Every socket comes from 127.0.0.1: no cap on live identities per address either.
  server = await startRoomProcess({ dbPath, messageRate: { capacity: 1e9, perSecond: 1e9 }, floodTolerance: { capacity: 1e9, perSecond: 1e9 }, maxPerAddress: 1000 })
  await control(server.url, { kind: 'open', poll: { id: 'fuzz-closed', kind: 'choice', question: 'Closed?', options: ['yes', 'no'] } })
  const voters = await Promise.all([1, 2, 3].map(async () => (await joined()).ws))
  for (const [i, ws] of voters.entries())
    await roundTrip(ws, { type: 'vote', requestId: `v${i}`, pollId: 'fuzz-closed', value: i % 2 })
  voters.forEach(ws => ws.close())
  await control(server.url, { kind: 'close', pollId: 'fuzz-closed' })
  await control(server.url, { kind: 'open', poll: { id: 'fuzz-open', kind: 'text', question: 'Anything?', maxLength: 200 } })
})

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function snapshot(): { others: string, mine: Array<Record<string, unknown>> } {
  const db = new Database(dbPath, { readonly: true })
  const tables = ['sessions', 'polls', 'rounds', 'hidden_answers']
  const others = JSON.stringify({
    ...Object.fromEntries(tables.map(t => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()])),
    participants: db.prepare('SELECT * FROM participants WHERE participant_id <> ? ORDER BY 2').all(fuzzer?.participantId ?? ''),
    votes: db.prepare('SELECT * FROM votes WHERE participant_id <> ? ORDER BY 2, 3, 4').all(fuzzer?.participantId ?? ''),
  })
  const mine = db.prepare('SELECT poll_id, round, value FROM votes WHERE participant_id = ?').all(fuzzer?.participantId ?? '') as Array<Record<string, unknown>>
  db.close()
  return { others, mine }
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}`)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** Send and wait for the direct reply, skipping broadcasts (`room`, `results`, `poll`). */
function roundTrip(ws: WebSocket, message: unknown): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const text = String(data)
      if (/^\{"type":"(?:room|results|poll)"/.test(text))
        return
      ws.off('message', onMessage)
      resolve(text)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify(message))
  })
}

/** A joined socket: a new participant, or `identity` coming back with its token. */
async function joined(identity?: ParticipantIdentity): Promise<{ ws: WebSocket, identity: ParticipantIdentity }> {
  const ws = await open()
  ws.on('error', () => {})
  const reply = JSON.parse(await roundTrip(ws, { type: 'hello', ...identity })) as { type: string, participantId: string, token?: string }
  expect(reply).toMatchObject({ type: 'welcome' })
  return { ws, identity: identity ?? { participantId: reply.participantId, token: reply.token! } }
}

/** The fuzzing phone: always the same participant, issued on its first join. */
async function joinAsFuzzer(): Promise<WebSocket> {
  const { ws, identity } = await joined(fuzzer)
  fuzzer = identity
  return ws
}

// ---- arbitraries ----

const valid: Array<Record<string, unknown>> = [
  { type: 'hello', participantId: CLAIMED, token: 'not-the-token-of-anyone-at-all-0123456789', nickname: 'Fuzz' },
  { type: 'hello', nickname: 'Fuzz' },
  { type: 'vote', requestId: 'r1', pollId: 'fuzz-open', value: 'some text' },
  { type: 'vote', requestId: 'r2', pollId: 'fuzz-closed', value: 1 },
  { type: 'control', requestId: 'c1', secret: 'not-the-secret', action: { kind: 'open', poll: { id: 'evil', kind: 'choice', question: 'Q?', options: ['a', 'b'] } } },
  { type: 'control', requestId: 'c2', secret: 'not-the-secret', action: { kind: 'reset', pollId: 'fuzz-open' } },
  { type: 'control', requestId: 'c3', secret: 'not-the-secret', action: { kind: 'moderate', pollId: 'fuzz-open', answerKey: 'x', hidden: true } },
  { type: 'watch', requestId: 'w1', secret: 'wrong' },
  { type: 'ping' },
]

const weird = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(null, -0, Number.MAX_SAFE_INTEGER, 1e308, '', '__proto__', 'constructor', '<script>alert(1)</script>', '\u0000', '\uD800', 'fuzz-open', CLAIMED),
)

/** A valid message with one field replaced, removed, or one extra field added. */
const nearValid = fc.tuple(fc.constantFrom(...valid), fc.nat(), weird, fc.constantFrom('replace', 'delete', 'add', 'nested')).map(([template, pick, value, how]) => {
  const message: Record<string, unknown> = structuredClone(template)
  const keys = Object.keys(message)
  const key = keys[pick % keys.length]!
  if (how === 'replace')
    message[key] = value
  else if (how === 'delete')
    delete message[key]
  else if (how === 'add')
    message[`x${pick % 5}`] = value
  else if (typeof message.action === 'object' && message.action !== null)
    (message.action as Record<string, unknown>)[Object.keys(message.action)[pick % Object.keys(message.action).length]!] = value
  else
    message.value = value
  return JSON.stringify(message)
})

const deep = fc.tuple(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) =>
  `{"type":"vote","requestId":"d","pollId":"fuzz-open","value":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`)

const frame = fc.oneof(
  { weight: 3, arbitrary: nearValid },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.anything().map(x => JSON.stringify(x) ?? 'undefined') },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 24_000 }).map(n => JSON.stringify({ type: 'vote', requestId: 'big', pollId: 'fuzz-open', value: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map(bytes => Buffer.from(bytes)) },
)

const token = fc.stringMatching(/^[!#$%&'*+\-.^\w`|~]{1,20}$/)
const httpRequest = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PROPFIND'), token),
  path: fc.oneof(
    fc.constantFrom('/api/health', '/api/room', '/api/results', '/api/results.csv', '/api/public-results', '/api/join-qr.svg', '/join', WS_PATH, '/api/', '/api/../etc/passwd'),
    fc.webPath().map(p => `/api/${p.replace(/^\//, '')}`),
    fc.string({ maxLength: 60 }).map(s => `/api/${encodeURIComponent(s)}?${encodeURIComponent(s)}`),
  ),
  headers: fc.dictionary(token, fc.stringMatching(/^[\x20-\x7E]{0,80}$/), { maxKeys: 6 }),
  body: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
})

function send(req: { method: string, path: string, headers: Record<string, string>, body: string | undefined }): Promise<number> {
  return new Promise((resolve) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !/^(?:host|content-length|transfer-encoding|connection|upgrade|expect|te|trailer)$/i.test(k)))
    const r = request({ host: '127.0.0.1', port: server.port, method: req.method, path: req.path, headers, timeout: 5000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(-1))
    })
    r.on('error', () => resolve(-1))
    r.on('timeout', () => r.destroy())
    r.end(req.body)
  })
}

describe('fuzzing the room', () => {
  it(`survives ${WS_MESSAGES} random and malformed WebSocket frames with state changed only by valid messages, memory bounded`, async () => {
    let ws = await joinAsFuzzer()
    const before = snapshot()
    // Warm-up so that lazy allocations do not count as growth.
    for (let i = 0; i < 200; i++)
      ws.send(JSON.stringify({ type: 'ping' }))
    await roundTrip(ws, { type: 'ping' })
    const rssBefore = rssOf(server.pid)

    const frames = fc.sample(frame, { numRuns: WS_MESSAGES, seed: SEED })
    let reopened = 0
    for (const [i, data] of frames.entries()) {
      if (ws.readyState !== WebSocket.OPEN) {
        // Oversized frames close the socket (1009), as they should: rejoin as the same phone.
        ws = await joinAsFuzzer()
        reopened++
      }
      ws.send(data, { binary: Buffer.isBuffer(data) })
      if (i % 100 === 99 && ws.readyState === WebSocket.OPEN) {
        // Pace: wait until the server has worked through what was sent.
        ws.send(JSON.stringify({ type: 'ping' }))
        await new Promise<void>(resolve => ws.on('message', function onMessage(m) {
          if (String(m).includes('"pong"')) {
            ws.off('message', onMessage)
            resolve()
          }
        }).once('close', () => resolve()))
      }
    }
    if (ws.readyState !== WebSocket.OPEN)
      ws = await joinAsFuzzer()
    expect(JSON.parse(await roundTrip(ws, { type: 'ping' }))).toMatchObject({ type: 'pong' })
    ws.close()
    console.warn(`fuzz: ${frames.length} frames (seed ${SEED}), socket closed and reopened ${reopened} times`)

    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    const growth = rssOf(server.pid) - rssBefore
    console.warn(`fuzz: server RSS grew ${(growth / 1024 / 1024).toFixed(1)} MB`)
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT)

    const after = snapshot()
    expect(after.others).toBe(before.others)
    // The fuzzer may have answered the open text poll with some valid text; nothing else.
    for (const vote of after.mine) {
      expect(vote.poll_id).toBe('fuzz-open')
      expect(typeof JSON.parse(String(vote.value))).toBe('string')
    }
  })

  it(`survives ${HTTP_REQUESTS} random HTTP requests and raw garbage without a 5xx or a crash`, async () => {
    const before = snapshot()
    const rssBefore = rssOf(server.pid)
    const statuses = new Map<number, number>()
    for (const req of fc.sample(httpRequest, { numRuns: HTTP_REQUESTS, seed: SEED })) {
      const status = await send(req)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
    // Not HTTP at all: the parser must refuse and close, nothing else.
    for (const garbage of fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4000 }), { numRuns: 50, seed: SEED })) {
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(server.port, '127.0.0.1', () => socket.end(Buffer.from(garbage)))
        socket.on('error', () => resolve())
        socket.on('close', () => resolve())
        socket.setTimeout(3000, () => socket.destroy())
        socket.resume()
      })
    }
    console.warn(`http fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`)
    expect([...statuses.keys()].filter(s => s >= 500)).toEqual([])
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    expect(rssOf(server.pid) - rssBefore).toBeLessThan(RSS_GROWTH_LIMIT)
    const after = snapshot()
    expect(after.others).toBe(before.others)
    expect(after.mine).toEqual(before.mine)
  })
})
