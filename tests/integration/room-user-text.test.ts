import type { PollResult, ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

/**
 * User text against a real room: what a phone sends is cleaned or refused by
 * core/text.ts before it is stored, moderation matches every spelling of a
 * word, and screens without the secret get no per-answer times.
 */

type Results = Extract<ServerMessage, { type: 'results' }>

const words = { id: 'feel', kind: 'words', question: 'One word?', maxWords: 1 }
const text = { id: 'why', kind: 'text', question: 'Why?', maxLength: 200 }
const JERKS = ['je\u200Brk', 'ｊｅｒｋ', 'JERK']

let room: TestRoom
let presenter: TestClient
let reader: Database.Database
const clients: TestClient[] = []

async function phone(nickname?: string): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  expect(await c.hello(null, nickname)).toMatchObject({ type: 'welcome' })
  return c
}

/** A screen watching results, with or without the presenter secret. */
async function watcher(secret?: string): Promise<TestClient> {
  const c = await TestClient.connect(room.wsUrl)
  clients.push(c)
  expect(await c.request({ type: 'watch', ...(secret ? { secret } : {}) })).toMatchObject({ type: 'ack' })
  return c
}

/** The screen's next results snapshot in which `pollId` matches `ready`. */
function resultOf(c: TestClient, pollId: string, ready: (r: PollResult) => boolean): Promise<PollResult> {
  return c.next<Results>(m => m.type === 'results' && m.polls.some(p => p.poll.id === pollId && ready(p)))
    .then(m => m.polls.find(p => p.poll.id === pollId)!)
}

beforeAll(async () => {
  room = await startTestRoom({ batchIntervalMs: 20, newParticipantRate: { capacity: 1000, perSecond: 100 }, maxPerAddress: MANY_PHONES })
  presenter = await TestClient.connect(room.wsUrl)
  reader = new Database(room.dbPath, { readonly: true, fileMustExist: true })
})

afterAll(async () => {
  await Promise.all([presenter, ...clients].map(c => c.close()))
  reader?.close()
  await room?.dispose()
})

describe('nicknames', () => {
  it('refuses a nickname with a direction override, saying what to fix, and does not join', async () => {
    const c = await TestClient.connect(room.wsUrl)
    clients.push(c)
    const reply = await c.hello(null, 'Sam\u202Egnp.exe')
    expect(reply).toEqual({ type: 'error', code: 'bad-nickname', message: 'Remove the hidden direction-control characters from your nickname.' })
    expect(await c.vote('feel', 'x')).toMatchObject({ type: 'error', code: 'not-joined' })
    expect(reader.prepare('SELECT count(*) AS n FROM participants WHERE nickname LIKE ?').get('Sam%')).toEqual({ n: 0 })
  })

  it('stores a nickname without the zero-width space that faked a staff label', async () => {
    const c = await phone('Admin\u200B(facilitator)')
    const row = reader.prepare('SELECT nickname FROM participants WHERE participant_id = ?').get(c.identity!.participantId)
    expect(row).toEqual({ nickname: 'Admin(facilitator)' })
  })
})

