import type { ExercisePhoneView, ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { migrations } from '../../room/migrations'
import { MANY_PHONES, startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

/**
 * Server-issued identities, the cap on live identities per network address
 * and the Origin check on the socket, over real sockets and real SQLite files.
 * Every client here comes from 127.0.0.1, so they all share one address.
 */

type Results = Extract<ServerMessage, { type: 'results' }>

const ASK = 'VICTIM-ASK: could someone review my onboarding guide by Friday?'
const OFFERS = ['An hour of pairing on TypeScript']
const SECRET_ANSWER = 'VICTIM-VOTE about my manager'
const textPoll = { id: 'private', kind: 'text', question: 'Anything on your mind?', maxLength: 200 }

let rooms: TestRoom[] = []
let clients: TestClient[] = []
const dirs: string[] = []

afterEach(async () => {
  await Promise.all(clients.map(c => c.close()))
  clients = []
  await Promise.all(rooms.map(r => r.dispose()))
  rooms = []
})

afterAll(() => {
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

async function room(options: Parameters<typeof startTestRoom>[0] = {}): Promise<TestRoom> {
  const r = await startTestRoom(options)
  rooms.push(r)
  return r
}

async function client(r: TestRoom): Promise<TestClient> {
  const c = await TestClient.connect(r.wsUrl)
  clients.push(c)
  return c
}

/** A new phone, welcomed. */
async function phone(r: TestRoom, nickname?: string): Promise<TestClient> {
  const c = await client(r)
  expect(await c.hello(null, nickname)).toMatchObject({ type: 'welcome' })
  return c
}

async function ok(reply: Promise<Extract<ServerMessage, { type: 'ack' | 'error' }>>): Promise<void> {
  const m = await reply
  expect(m, JSON.stringify(m)).toMatchObject({ type: 'ack' })
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

function latestExercise(c: TestClient): ExercisePhoneView | null | undefined {
  for (let i = c.messages.length - 1; i >= 0; i--) {
    const m = c.messages[i]!
    if (m.type === 'exercise')
      return m.exercise
  }
  return undefined
}

/** The HTTP status the server answers a WebSocket upgrade with (101 when the socket opens). */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin })
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('unexpected-response', (_req, res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('error', (error) => {
      if (ws.readyState !== WebSocket.CLOSED)
        reject(error)
    })
  })
}

describe('server-issued identities', () => {
  it('gives a new phone an id and a token, and keeps only the token\'s sha256', async () => {
    const r = await room()
    const c = await client(r)
    const welcome = await c.hello()
    expect(welcome).toMatchObject({ type: 'welcome', participantId: expect.stringMatching(/^[\w-]{22}$/), token: expect.stringMatching(/^[\w-]{43}$/) })
    const reader = new Database(r.dbPath, { readonly: true })
    const row = reader.prepare('SELECT token_hash AS hash FROM participants WHERE participant_id = ?').get(welcome.participantId) as { hash: Uint8Array }
    reader.close()
    expect(createHash('sha256').update(welcome.token!).digest().equals(row.hash)).toBe(true)
    // Coming back, the token is not sent again.
    const again = await client(r)
    const back = await again.hello(c.identity)
    expect(back).toMatchObject({ type: 'welcome', participantId: welcome.participantId })
    expect(back).not.toHaveProperty('token')
  })

  it('a phone that reconnects with its token keeps its answer, its submission and its commitment', async () => {
    const r = await room()
    const presenter = await client(r)
    await ok(presenter.control({ kind: 'open', poll: textPoll }))
    await ok(presenter.exercise({ kind: 'start-prepare', variant: 60 }))
    const first = await phone(r, 'Ada')
    await ok(first.vote('private', SECRET_ANSWER))
    await ok(first.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await ok(first.commit({ who: 'Sam', what: 'a review', when: 'Friday' }))
    const identity = first.identity!
    await first.close()

    const back = await client(r)
    expect(await back.hello(identity)).toMatchObject({ type: 'welcome', participantId: identity.participantId, myAnswer: SECRET_ANSWER })
    await until(() => latestExercise(back)?.submission?.ask === ASK)
    expect(latestExercise(back)?.commitment?.sentence).toBe('I will ask Sam for a review by Friday')
  })

  it('refuses the same id with a wrong or no token, binds nothing, and sends none of that person\'s private fields', async () => {
    const r = await room()
    const presenter = await client(r)
    await ok(presenter.control({ kind: 'open', poll: textPoll }))
    await ok(presenter.exercise({ kind: 'start-prepare', variant: 60 }))
    const victim = await phone(r, 'Victim')
    const partner = await phone(r)
    await ok(victim.vote('private', SECRET_ANSWER))
    await ok(victim.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await ok(victim.commit({ who: 'VICTIM-WHO', what: 'VICTIM-WHAT', when: 'Friday' }))
    await ok(partner.submit({ ask: 'Could someone help me plan the offsite by Monday?', askTopics: ['planning'], offers: OFFERS }))
    await ok(presenter.exercise({ kind: 'form-pairs' }))
    await until(() => !!latestExercise(victim)?.group)
    const { participantId } = victim.identity!

    const wrongToken = `${victim.identity!.token.slice(0, -1)}${victim.identity!.token.endsWith('A') ? 'B' : 'A'}`
    for (const attempt of [{ participantId }, { participantId, token: wrongToken }, { participantId, token: 'x'.repeat(43) }]) {
      const thief = await client(r)
      thief.send({ type: 'hello', ...attempt })
      expect(await thief.next(m => m.type === 'welcome' || m.type === 'error')).toMatchObject({ type: 'error', code: 'identity-refused' })
      // Not bound: the thief can neither vote nor republish as the victim.
      expect(await thief.vote('private', 'THIEF-VOTE')).toMatchObject({ type: 'error', code: 'not-joined' })
      expect(await thief.commit({ who: 'VICTIM-WHO', what: 'VICTIM-WHAT', when: 'Friday' }, true)).toMatchObject({ type: 'error', code: 'not-joined' })
      expect(await thief.submit({ pass: true, offers: OFFERS })).toMatchObject({ type: 'error', code: 'not-joined' })
      // The victim's answer changes, and broadcasts after them, still reach the victim only.
      await ok(victim.vote('private', SECRET_ANSWER))
      thief.send({ type: 'ping' })
      await thief.next(m => m.type === 'pong')
      const seen = JSON.stringify(thief.messages)
      for (const secret of ['VICTIM', participantId])
        expect(seen).not.toContain(secret)
      expect(thief.messages.some(m => m.type === 'welcome' || m.type === 'exercise')).toBe(false)
    }

    // A phone with its own identity cannot switch to the victim's either.
    const other = await phone(r)
    other.send({ type: 'hello', participantId, token: wrongToken })
    expect(await other.next(m => m.type === 'error')).toMatchObject({ code: 'identity-refused' })
    expect(await other.vote('private', 'OTHER-VOTE')).toMatchObject({ type: 'ack' })

    const reader = new Database(r.dbPath, { readonly: true })
    expect(reader.prepare('SELECT value FROM votes WHERE participant_id = ?').all(participantId)).toEqual([{ value: JSON.stringify(SECRET_ANSWER) }])
    expect(reader.prepare('SELECT shared FROM exercise_commitments WHERE participant_id = ?').all(participantId)).toEqual([{ shared: 0 }])
    expect(reader.prepare('SELECT count(*) AS n FROM votes WHERE value LIKE ?').get('%THIEF%')).toEqual({ n: 0 })
    reader.close()
    // The victim's own connection is untouched.
    expect(await victim.vote('private', SECRET_ANSWER)).toMatchObject({ type: 'ack' })
  })

  it('never accepts an id from before tokens existed; its old answers stay counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'room-identity-legacy-'))
    dirs.push(dir)
    const dbPath = join(dir, 'room.sqlite')
    // A database at schema version 2, with a participant whose phone made up its id.
    const old = new Database(dbPath)
    old.pragma('journal_mode = WAL')
    for (const [version, migration] of migrations.slice(0, 2).entries()) {
      migration(old)
      old.pragma(`user_version = ${version + 1}`)
    }
    const definition = JSON.stringify({ id: 'old-poll', kind: 'choice', question: 'A or B?', options: ['A', 'B'] })
    old.exec(`INSERT INTO sessions (name, created_at, current_poll_id) VALUES ('default', 1, 'old-poll')`)
    old.prepare(`INSERT INTO polls VALUES ('default', 'old-poll', 'choice', ?, 1)`).run(definition)
    old.prepare(`INSERT INTO rounds (session, poll_id, round, definition, opened_at) VALUES ('default', 'old-poll', 1, ?, 1)`).run(definition)
    old.exec(`INSERT INTO participants VALUES ('default', 'phone-made-up-id-0001', NULL, 1, 1)`)
    old.exec(`INSERT INTO votes VALUES ('default', 'old-poll', 1, 'phone-made-up-id-0001', '1', 1, 1)`)
    old.close()

    const r = await room({ dir, dbPath })
    const c = await client(r)
    for (const token of [undefined, 'x'.repeat(43)]) {
      c.send({ type: 'hello', participantId: 'phone-made-up-id-0001', ...(token ? { token } : {}) })
      expect(await c.next(m => m.type === 'welcome' || m.type === 'error')).toMatchObject({ type: 'error', code: 'identity-refused' })
    }
    expect(r.server.room.results({ authorized: true })[0]).toMatchObject({ total: 1, tally: { counts: [0, 1] } })
    // The same phone joins as a new participant.
    expect(await c.hello()).toMatchObject({ type: 'welcome', myAnswer: null })
  })
})

describe('live identities per network address', () => {
  it('refuses the fifth identity from one address by default, tells the presenter, and lets it in after one leaves', async () => {
    const r = await room()
    const presenter = await client(r)
    presenter.send({ type: 'watch', requestId: 'w', secret: TEST_SECRET })
    const screen = await client(r)
    screen.send({ type: 'watch', requestId: 'w' })

    // Someone who was here earlier: known, but not live now.
    const earlier = await phone(r)
    const earlierIdentity = earlier.identity!
    await earlier.close()
    await until(() => r.server.room.participants === 0)

    const phones = [await phone(r), await phone(r), await phone(r), await phone(r)]
    const fifth = await client(r)
    const refused = await fifth.hello()
    expect(refused).toMatchObject({ type: 'error', code: 'too-many-phones', message: expect.stringMatching(/^Too many phones are using this network address/) })
    expect(fifth.identity).toBeNull()
    // A known identity is no way around it either, token or not.
    const comeback = await client(r)
    expect(await comeback.hello(earlierIdentity)).toMatchObject({ type: 'error', code: 'too-many-phones' })
    // A second tab of someone already here is the same identity, not a new one.
    const secondTab = await client(r)
    expect(await secondTab.hello(phones[0]!.identity)).toMatchObject({ type: 'welcome' })
    expect(r.server.room.participants).toBe(4)

    // The presenter sees it, as counts; a screen without the secret sees nothing of it.
    const warned = await presenter.next<Results>(m => m.type === 'results' && (m.integrity?.refusedAddresses ?? 0) > 0)
    expect(warned.integrity).toEqual({ crowded: [4], crowdedAt: 3, maxPerAddress: 4, refusedAddresses: 1 })
    expect(JSON.stringify(warned)).not.toContain('127.0.0.1')
    await screen.next(m => m.type === 'results')
    expect(screen.messages.some(m => m.type === 'results' && m.integrity !== undefined)).toBe(false)

    // One leaves (both of its tabs); the next phone gets in.
    await Promise.all([phones[0]!.close(), secondTab.close()])
    let again: TestClient | undefined
    await until(async () => {
      const c = await client(r)
      if ((await c.hello()).type === 'welcome') {
        again = c
        return true
      }
      await c.close()
      return false
    })
    expect(again?.identity).not.toBeNull()
  })

  it('takes a higher cap from the maxPerAddress option, and none with 0', async () => {
    const six = await room({ maxPerAddress: 6 })
    for (let i = 0; i < 6; i++)
      await phone(six)
    const seventh = await client(six)
    expect(await seventh.hello()).toMatchObject({ type: 'error', code: 'too-many-phones', message: expect.stringContaining('at most 6') })

    const open = await room({ maxPerAddress: 0 })
    for (let i = 0; i < 12; i++)
      await phone(open)
    expect(open.server.room.participants).toBe(12)
  })

  it('refuses a bad maxPerAddress before opening anything', async () => {
    await expect(startTestRoom({ maxPerAddress: -1 })).rejects.toThrow(/maxPerAddress/)
    await expect(startTestRoom({ maxPerAddress: 2.5 })).rejects.toThrow(/maxPerAddress/)
  })
})

describe('origin check on the socket', () => {
  it('answers 403 to a page from another site, and opens for the same origin, no Origin, and allowed origins', async () => {
    const r = await room({ allowedOrigins: ['http://localhost:5173'] })
    const host = `127.0.0.1:${r.port}`
    expect(await upgradeStatus(r.wsUrl, 'http://evil.example')).toBe(403)
    expect(await upgradeStatus(r.wsUrl, `http://127.0.0.1:${r.port + 1}`)).toBe(403)
    expect(await upgradeStatus(r.wsUrl, 'null')).toBe(403)
    expect(await upgradeStatus(r.wsUrl, 'http://localhost:5174')).toBe(403)
    expect(await upgradeStatus(r.wsUrl, `http://${host}`)).toBe(101)
    expect(await upgradeStatus(r.wsUrl)).toBe(101)
    expect(await upgradeStatus(r.wsUrl, 'http://localhost:5173')).toBe(101)
    // Refused before a socket existed: nobody was counted or joined.
    expect(r.server.room.participants).toBe(0)

    // A same-origin page joins as usual.
    const page = await TestClient.connect(r.wsUrl, { origin: `http://${host}` })
    clients.push(page)
    expect(await page.hello()).toMatchObject({ type: 'welcome' })
  })

  it('allows no other origin on a server started without allowed origins', async () => {
    const r = await room({ maxPerAddress: MANY_PHONES })
    expect(await upgradeStatus(r.wsUrl, 'http://localhost:5173')).toBe(403)
    expect(await upgradeStatus(r.wsUrl, `http://localhost:${r.port}`)).toBe(403)
    expect(await upgradeStatus(r.wsUrl, `http://127.0.0.1:${r.port}`)).toBe(101)
  })
})
