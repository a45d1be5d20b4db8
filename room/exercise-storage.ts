import type Database from 'better-sqlite3'
import type { ExerciseId } from '../core/protocol'
import type { Variant } from '../core/talk/settings'
import type { TimelineState } from '../exercises/timeline'
import type { Phase } from '../exercises/types'
import type { Submission } from '../exercises/validate'
import { statementCache, transactionRunner } from './storage-open'

/**
 * SQLite adapter for the live exercise (schema: migration 2). Prepared
 * statements with placeholders, nothing else; behaviour lives in exercise.ts.
 */

export interface RunRow {
  run: number
  exerciseId: ExerciseId
  variant: Variant
  seed: number
  createdAt: number
}

export interface StoredMember {
  id: string
  passed: boolean
}

export interface StoredGroup {
  token: string
  members: StoredMember[]
}

export interface StoredPairing {
  round: number
  version: number
  alone: string | null
  groups: StoredGroup[]
}

/** Why a round's pairing got a new version: formed, repaired after someone left, a late joiner placed. */
export type PairingReason = 'paired' | 'repair' | 'place'

export interface PairingVersion extends StoredPairing {
  reason: PairingReason
}

export interface CommitmentRow {
  participantId: string
  fields: string
  shared: boolean
}

interface RawEvent { phase: string, round: number, step_index: number, step_started_at: number | null, paused_at: number | null, extra_seconds: number }
interface RawSubmission { participant_id: string, pass: number, ask: string | null, ask_topics: string, offers: string, offer_topics: string }
interface RawMember { round: number, version: number, group_index: number, position: number, participant_id: string, passed: number, token: string }

function list(text: string): string[] {
  try {
    const data: unknown = JSON.parse(text)
    return Array.isArray(data) ? data.filter((x): x is string => typeof x === 'string') : []
  }
  catch {
    return []
  }
}

function toSubmission(r: RawSubmission): Submission {
  return { pass: r.pass === 1, ask: r.ask, askTopics: list(r.ask_topics), offers: list(r.offers), offerTopics: list(r.offer_topics) }
}

export class ExerciseStorage {
  private readonly runTransaction: <T>(fn: () => T) => T
  /** Prepared once per SQL text (`statementCache`: sorted statements compare with `+?`). */
  private readonly stmt: (sql: string) => Database.Statement

  constructor(db: Database.Database) {
    this.runTransaction = transactionRunner(db)
    this.stmt = statementCache(db)
  }

  transaction<T>(fn: () => T): T {
    return this.runTransaction(fn)
  }

  // ---- runs and the timeline ----

  latestRun(session: string): RunRow | undefined {
    return this.stmt('SELECT run, exercise_id AS exerciseId, variant, seed, created_at AS createdAt FROM exercise_runs WHERE session = +? ORDER BY run DESC LIMIT 1')
      .get(session) as RunRow | undefined
  }

