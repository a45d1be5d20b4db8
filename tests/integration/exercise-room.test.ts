import type { ExercisePhoneView, ExerciseScreenView, ParticipantIdentity, ResultsExport, ServerMessage } from '../../core/protocol'
import type { TestRoom } from '../../room/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { MANY_PHONES, startTestRoom, TEST_SECRET, TestClient } from '../../room/testing'

/**
 * The live exercise over real sockets and a real SQLite file: submissions,
 * pairing, late joiners, leavers, reconnects, restarts and privacy.
 */

const ASK = 'I am working on our onboarding guide and could use help to review it by Friday.'
const OFFERS = ['An hour of pairing on TypeScript']

let rooms: TestRoom[] = []
let clients: TestClient[] = []

afterEach(async () => {
  await Promise.all(clients.map(c => c.close()))
  clients = []
  await Promise.all(rooms.map(r => r.dispose()))
  rooms = []
})

/** A clock the test moves by hand: the timeline is derived from it. */
function fakeClock(start = 1_700_000_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

async function room(options: Parameters<typeof startTestRoom>[0] = {}): Promise<TestRoom> {
  // Every phone here comes from 127.0.0.1; room-identity tests the cap.
  const r = await startTestRoom({ maxPerAddress: MANY_PHONES, ...options })
  rooms.push(r)
  return r
}

async function client(r: TestRoom): Promise<TestClient> {
  const c = await TestClient.connect(r.wsUrl)
  clients.push(c)
  return c
}

/** Identities the server issued, by the label a test gives a phone, per database file. */
const identities = new Map<string, ParticipantIdentity>()
const keyOf = (r: TestRoom, label: string): string => `${r.dbPath}\n${label}`

/** A phone joining as `label`: new the first time, the same participant (with its token) after that. */
async function phone(r: TestRoom, label: string, nickname?: string): Promise<TestClient> {
  const c = await client(r)
  const welcome = await c.hello(identities.get(keyOf(r, label)), nickname)
  expect(welcome.type).toBe('welcome')
  identities.set(keyOf(r, label), c.identity!)
  return c
}

/** The participant id the server issued to the phone labelled `label`. */
function idOf(r: TestRoom, label: string): string {
  return identities.get(keyOf(r, label))!.participantId
}

function last<T extends ServerMessage['type']>(c: TestClient, type: T): Extract<ServerMessage, { type: T }> | undefined {
  for (let i = c.messages.length - 1; i >= 0; i--) {
    const m = c.messages[i]!
    if (m.type === type)
      return m as Extract<ServerMessage, { type: T }>
  }
  return undefined
}

function latest(c: TestClient): ExercisePhoneView | null | undefined {
  return last(c, 'exercise')?.exercise
}

function latestScreen(c: TestClient): ExerciseScreenView | null | undefined {
  return last(c, 'exercise-screen')?.exercise
}

/** Wait until a condition on the messages holds (bounded). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end)
      throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function ok(reply: Promise<Extract<ServerMessage, { type: 'ack' | 'error' }>>): Promise<void> {
  const m = await reply
  expect(m, JSON.stringify(m)).toMatchObject({ type: 'ack' })
}

describe('exercise submissions', () => {
  it('accepts, edits and passes; refuses empty, oversized and malformed asks with a clear message; keeps markup as text', async () => {
    const r = await room()
    const facilitator = await client(r)
    const a = await phone(r, 'participant-a-0001')

    const early = await a.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS })
    expect(early).toMatchObject({ type: 'error', code: 'no-exercise' })

    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 60 }))
    await until(() => latest(a)?.clock.phase === 'prepare')
    expect(latest(a)?.editable).toBe(true)

    await ok(a.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await until(() => latest(a)?.submission?.ask === ASK)

    const edited = '<b>I am working</b> on a talk and could use feedback by next week <script>alert(1)</script>'
    await ok(a.submit({ ask: edited, askTopics: ['feedback'], offers: OFFERS, offerTopics: ['technical'] }))
    await until(() => latest(a)?.submission?.ask === edited)
    expect(r.server.exercise.store.submission('default', 1, idOf(r, 'participant-a-0001'))?.ask).toBe(edited)

    const empty = await a.submit({ ask: '   ', askTopics: ['planning'], offers: OFFERS })
    expect(empty).toMatchObject({ type: 'error', code: 'invalid-submission', message: expect.stringContaining('or choose to pass') })
    const long = await a.submit({ ask: 'x'.repeat(400), askTopics: ['planning'], offers: OFFERS })
    expect(long).toMatchObject({ type: 'error', code: 'invalid-submission', message: 'Your ask can be at most 280 characters.' })
    const noOffers = await a.submit({ ask: ASK, askTopics: ['planning'], offers: [] })
    expect(noOffers).toMatchObject({ type: 'error', code: 'invalid-submission' })
    const badTopic = await a.submit({ ask: ASK, askTopics: ['<img>'], offers: OFFERS })
    expect(badTopic.type).toBe('error')
    expect(JSON.stringify(badTopic)).not.toContain('<img>')
    const wrongShape = await a.submit({ ask: 42 })
    expect(wrongShape).toMatchObject({ type: 'error', code: 'bad-message' })
    // The last good version is still the one stored.
    expect(r.server.exercise.store.submission('default', 1, idOf(r, 'participant-a-0001'))?.ask).toBe(edited)

    await ok(a.submit({ pass: true, ask: 'typed before passing', offers: OFFERS }))
    await until(() => latest(a)?.submission?.pass === true)
    expect(latest(a)?.submission?.ask).toBeNull()

    // Editable until pairs are formed; then locked.
    const b = await phone(r, 'participant-b-0002')
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    const locked = await b.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS })
    expect(locked).toMatchObject({ type: 'error', code: 'exercise-locked' })
  })
})

describe('exercise control and pairing', () => {
  it('refuses facilitator actions without the secret', async () => {
    const r = await room()
    const stranger = await client(r)
    const a = await phone(r, 'participant-a-0001')
    expect(await stranger.exercise({ kind: 'start-prepare' }, 'wrong')).toMatchObject({ type: 'error', code: 'unauthorized' })
    expect(await a.exercise({ kind: 'start-prepare' }, '')).toMatchObject({ type: 'error', code: 'unauthorized' })
    expect(r.server.exercise.status()).toBeNull()
    await ok(stranger.exercise({ kind: 'start-prepare' }))
    expect(await a.exercise({ kind: 'form-pairs' }, 'nope')).toMatchObject({ type: 'error', code: 'unauthorized' })
    expect(r.server.exercise.status()?.phase).toBe('prepare')
  })

  it('pairs everyone present with one trio for an odd count; two tabs of one participant are one person', async () => {
    const r = await room()
    const facilitator = await client(r)
    const screen = await client(r)
    screen.send({ type: 'watch', requestId: 'w1', secret: TEST_SECRET })
    // A projector (or anyone on the Wi-Fi) watching without the secret.
    const audience = await client(r)
    audience.send({ type: 'watch', requestId: 'w2' })
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 60 }))
    const ids = ['person-one-0001', 'person-two-0002', 'person-three-03', 'person-four-004', 'person-five-005']
    const phones = await Promise.all(ids.map((id, i) => phone(r, id, i === 0 ? 'Ada' : undefined)))
    // A second tab of the first person: same participant id, second connection.
    const secondTab = await phone(r, ids[0]!)
    await ok(phones[1]!.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await ok(phones[2]!.submit({ pass: true, offers: OFFERS, offerTopics: ['planning'] }))

    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await until(() => phones.every(p => latest(p)?.group !== null && latest(p)?.group !== undefined) && !!latest(secondTab)?.group)
    const pairing = r.server.exercise.store.pairings('default', 1)[0]!
    expect(pairing.groups.map(g => g.members.length).sort()).toEqual([2, 3])
    for (const group of pairing.groups)
      expect(new Set(group.members.map(m => m.id)).size).toBe(group.members.length)
    expect(pairing.groups.flatMap(g => g.members.map(m => m.id)).sort()).toEqual(ids.map(id => idOf(r, id)).sort())

    // Both tabs show the same token; partners see each other's token too.
    const first = latest(phones[0]!)!.group!
    expect(latest(secondTab)!.group!.token).toEqual(first.token)
    expect(first.members.filter(m => m.self)).toHaveLength(1)
    expect(first.members.find(m => m.self)?.nickname).toBe('Ada')
    // Someone who passed, or wrote nothing, never gets an asker turn; the one ask does.
    const passer = latest(phones[2]!)!.group!
    expect(passer.members[passer.position]).toMatchObject({ asks: false, passed: true })
    expect(passer.turns).not.toContain(passer.position)
    const asker = latest(phones[1]!)!.group!
    expect(asker.turns).toEqual([asker.position])
    expect(latest(phones[3]!)!.group!.members.find(m => m.self)).toMatchObject({ asks: false, passed: false })

    await until(() => (latestScreen(screen)?.counts.groups ?? 0) === 2)
    const view = latestScreen(screen)!
    expect(view.counts).toMatchObject({ present: 5, submitted: 2, asks: 1, passes: 1, notWritten: 3, left: 0, groups: 2, pairs: 1, trios: 1, paired: 5, waiting: 0 })
    expect(view.tokens.map(t => t.size).sort()).toEqual([2, 3])
    expect(view.tokens.flatMap(t => t.nicknames)).toEqual(['Ada'])
    // The same view without the secret carries counts and tokens but no one's name.
    await until(() => (latestScreen(audience)?.counts.groups ?? 0) === 2)
    const shown = latestScreen(audience)!
    expect(shown.counts).toEqual(view.counts)
    expect(shown.tokens.map(t => t.size).sort()).toEqual([2, 3])
    expect(JSON.stringify(shown)).not.toContain('Ada')
  })

  it('puts a late joiner into the next round, and repairs the group of someone who left', async () => {
    const r = await room({ exerciseGraceMs: 300 })
    const facilitator = await client(r)
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 90 }))
    const labels = ['early-one-00001', 'early-two-00002', 'early-three-003', 'early-four-0004']
    const phones = await Promise.all(labels.map(label => phone(r, label)))
    const ids = labels.map(label => idOf(r, label))
    for (const p of phones)
      await ok(p.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await ok(facilitator.exercise({ kind: 'start-round' }))

    const late = await phone(r, 'late-joiner-0005')
    await until(() => latest(late)?.clock.phase === 'rounds')
    expect(latest(late)).toMatchObject({ group: null, waiting: 'late' })

    // One leaves mid-round; after the grace period their partner joins another group.
    const leaverIndex = 0
    const partnerId = r.server.exercise.store.pairings('default', 1)[0]!.groups.find(g => g.members.some(m => m.id === ids[leaverIndex]))!.members.find(m => m.id !== ids[leaverIndex])!.id
    const partner = phones[ids.indexOf(partnerId)]!
    await phones[leaverIndex]!.close()
    await until(() => latest(partner)?.group?.members.length === 3, 3000)
    const repaired = r.server.exercise.store.pairings('default', 1)[0]!
    expect(repaired.version).toBe(2)
    expect(repaired.groups).toHaveLength(1)
    expect(repaired.groups[0]!.members.map(m => m.id)).not.toContain(ids[leaverIndex])
    // Moved once turns run, the partner helps in the group they join: its own turns stay as they were.
    const moved = latest(partner)!.group!
    expect(moved).toMatchObject({ joined: 'moved', turns: [0, 1] })
    expect(moved.members[moved.position]).toMatchObject({ self: true, asks: false })

    // The next round (the 90's table ring) groups everyone present, the late joiner included, the leaver not.
    await ok(facilitator.exercise({ kind: 'end-round' }))
    await until(() => latest(late)?.clock.round === 2 && !!latest(late)?.group)
    const round2 = r.server.exercise.store.pairings('default', 1)[1]!
    expect(round2.groups.flatMap(g => g.members.map(m => m.id)).sort()).toEqual([...ids.slice(1), idOf(r, 'late-joiner-0005')].sort())
    expect(round2.groups.map(g => g.members.length)).toEqual([4])
    expect(latest(late)!.group).toMatchObject({ format: 'ring', joined: 'paired' })
  })

  it('lets the facilitator place a waiting late joiner into a pair, who helps there; counts add up', async () => {
    const r = await room()
    const facilitator = await client(r)
    const screen = await client(r)
    screen.send({ type: 'watch', requestId: 'w1', secret: TEST_SECRET })
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 60 }))
    const labels = ['placed-one-00001', 'placed-two-00002', 'placed-three-003', 'placed-four-0004']
    const phones = await Promise.all(labels.map(label => phone(r, label)))
    for (const p of phones.slice(0, 3))
      await ok(p.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS }))
    await ok(phones[3]!.submit({ pass: true, offers: OFFERS }))
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await ok(facilitator.exercise({ kind: 'start-round' }))

    // An asker's own ask stays in their view through the round, for their turn's screen.
    await until(() => latest(phones[0]!)?.clock.phase === 'rounds')
    expect(latest(phones[0]!)!.submission?.ask).toBe(ASK)
    expect(await facilitator.exercise({ kind: 'place-late' })).toMatchObject({ type: 'error', code: 'exercise-refused', message: 'Nobody is waiting for a group.' })
    const late = await phone(r, 'placed-late-0005', 'Lou')
    await until(() => latest(late)?.waiting === 'late' && latestScreen(screen)?.waiting.length === 1)
    const waiting = latestScreen(screen)!.waiting[0]!
    expect(waiting).toMatchObject({ nickname: 'Lou', asks: false, alone: false })
    expect(waiting.key).not.toContain(idOf(r, 'placed-late-0005'))
    expect(JSON.stringify(latestScreen(screen))).not.toContain(idOf(r, 'placed-late-0005'))
    expect(latestScreen(screen)!.counts).toMatchObject({ present: 5, asks: 3, passes: 1, notWritten: 1, waiting: 1, placed: 0 })

    // Secret checked; a stale key is refused; then the late joiner joins the named pair as its third.
    expect(await late.exercise({ kind: 'place-late', key: waiting.key }, 'wrong')).toMatchObject({ type: 'error', code: 'unauthorized' })
    expect(await facilitator.exercise({ kind: 'place-late', key: 'abc123' })).toMatchObject({ type: 'error', code: 'exercise-refused' })
    const target = latestScreen(screen)!.tokens[0]!.token.label
    await ok(facilitator.exercise({ kind: 'place-late', key: waiting.key, group: target }))
    await until(() => !!latest(late)?.group)
    const group = latest(late)!.group!
    expect(group).toMatchObject({ joined: 'placed', format: 'groups' })
    expect(group.token.label).toBe(target)
    expect(group.members).toHaveLength(3)
    expect(group.members[group.position]).toMatchObject({ self: true, asks: false, nickname: 'Lou' })
    // Placed once turns run: the pair's turns are what they were, the newcomer has none.
    expect(group.turns).not.toContain(group.position)
    expect(latest(late)!.waiting).toBeNull()
    await until(() => latestScreen(screen)?.counts.placed === 1)
    expect(latestScreen(screen)!).toMatchObject({ waiting: [], counts: { paired: 5, waiting: 0, trios: 1 } })
    expect(await facilitator.exercise({ kind: 'place-late', group: target })).toMatchObject({ type: 'error', code: 'exercise-refused' })

    // Someone leaves for good: "present" drops and the written asks they leave are counted apart.
    await phones[0]!.close()
    await until(() => latestScreen(screen)?.counts.present === 4)
    expect(latestScreen(screen)!.counts).toMatchObject({ present: 4, asks: 2, passes: 1, notWritten: 1, left: 1, submitted: 4 })

    // The end: a summary over the run, people counted once each.
    await ok(facilitator.exercise({ kind: 'end' }))
    await until(() => !!latestScreen(screen)?.summary)
    expect(latestScreen(screen)!.summary).toEqual({ people: 5, asks: 3, passes: 1, notWritten: 1, rounds: 1, groupsFormed: 2, commitments: 0, sharedCommitments: 0, presentAtEnd: 4 })
  })

  it('runs the 90\'s second round as a table ring: tables of four, no round-1 partner at the table, everyone asks', async () => {
    const r = await room()
    const facilitator = await client(r)
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 90 }))
    const labels = Array.from({ length: 8 }, (_, i) => `ring-phone-${String(i).padStart(5, '0')}`)
    const phones = await Promise.all(labels.map(label => phone(r, label)))
    for (const p of phones)
      await ok(p.submit({ ask: ASK, askTopics: ['planning'], offers: OFFERS, offerTopics: ['planning'] }))
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await ok(facilitator.exercise({ kind: 'start-round' }))
    await ok(facilitator.exercise({ kind: 'next-round', force: true }))
    await until(() => phones.every(p => latest(p)?.group?.round === 2))
    const [round1, round2] = r.server.exercise.store.pairings('default', 1)
    expect(round2!.groups.map(g => g.members.length)).toEqual([4, 4])
    for (const table of round2!.groups) {
      const ids = table.members.map(m => m.id)
      for (const pair of round1!.groups)
        expect(pair.members.filter(m => ids.includes(m.id)).length).toBeLessThanOrEqual(1)
    }
    const view = latest(phones[0]!)!
    expect(view.clock).toMatchObject({ phase: 'pairing', round: 2, stepId: 'find-table' })
    expect(view.group).toMatchObject({ format: 'ring', turns: [0, 1, 2, 3] })
  })

  it('keeps a phone that comes back within the grace period in its group', async () => {
    const r = await room({ exerciseGraceMs: 1000 })
    const facilitator = await client(r)
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 60 }))
    const a = await phone(r, 'flaky-phone-0001')
    await phone(r, 'steady-phone-002')
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await until(() => !!latest(a)?.group)
    const token = latest(a)!.group!.token
    await a.close()
    const back = await phone(r, 'flaky-phone-0001')
    await new Promise(resolve => setTimeout(resolve, 1300))
    expect(latest(back)?.group?.token).toEqual(token)
    expect(r.server.exercise.store.pairings('default', 1)[0]!.version).toBe(1)
  })
})

describe('exercise lengths', () => {
  it('runs a workshop of any whole length 5-480: a 30 and a 45 run the 30-minute timing, bad lengths change nothing', async () => {
    const clock = fakeClock()
    const r = await room({ now: clock.now })
    const f = await client(r)
    for (const variant of [4, 481, 30.5, '30', null])
      expect(await f.exercise({ kind: 'start-prepare', variant }), String(variant)).toMatchObject({ type: 'error', code: 'bad-message', message: expect.stringContaining('variant') })
    expect(r.server.exercise.status()).toBeNull()
    // In this process the same range holds, for callers that skip the wire (the kit, scripts).
    expect(r.server.exercise.control({ kind: 'start-prepare', variant: 1000 })).toMatchObject({ ok: false, code: 'exercise-refused', message: expect.stringContaining('5 to 480 whole minutes') })
    expect(r.server.exercise.status()).toBeNull()

    await ok(f.exercise({ kind: 'start-prepare', variant: 30 }))
    const a = await phone(r, 'length-phone-0001')
    await phone(r, 'length-phone-0002')
    await until(() => latest(a)?.variant === 30)
    // The 30: two minutes to write, then one round of pairs (pair up 45 s, ask 45 s…) and no second round.
    expect(latest(a)!.clock).toMatchObject({ phase: 'prepare', rounds: 1, remainingMs: 120_000 })
    await ok(f.exercise({ kind: 'form-pairs' }))
    await ok(f.exercise({ kind: 'start-round' }))
    clock.advance(50_000)
    await ok(f.exercise({ kind: 'pause' }))
    await until(() => latest(a)?.clock.status === 'paused')
    expect(latest(a)!.clock).toMatchObject({ phase: 'rounds', round: 1, stepId: 'clarify', remainingMs: 40_000 })
    await ok(f.exercise({ kind: 'end' }))

    await ok(f.exercise({ kind: 'start-prepare', variant: 45, restart: true }))
    await until(() => latest(a)?.run === 2)
    expect(latest(a)).toMatchObject({ variant: 45, clock: { phase: 'prepare', rounds: 1, remainingMs: 120_000 } })
    expect(r.server.exercise.summary()).toMatchObject({ run: 2, variant: 45 })
  })
})

describe('exercise clock', () => {
  it('a phone reconnecting mid-round gets the right step and time left; a restarted server keeps phase and timer', async () => {
    const clock = fakeClock()
    const r = await room({ now: clock.now })
    const facilitator = await client(r)
    await ok(facilitator.exercise({ kind: 'start-prepare', variant: 60 }))
    const a = await phone(r, 'clock-phone-0001')
    await phone(r, 'clock-phone-0002')
    await ok(facilitator.exercise({ kind: 'form-pairs' }))
    await ok(facilitator.exercise({ kind: 'start-round' }))
    // 60 min variant: ask 60 s, clarify 60 s. 70 s in: clarify, 50 s left.
    clock.advance(70_000)
    await a.close()
    const back = await phone(r, 'clock-phone-0001')
    await until(() => latest(back) !== undefined)
    const view = latest(back)!
    expect(view.clock).toMatchObject({ phase: 'rounds', round: 1, stepId: 'clarify', turn: 0, remainingMs: 50_000, status: 'running' })
    expect(view.clock.endsAt).toBe(clock.now() + 50_000)
    const token = view.group!.token

    // Pause, then restart the server on the same file: the pause and the clock survive.
    await ok(facilitator.exercise({ kind: 'pause' }))
    clock.advance(5_000)
    await r.stop()
    clock.advance(30_000)
    const again = await room({ now: clock.now, dir: r.dir, dbPath: r.dbPath })
    const phoneAgain = await phone(again, 'clock-phone-0001')
    await until(() => latest(phoneAgain) !== undefined)
    expect(latest(phoneAgain)!.clock).toMatchObject({ phase: 'rounds', stepId: 'clarify', status: 'paused', remainingMs: 50_000, endsAt: null })
    expect(latest(phoneAgain)!.group!.token).toEqual(token)

    const f2 = await client(again)
    await ok(f2.exercise({ kind: 'resume' }))
    clock.advance(20_000)
    await ok(f2.exercise({ kind: 'extend', seconds: 60 }))
    await until(() => latest(phoneAgain)?.clock.remainingMs === 90_000)
    await ok(f2.exercise({ kind: 'skip' }))
    await until(() => latest(phoneAgain)?.clock.stepId === 'offer')
  })

  it('walks through rounds, the swap, debrief and commitment, refusing what does not fit', async () => {
    const r = await room()
    const f = await client(r)
    expect(await f.exercise({ kind: 'pause' })).toMatchObject({ type: 'error', code: 'no-exercise' })
    await ok(f.exercise({ kind: 'start-prepare', variant: 90 }))
    expect(await f.exercise({ kind: 'start-round' })).toMatchObject({ type: 'error', code: 'exercise-refused' })
    const a = await phone(r, 'walker-one-00001')
    await phone(r, 'walker-two-00002')
    await ok(f.exercise({ kind: 'form-pairs' }))
    await ok(f.exercise({ kind: 'start-round' }))
    for (let i = 0; i < 3; i++)
      await ok(f.exercise({ kind: 'skip' }))
    await until(() => latest(a)?.clock.swap === true)
    await ok(f.exercise({ kind: 'skip' }))
    await until(() => latest(a)?.clock.turn === 1)
    // Mid-round, "next round" needs the facilitator's confirmation.
    expect(await f.exercise({ kind: 'next-round' })).toMatchObject({ type: 'error', code: 'exercise-confirm' })
    expect(r.server.exercise.status()).toMatchObject({ phase: 'rounds', round: 1 })
    await ok(f.exercise({ kind: 'next-round', force: true }))
    await until(() => latest(a)?.clock.phase === 'pairing' && latest(a)?.clock.round === 2)
    expect(await f.exercise({ kind: 'next-round', force: true })).toMatchObject({ type: 'error', code: 'exercise-refused' })
    await ok(f.exercise({ kind: 'start-debrief' }))
    await until(() => latest(a)?.clock.phase === 'debrief')
    await ok(f.exercise({ kind: 'start-commitment' }))
    await until(() => latest(a)?.clock.phase === 'commitment')
    await ok(f.exercise({ kind: 'end' }))
    await until(() => latest(a)?.clock.phase === 'done')
    // A stale "start" after the end does not open a new run; an explicit restart does.
    expect(await f.exercise({ kind: 'start-prepare', variant: 60 })).toMatchObject({ type: 'error', code: 'exercise-confirm' })
    expect(r.server.exercise.status()).toMatchObject({ run: 1, phase: 'done' })
    await ok(f.exercise({ kind: 'start-prepare', variant: 60, restart: true }))
    await until(() => latest(a)?.run === 2 && latest(a)?.submission === null)
  })
})

describe('commitments', () => {
  it('are private: the author gets theirs back, screens and results only see counts (and what was shared)', async () => {
    const r = await room()
    const f = await client(r)
    const screen = await client(r)
    screen.send({ type: 'watch', requestId: 'w1', secret: TEST_SECRET })
    await ok(f.exercise({ kind: 'start-prepare', variant: 60 }))
    const a = await phone(r, 'committer-a-0001', 'Ada')
    const b = await phone(r, 'committer-b-0002')
    await ok(a.submit({ ask: 'A very private ask about my manager, by Friday please', askTopics: ['people'], offers: OFFERS }))
    await ok(a.commit({ who: 'my manager Sam', what: 'a private secret thing', when: 'Friday' }))
    await ok(b.commit({ who: 'Lee', what: 'a review of my draft', when: 'next week' }, true))
    expect(await a.commit({ who: '', what: 'x', when: 'y' })).toMatchObject({ type: 'error', code: 'invalid-commitment' })
    await until(() => latest(a)?.commitment?.sentence === 'I will ask my manager Sam for a private secret thing by Friday')
    await until(() => latestScreen(screen)?.counts.commitments === 2)

    const seenByScreen = JSON.stringify(screen.messages)
    expect(seenByScreen).not.toContain('private')
    expect(seenByScreen).not.toContain('manager')
    expect(JSON.stringify(b.messages)).not.toContain('private')

    const res = await fetch(`${r.baseUrl}/api/results`, { headers: { Authorization: `Bearer ${TEST_SECRET}` } })
    const body = await res.json() as ResultsExport
    expect(body.exercise).toMatchObject({ run: 1, submissions: 1, asks: 1, passes: 0, commitments: 2, sharedCommitments: ['I will ask Lee for a review of my draft by next week'] })
    expect(body.exercise?.topics.find(t => t.id === 'people')?.asks).toBe(1)
    expect(JSON.stringify(body)).not.toContain('private')
    expect((await fetch(`${r.baseUrl}/api/results`)).status).toBe(401)
  })
})
