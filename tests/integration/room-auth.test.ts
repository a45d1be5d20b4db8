import type { ResultsExport, ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { Buffer } from 'node:buffer'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

const poll = { id: 'q', kind: 'words', question: 'Word?', maxWords: 1 }
const other = { id: 'other', kind: 'choice', question: 'A or B?', options: ['=A', 'B, really'] }

let room: TestRoom
let presenter: TestClient
let stranger: TestClient
let reader: Database.Database

/** Every table's rows, to prove a refused action changed nothing. */
function snapshot(): string {
  const tables = ['sessions', 'polls', 'rounds', 'votes', 'hidden_answers', 'participants']
  return JSON.stringify(tables.map(t => reader.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()))
}

beforeAll(async () => {
  room = await startTestRoom()
  presenter = await TestClient.connect(room.wsUrl)
  stranger = await TestClient.connect(room.wsUrl)
  reader = new Database(room.dbPath, { readonly: true })
  expect(await presenter.control({ kind: 'open', poll })).toMatchObject({ type: 'ack' })
  const phone = await TestClient.connect(room.wsUrl)
  await phone.hello()
  expect(await phone.vote('q', 'Brave')).toMatchObject({ type: 'ack' })
  await phone.close()
})

afterAll(async () => {
  await Promise.all([presenter?.close(), stranger?.close()])
  reader?.close()
  await room?.dispose()
})

describe('control actions need the presenter secret', () => {
  const actions = [
    { kind: 'open', poll: other },
    { kind: 'open', poll: { ...poll, question: 'Changed?' } },
    { kind: 'close', pollId: 'q' },
    { kind: 'reveal', pollId: 'q', revealed: true },
    { kind: 'reset', pollId: 'q' },
    { kind: 'moderate', pollId: 'q', answerKey: 'brave', hidden: true },
  ]
  for (const action of actions) {
    for (const [label, secret] of [['without', undefined], ['with an empty', ''], ['with a wrong', 'wrong-secret'], ['with a too-long', 'x'.repeat(200)]] as const) {
      it(`refuses ${action.kind} ${label} secret and changes nothing`, async () => {
        const before = snapshot()
        // A fresh connection each time: 24 refusals in a row would trip the per-connection message limit.
        const c = await TestClient.connect(room.wsUrl)
        const reply = await c.request({ type: 'control', ...(secret === undefined ? {} : { secret }), action })
        await c.close()
        expect(reply.type).toBe('error')
        expect(reply).toMatchObject({ code: secret === undefined ? 'bad-message' : 'unauthorized' })
        expect(snapshot()).toBe(before)
      })
    }
  }

  it('accepts them with the right secret', async () => {
    expect(await presenter.control({ kind: 'reveal', pollId: 'q', revealed: true })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'close', pollId: 'q' })).toMatchObject({ type: 'ack' })
  })

  it('does not put the secret or the input into error messages', async () => {
    const reply = await stranger.request({ type: 'control', secret: 'guess<script>', action: { kind: 'close', pollId: 'q' } })
    expect(JSON.stringify(reply)).not.toContain('guess')
  })

  it('refuses control actions on unknown polls', async () => {
    expect(await presenter.control({ kind: 'close', pollId: 'nope' })).toMatchObject({ type: 'error', code: 'unknown-poll' })
  })
})

describe('watching', () => {
  it('with a wrong secret: an error, then public results only', async () => {
    const c = await TestClient.connect(room.wsUrl)
    expect(await c.request({ type: 'watch', secret: 'wrong' })).toMatchObject({ type: 'error', code: 'unauthorized' })
    const results = await c.next<Extract<ServerMessage, { type: 'results' }>>(m => m.type === 'results')
    expect(results.authorized).toBe(false)
    expect(results.polls.every(p => p.revealed)).toBe(true)
    await c.close()
  })

  it('with the right secret: every poll', async () => {
    expect(await presenter.control({ kind: 'open', poll: other })).toMatchObject({ type: 'ack' })
    const c = await TestClient.connect(room.wsUrl)
    expect(await c.request({ type: 'watch', secret: TEST_SECRET })).toMatchObject({ type: 'ack' })
    const results = await c.next<Extract<ServerMessage, { type: 'results' }>>(m => m.type === 'results')
    expect(results.authorized).toBe(true)
    expect(results.polls.map(p => [p.poll.id, p.revealed])).toEqual([['q', true], ['other', false]])
    await c.close()
  })
})

describe('results API', () => {
  for (const [label, headers] of [
    ['no Authorization header', {}],
    ['a wrong bearer token', { authorization: 'Bearer wrong' }],
    ['the secret without Bearer', { authorization: TEST_SECRET }],
    ['Basic auth', { authorization: `Basic ${Buffer.from(`x:${TEST_SECRET}`).toString('base64')}` }],
  ] as const) {
    for (const path of ['/api/results', '/api/results.csv']) {
      it(`${path} answers 401 with ${label}`, async () => {
        const res = await fetch(`${room.baseUrl}${path}`, { headers })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
        const body = await res.text()
        expect(body).not.toContain('Brave')
        expect(body.toLowerCase()).not.toContain('brave')
      })
    }
  }

  it('/api/results answers 200 with the full history', async () => {
    const res = await fetch(`${room.baseUrl}/api/results`, { headers: { authorization: `Bearer ${TEST_SECRET}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const data = await res.json() as ResultsExport
    expect(data.session).toBe('default')
    expect(data.polls.map(p => [p.poll.id, p.round, p.total])).toEqual([['q', 1, 1], ['other', 1, 0]])
    expect(data.polls[0]!.tally).toEqual({ kind: 'words', words: [{ word: 'Brave', count: 1, hidden: false }] })
  })

  it('/api/results.csv answers 200 with quoted, formula-guarded CSV', async () => {
    const res = await fetch(`${room.baseUrl}/api/results.csv`, { headers: { authorization: `bearer ${TEST_SECRET}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="results-default.csv"')
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toBe('"poll_id","kind","question","round","opened_at","closed_at","revealed","answered","answer","count","hidden"')
    expect(lines[1]).toMatch(/^"q","words","Word\?",1,"[\dT:.Z-]+","[\dT:.Z-]+",true,1,"Brave",1,false$/)
    expect(lines[2]).toMatch(/^"other","choice","A or B\?",1,"[\dT:.Z-]+",,false,0,"'=A",0,false$/)
    expect(lines[3]).toMatch(/^"other","choice","A or B\?",1,"[\dT:.Z-]+",,false,0,"B, really",0,false$/)
  })
})