  insertRun(session: string, run: RunRow): void {
    this.stmt('INSERT INTO exercise_runs (session, run, exercise_id, variant, seed, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(session, run.run, run.exerciseId, run.variant, run.seed, run.createdAt)
  }

  /** The timeline after the run's last event. */
  timeline(session: string, run: number): TimelineState | undefined {
    const r = this.stmt('SELECT phase, round, step_index, step_started_at, paused_at, extra_seconds FROM exercise_events WHERE session = +? AND run = +? ORDER BY seq DESC LIMIT 1')
      .get(session, run) as RawEvent | undefined
    return r && { phase: r.phase as Phase, round: r.round, stepIndex: r.step_index, stepStartedAt: r.step_started_at, pausedAt: r.paused_at, extraSeconds: r.extra_seconds }
  }

  insertEvent(session: string, run: number, kind: string, at: number, state: TimelineState): void {
    this.stmt(`
      INSERT INTO exercise_events (session, run, seq, kind, at, phase, round, step_index, step_started_at, paused_at, extra_seconds)
      VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM exercise_events WHERE session = +? AND run = +?), ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(session, run, session, run, kind, at, state.phase, state.round, state.stepIndex, state.stepStartedAt, state.pausedAt, state.extraSeconds)
  }

  // ---- submissions ----

  upsertSubmission(session: string, run: number, participantId: string, s: Submission, now: number): void {
    this.stmt(`
      INSERT INTO exercise_submissions (session, run, participant_id, pass, ask, ask_topics, offers, offer_topics, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (session, run, participant_id) DO UPDATE SET pass = excluded.pass, ask = excluded.ask, ask_topics = excluded.ask_topics,
        offers = excluded.offers, offer_topics = excluded.offer_topics, updated_at = excluded.updated_at`)
      .run(session, run, participantId, s.pass ? 1 : 0, s.ask, JSON.stringify(s.askTopics), JSON.stringify(s.offers), JSON.stringify(s.offerTopics), now, now)
  }

  submission(session: string, run: number, participantId: string): Submission | undefined {
    const r = this.stmt('SELECT participant_id, pass, ask, ask_topics, offers, offer_topics FROM exercise_submissions WHERE session = ? AND run = ? AND participant_id = ?')
      .get(session, run, participantId) as RawSubmission | undefined
    return r && toSubmission(r)
  }

  submissions(session: string, run: number): Map<string, Submission> {
    const rows = this.stmt('SELECT participant_id, pass, ask, ask_topics, offers, offer_topics FROM exercise_submissions WHERE session = +? AND run = +? ORDER BY created_at, participant_id')
      .all(session, run) as RawSubmission[]
    return new Map(rows.map(r => [r.participant_id, toSubmission(r)]))
  }

  // ---- pairings ----

  insertPairing(session: string, run: number, pairing: StoredPairing, reason: PairingReason, now: number): void {
    this.stmt('INSERT INTO exercise_pairings (session, run, round, version, reason, alone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(session, run, pairing.round, pairing.version, reason, pairing.alone, now)
    const insert = this.stmt('INSERT INTO exercise_group_members (session, run, round, version, group_index, position, participant_id, passed, token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    pairing.groups.forEach((group, g) => group.members.forEach((member, position) =>
      insert.run(session, run, pairing.round, pairing.version, g, position, member.id, member.passed ? 1 : 0, group.token)))
  }

  /** The latest version of every round's pairing, oldest round first. */
  pairings(session: string, run: number): StoredPairing[] {
    const heads = this.stmt(`
      SELECT p.round AS round, p.version AS version, p.alone AS alone FROM exercise_pairings p
      WHERE p.session = +? AND p.run = +? AND p.version = (SELECT max(version) FROM exercise_pairings m WHERE m.session = p.session AND m.run = p.run AND m.round = p.round)
      ORDER BY p.round`).all(session, run) as Array<{ round: number, version: number, alone: string | null }>
    const rows = this.stmt(`
      SELECT m.round, m.version, m.group_index, m.position, m.participant_id, m.passed, m.token FROM exercise_group_members m
      WHERE m.session = +? AND m.run = +? AND m.version = (SELECT max(version) FROM exercise_pairings p WHERE p.session = m.session AND p.run = m.run AND p.round = m.round)
      ORDER BY m.round, m.group_index, m.position`).all(session, run) as RawMember[]
    return heads.map((head) => {
      const groups: StoredGroup[] = []
      for (const row of rows) {
        if (row.round !== head.round)
          continue
        const group = groups[row.group_index] ??= { token: row.token, members: [] }
        group.members.push({ id: row.participant_id, passed: row.passed === 1 })
      }
      return { round: head.round, version: head.version, alone: head.alone, groups: groups.filter(Boolean) }
    })
  }

  /** Every version of every round's pairing, oldest first: who was placed or moved is read from them. */
  pairingVersions(session: string, run: number): PairingVersion[] {
    const heads = this.stmt('SELECT round, version, reason, alone FROM exercise_pairings WHERE session = +? AND run = +? ORDER BY round, version')
      .all(session, run) as Array<{ round: number, version: number, reason: string, alone: string | null }>
    const rows = this.stmt('SELECT round, version, group_index, position, participant_id, passed, token FROM exercise_group_members WHERE session = +? AND run = +? ORDER BY round, version, group_index, position')
      .all(session, run) as RawMember[]
    const byVersion = new Map<string, StoredGroup[]>()
    for (const row of rows) {
      const key = `${row.round}:${row.version}`
      const groups = byVersion.get(key) ?? []
      byVersion.set(key, groups)
      const group = groups[row.group_index] ??= { token: row.token, members: [] }
      group.members.push({ id: row.participant_id, passed: row.passed === 1 })
    }
    return heads.map(head => ({
      round: head.round,
      version: head.version,
      reason: head.reason === 'repair' || head.reason === 'place' ? head.reason : 'paired',
      alone: head.alone,
      groups: (byVersion.get(`${head.round}:${head.version}`) ?? []).filter(Boolean),
    }))
  }

  // ---- commitments ----

  upsertCommitment(session: string, run: number, participantId: string, fields: string, shared: boolean, now: number): void {
    this.stmt(`
      INSERT INTO exercise_commitments (session, run, participant_id, fields, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (session, run, participant_id) DO UPDATE SET fields = excluded.fields, shared = excluded.shared, updated_at = excluded.updated_at`)
      .run(session, run, participantId, fields, shared ? 1 : 0, now, now)
  }

  commitment(session: string, run: number, participantId: string): CommitmentRow | undefined {
    const r = this.stmt('SELECT participant_id, fields, shared FROM exercise_commitments WHERE session = ? AND run = ? AND participant_id = ?')
      .get(session, run, participantId) as { participant_id: string, fields: string, shared: number } | undefined
    return r && { participantId: r.participant_id, fields: r.fields, shared: r.shared === 1 }
  }

  countCommitments(session: string, run: number): number {
    return (this.stmt('SELECT count(*) AS n FROM exercise_commitments WHERE session = ? AND run = ?').get(session, run) as { n: number }).n
  }

  /** Only the commitments their authors chose to share; no participant ids. */
  sharedCommitments(session: string, run: number): string[] {
    return (this.stmt('SELECT fields FROM exercise_commitments WHERE session = +? AND run = +? AND shared = 1 ORDER BY updated_at').all(session, run) as Array<{ fields: string }>).map(r => r.fields)
  }

  // ---- participants ----

  nicknames(session: string, ids: readonly string[]): Map<string, string | null> {
    const out = new Map<string, string | null>()
    const get = this.stmt('SELECT nickname FROM participants WHERE session = ? AND participant_id = ?')
    for (const id of ids) {
      const row = get.get(session, id) as { nickname: string | null } | undefined
      out.set(id, row?.nickname ?? null)
    }
    return out
  }
}
