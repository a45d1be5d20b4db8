import type { ParticipantIdentity, ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

/**
 * Every presenter-only thing × no secret / a wrong one / the right one, as
 * one table. tests/integration/room-auth.test.ts already proves the refusals
 * of control actions and the 401s of the results API in depth (empty,
 * too-long, Basic, missing "Bearer"); this matrix adds the "right secret"
 * column for every action, HEAD, the public endpoints, and checks that a
 * refusal changes no row while an accepted action changes the one it should.
 */
const poll = { id: 'matrix', kind: 'words', question: 'One word?', maxWords: 1 }
const other = { id: 'matrix-2', kind: 'choice', question: 'A or B?', options: ['A', 'B'] }

let room: TestRoom
let reader: Database.Database
let voter: ParticipantIdentity

function snapshot(): string {
  return JSON.stringify(['sessions', 'polls', 'rounds', 'votes', 'hidden_answers'].map(t => reader.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()))
}

beforeAll(async () => {
  room = await startTestRoom()
  reader = new Database(room.dbPath, { readonly: true })
  const presenter = await TestClient.connect(room.wsUrl)
  expect(await presenter.control({ kind: 'open', poll })).toMatchObject({ type: 'ack' })
  const phone = await TestClient.connect(room.wsUrl)
  await phone.hello()
  voter = phone.identity!
  expect(await phone.vote('matrix', 'brave')).toMatchObject({ type: 'ack' })
  await Promise.all([presenter.close(), phone.close()])
})

afterAll(async () => {
  reader?.close()
  await room?.dispose()
})

const SECRETS = [
  ['no', undefined, 'bad-message'],
  ['a wrong', 'wrong-secret', 'unauthorized'],
  ['the right', TEST_SECRET, null],
] as const

// In order: each accepted action leaves the room ready for the next row.
const ACTIONS = [
  { kind: 'open', poll: other },
  { kind: 'open', poll },
  { kind: 'moderate', pollId: 'matrix', answerKey: 'brave', hidden: true },
  { kind: 'reveal', pollId: 'matrix', revealed: true },
  { kind: 'close', pollId: 'matrix' },
  { kind: 'reset', pollId: 'matrix' },
] as const

describe('control actions × secret', () => {
  for (const action of ACTIONS) {
    for (const [label, secret, refusal] of SECRETS) {
      it(`${action.kind}${'poll' in action ? ` ${action.poll.id}` : ''} with ${label} secret: ${refusal ?? 'accepted'}`, async () => {
        const before = snapshot()
        const c = await TestClient.connect(room.wsUrl)
        const reply = await c.request({ type: 'control', ...(secret === undefined ? {} : { secret }), action })
        await c.close()
        if (refusal) {
          expect(reply).toMatchObject({ type: 'error', code: refusal })
          expect(snapshot()).toBe(before)
        }
        else {
          expect(reply).toMatchObject({ type: 'ack' })
          expect(snapshot()).not.toBe(before)
        }
      })
    }
  }
})

describe('moving following screens × secret', () => {
  for (const [label, secret, refusal] of SECRETS) {
    it(`slide with ${label} secret: ${refusal ?? 'accepted and sent to watching screens'}`, async () => {
      const screen = await TestClient.connect(room.wsUrl)
      screen.send({ type: 'watch', requestId: 'w' })
      await screen.next(m => m.type === 'results')
      const c = await TestClient.connect(room.wsUrl)
      const page = 3 + SECRETS.findIndex(row => row[1] === secret)
      const reply = await c.request({ type: 'slide', ...(secret === undefined ? {} : { secret }), page, clicks: 1 })
      await c.close()
      if (refusal) {
        expect(reply).toMatchObject({ type: 'error', code: refusal })
        await new Promise(r => setTimeout(r, 100))
        expect(screen.messages.some(m => m.type === 'slide' && m.page === page)).toBe(false)
      }
      else {
        expect(reply).toMatchObject({ type: 'ack' })
        expect(await screen.next(m => m.type === 'slide')).toEqual({ type: 'slide', page, clicks: 1 })
      }
      await screen.close()
    })
  }
})

describe('watching × secret', () => {
  for (const [label, secret] of SECRETS) {
    it(`watch with ${label} secret sees ${secret === TEST_SECRET ? 'every poll' : 'revealed polls only, moderated answers removed'}`, async () => {
      const c = await TestClient.connect(room.wsUrl)
      c.send({ type: 'watch', requestId: 'w', ...(secret === undefined ? {} : { secret }) })
      const results = await c.next<Extract<ServerMessage, { type: 'results' }>>(m => m.type === 'results')
      await c.close()
      expect(results.authorized).toBe(secret === TEST_SECRET)
      // Ballot-stuffing figures are the presenter's: a screen without the secret may be on the projector.
      expect(results.integrity !== undefined).toBe(secret === TEST_SECRET)
      if (secret === TEST_SECRET) {
        expect(results.polls.map(p => p.poll.id).sort()).toEqual(['matrix', 'matrix-2'])
      }
      else {
        expect(results.polls.every(p => p.revealed)).toBe(true)
        expect(JSON.stringify(results)).not.toContain('brave')
      }
    })
  }
})

describe('hello × participant token', () => {
  const TOKENS = [
    ['no', undefined, 'identity-refused'],
    ['a wrong', 'wrong-token-wrong-token-wrong-token-wrong', 'identity-refused'],
    ['the right', 'right', null],
  ] as const
  for (const [label, given, refusal] of TOKENS) {
    it(`hello as a known participant with ${label} token: ${refusal ?? 'welcome'}`, async () => {
      const before = snapshot()
      const c = await TestClient.connect(room.wsUrl)
      const token = given === 'right' ? voter.token : given
      c.send({ type: 'hello', participantId: voter.participantId, ...(token === undefined ? {} : { token }) })
      const reply = await c.next(m => m.type === 'welcome' || m.type === 'error')
      await c.close()
      if (refusal) {
        expect(reply).toMatchObject({ type: 'error', code: refusal })
        expect(JSON.stringify(c.messages)).not.toContain('brave')
        expect(snapshot()).toBe(before)
      }
      else {
        expect(reply).toMatchObject({ type: 'welcome', participantId: voter.participantId })
        expect(reply).not.toHaveProperty('token')
      }
    })
  }
})

describe('hTTP endpoints × secret', () => {
  const headers = { no: {}, wrong: { authorization: 'Bearer wrong-secret' }, right: { authorization: `Bearer ${TEST_SECRET}` } }
  const ENDPOINTS: Array<[string, 'secret' | 'public']> = [
    ['/api/results', 'secret'],
    ['/api/results.csv', 'secret'],
    ['/api/public-results', 'public'],
    ['/api/room', 'public'],
    ['/api/health', 'public'],
    ['/api/join-qr.svg', 'public'],
  ]
  for (const [path, access] of ENDPOINTS) {
    for (const method of ['GET', 'HEAD'] as const) {
      for (const [label, h] of Object.entries(headers)) {
        const expected = access === 'public' || label === 'right' ? 200 : 401
        it(`${method} ${path} with ${label} secret: ${expected}`, async () => {
          const res = await fetch(`${room.baseUrl}${path}`, { method, headers: h })
          expect(res.status).toBe(expected)
          const body = await res.text()
          if (method === 'HEAD')
            expect(body).toBe('')
          if (expected === 401)
            expect(body.toLowerCase()).not.toContain('brave')
          // Public endpoints never carry hidden or unrevealed answers, whoever asks.
          if (access === 'public')
            expect(body.toLowerCase()).not.toContain('brave')
        })
      }
    }
  }
})