describe('moderation matches every spelling', () => {
  it('hiding "jerk" in a word cloud hides je\\u200Brk, ｊｅｒｋ and JERK too', async () => {
    expect(await presenter.control({ kind: 'open', poll: words })).toMatchObject({ type: 'ack' })
    for (const word of [...JERKS, 'nice'])
      expect(await (await phone()).vote('feel', [word])).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'moderate', pollId: 'feel', answerKey: 'jerk', hidden: true })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'reveal', pollId: 'feel', revealed: true })).toMatchObject({ type: 'ack' })

    const screen = await watcher(TEST_SECRET)
    const seen = await resultOf(screen, 'feel', r => r.total === 4)
    expect(seen.tally).toEqual({ kind: 'words', words: [{ word: 'jerk', count: 3, hidden: true }, { word: 'nice', count: 1, hidden: false }] })

    const audience = await watcher()
    const shown = await resultOf(audience, 'feel', r => r.total === 4)
    expect(shown.tally).toEqual({ kind: 'words', words: [{ word: 'nice', count: 1, hidden: false }] })
    // Stored rows keep what the phone sent, cleaned to NFC text: the key is derived.
    const stored = reader.prepare('SELECT value FROM votes WHERE poll_id = ? ORDER BY value').all('feel') as Array<{ value: string }>
    expect(stored.map(r => JSON.parse(r.value) as string[]).flat().sort()).toEqual(['JERK', 'jerk', 'nice', 'ｊｅｒｋ'])
  })

  it('showing "ＪＥＲＫ" again undoes hiding "jerk": one moderation row per key', async () => {
    expect(await presenter.control({ kind: 'moderate', pollId: 'feel', answerKey: 'ＪＥＲＫ', hidden: false })).toMatchObject({ type: 'ack' })
    const shown = room.server.room.results({ authorized: false }).find(r => r.poll.id === 'feel')
    expect(shown?.tally).toEqual({ kind: 'words', words: [{ word: 'jerk', count: 3, hidden: false }, { word: 'nice', count: 1, hidden: false }] })
    expect(reader.prepare('SELECT answer_key, hidden FROM hidden_answers WHERE poll_id = ?').all('feel')).toEqual([{ answer_key: 'jerk', hidden: 0 }])
  })

  it('hiding one open-text answer hides the same answer in its other spellings', async () => {
    expect(await presenter.control({ kind: 'open', poll: text })).toMatchObject({ type: 'ack' })
    for (const answer of ['Such a jerk', 'ＳＵＣＨ Ａ ＪＥＲＫ', 'such a je\u200Brk', 'Loved it'])
      expect(await (await phone()).vote('why', answer)).toMatchObject({ type: 'ack' })
    const before = room.server.room.results({ authorized: true }).find(r => r.poll.id === 'why')!
    expect(before.tally.kind === 'text' && before.tally.answers.map(a => [a.text, a.count])).toEqual([['Such a jerk', 3], ['Loved it', 1]])
    const key = before.tally.kind === 'text' ? before.tally.answers[0]!.key : ''
    expect(await presenter.control({ kind: 'moderate', pollId: 'why', answerKey: key, hidden: true })).toMatchObject({ type: 'ack' })
    expect(await presenter.control({ kind: 'reveal', pollId: 'why', revealed: true })).toMatchObject({ type: 'ack' })
    const after = room.server.room.results({ authorized: false }).find(r => r.poll.id === 'why')!
    expect(after.tally).toMatchObject({ kind: 'text', answers: [{ text: 'Loved it', count: 1, hidden: false }] })
  })
})

describe('public views carry no per-answer times', () => {
  it('a watcher without the secret sees revealed text answers with no timestamps', async () => {
    const audience = await watcher()
    const shown = await resultOf(audience, 'why', r => r.revealed)
    expect(shown.tally.kind).toBe('text')
    const answers = shown.tally.kind === 'text' ? shown.tally.answers : []
    expect(answers).toHaveLength(1)
    for (const answer of answers)
      expect(Object.keys(answer).sort()).toEqual(['count', 'hidden', 'key', 'text'])
    // Nothing in a text answer looks like a time in milliseconds.
    expect(JSON.stringify(answers)).not.toMatch(/\d{12,}/)

    const res = await fetch(`${room.baseUrl}/api/public-results`)
    const { polls } = await res.json() as { polls: PollResult[] }
    const why = polls.find(p => p.poll.id === 'why')!
    expect(why.tally).toEqual({ kind: 'text', answers: [{ key: expect.any(String), text: 'Loved it', count: 1, hidden: false }] })
  })

  it('the presenter\'s view has none either: answers come in the order first given', async () => {
    const seen = room.server.room.results({ authorized: true }).find(r => r.poll.id === 'why')!
    const answers = seen.tally.kind === 'text' ? seen.tally.answers : []
    expect(answers.map(a => Object.keys(a).sort())).toEqual([['count', 'hidden', 'key', 'text'], ['count', 'hidden', 'key', 'text']])
    expect(answers.map(a => a.text)).toEqual(['Such a jerk', 'Loved it'])
  })
})
