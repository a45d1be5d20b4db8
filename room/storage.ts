import type Database from 'better-sqlite3'
import { defaultDbPath } from './data-dir'
import { migrations } from './migrations'
import { storageOpenError } from './storage-errors'
import { StorageHealth } from './storage-health'
import { openDatabase, statementCache, transactionRunner } from './storage-open'

export const DEFAULT_SESSION = 'default'

export interface StorageOptions {
  /**
   * SQLite file; its folder is created. `:memory:` works for throwaway rooms.
   * @default defaultDbPath(): room.sqlite in the user's data folder (room/data-dir.ts)
   */
  path?: string
  /**
   * `NORMAL`: in WAL mode a commit survives a crash of the process (the usual
   * failure: a dev server killed with Ctrl-C) and costs no fsync per vote, so
   * a burst of hundreds of votes does not stall the event loop; a power cut or
   * OS crash may lose the last moments. `FULL` also survives those, at one
   * fsync per vote.
   * @default 'NORMAL'
   */
  synchronous?: 'NORMAL' | 'FULL'
  /**
   * Work on an in-memory copy of `path` taken when opening: nothing is ever
   * written to the file. For readers that run the room's code, such as the
   * slides' exporter, next to a live room.
   * @default false
   */
  snapshot?: boolean
}

export interface RoundRow {
  pollId: string
  round: number
  definition: string
  openedAt: number
  closedAt: number | null
  revealed: boolean
}

export interface VoteRecord {
  pollId: string
  round: number
  participantId: string
  value: string
  createdAt: number
  updatedAt: number
}

export interface SessionSummary {
  name: string
  createdAt: number
  polls: number
  rounds: number
  participants: number
  votes: number
}

interface RawRound { poll_id: string, round: number, definition: string, opened_at: number, closed_at: number | null, revealed: number }
interface RawVote { poll_id: string, round: number, participant_id: string, value: string, created_at: number, updated_at: number }

function toRound(r: RawRound): RoundRow {
  return { pollId: r.poll_id, round: r.round, definition: r.definition, openedAt: r.opened_at, closedAt: r.closed_at, revealed: r.revealed === 1 }
}

function toVote(r: RawVote): VoteRecord {
  return { pollId: r.poll_id, round: r.round, participantId: r.participant_id, value: r.value, createdAt: r.created_at, updatedAt: r.updated_at }
}

/** Bring a database to the latest schema version, one transaction per step. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length)
    throw storageOpenError(db.name, 'SCHEMA', `schema version ${current}; this code knows up to ${migrations.length}`)
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      migrations[version]!(db)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
  return migrations.length
}

/**
 * The room's SQLite adapter: prepared statements with placeholders for every
 * value, nothing else. All behaviour lives in `room.ts`.
 */
export class Storage {
  readonly db: Database.Database
  readonly path: string
  /** Whether writes land; see StorageHealth. */
  readonly health: StorageHealth
  private readonly runTransaction: <T>(fn: () => T) => T
  /** Prepared once per SQL text (`statementCache`: sorted statements compare with `+?`). */
  private readonly stmt: (sql: string) => Database.Statement

  /** Throws a `StorageOpenError` that names the file, the cause and what to do when the file cannot be used. */
  constructor(options: StorageOptions = {}) {
    this.path = options.path ?? defaultDbPath()
    this.db = openDatabase(this.path, { synchronous: options.synchronous === 'FULL' ? 'FULL' : 'NORMAL', snapshot: options.snapshot, setup: migrate })
    this.health = new StorageHealth(this.db, this.path)
    this.runTransaction = transactionRunner(this.db)
    this.stmt = statementCache(this.db)
  }

  get isOpen(): boolean {
    return this.db.open
  }

  close(): void {
    if (this.db.open)
      this.db.close()
  }

  transaction<T>(fn: () => T): T {
    return this.runTransaction(fn)
  }

  // ---- sessions ----

  ensureSession(session: string, now: number): void {
    this.stmt('INSERT INTO sessions (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(session, now)
  }

  currentPollId(session: string): string | null {
    const row = this.stmt('SELECT current_poll_id AS id FROM sessions WHERE name = ?').get(session) as { id: string | null } | undefined
    return row?.id ?? null
  }

  setCurrentPollId(session: string, pollId: string | null): void {
    this.stmt('UPDATE sessions SET current_poll_id = ? WHERE name = ?').run(pollId, session)
  }

  listSessions(): SessionSummary[] {
    return this.stmt(`
      SELECT s.name AS name, s.created_at AS createdAt,
        (SELECT count(*) FROM polls p WHERE p.session = s.name) AS polls,
        (SELECT count(*) FROM rounds r WHERE r.session = s.name) AS rounds,
        (SELECT count(*) FROM participants p WHERE p.session = s.name) AS participants,
        (SELECT count(*) FROM votes v WHERE v.session = s.name) AS votes
      FROM sessions s ORDER BY s.created_at, s.name`).all() as SessionSummary[]
  }

  /** Delete every row of one session. Returns false when there was no such session. */
  deleteSession(session: string): boolean {
    return this.transaction(() => {
      for (const table of ['exercise_commitments', 'exercise_group_members', 'exercise_pairings', 'exercise_submissions', 'exercise_events', 'exercise_runs', 'votes', 'hidden_answers', 'rounds', 'polls', 'participants'] as const)
        this.stmt(`DELETE FROM ${table} WHERE session = ?`).run(session)
      return this.stmt('DELETE FROM sessions WHERE name = ?').run(session).changes > 0
    })
  }

  // ---- polls and rounds ----

  pollExists(session: string, pollId: string): boolean {
    return this.stmt('SELECT 1 FROM polls WHERE session = ? AND poll_id = ?').get(session, pollId) !== undefined
  }

  insertPoll(session: string, pollId: string, kind: string, definition: string, now: number): void {
    this.stmt('INSERT INTO polls (session, poll_id, kind, definition, created_at) VALUES (?, ?, ?, ?, ?)').run(session, pollId, kind, definition, now)
  }

  latestRound(session: string, pollId: string): RoundRow | undefined {
    const row = this.stmt('SELECT poll_id, round, definition, opened_at, closed_at, revealed FROM rounds WHERE session = +? AND poll_id = +? ORDER BY round DESC LIMIT 1').get(session, pollId) as RawRound | undefined
    return row && toRound(row)
  }

  round(session: string, pollId: string, round: number): RoundRow | undefined {
    const row = this.stmt('SELECT poll_id, round, definition, opened_at, closed_at, revealed FROM rounds WHERE session = ? AND poll_id = ? AND round = ?').get(session, pollId, round) as RawRound | undefined
    return row && toRound(row)
  }

  /** Every round of every poll, polls in the order they were first opened. */
  allRounds(session: string): RoundRow[] {
    return (this.stmt(`
      SELECT r.poll_id, r.round, r.definition, r.opened_at, r.closed_at, r.revealed
      FROM rounds r JOIN polls p ON p.session = r.session AND p.poll_id = r.poll_id
      WHERE r.session = +? ORDER BY p.created_at, p.poll_id, r.round`).all(session) as RawRound[]).map(toRound)
  }

  /** The latest round of every poll, polls in the order they were first opened. */
  latestRounds(session: string): RoundRow[] {
    return (this.stmt(`
      SELECT r.poll_id, r.round, r.definition, r.opened_at, r.closed_at, r.revealed
      FROM rounds r JOIN polls p ON p.session = r.session AND p.poll_id = r.poll_id
      WHERE r.session = +? AND r.round = (SELECT max(round) FROM rounds m WHERE m.session = r.session AND m.poll_id = r.poll_id)
      ORDER BY p.created_at, p.poll_id`).all(session) as RawRound[]).map(toRound)
  }

  insertRound(session: string, pollId: string, round: number, definition: string, openedAt: number, closedAt: number | null): void {
    this.stmt('INSERT INTO rounds (session, poll_id, round, definition, opened_at, closed_at) VALUES (?, ?, ?, ?, ?, ?)').run(session, pollId, round, definition, openedAt, closedAt)
  }

  setRoundClosed(session: string, pollId: string, round: number, closedAt: number | null): void {
    this.stmt('UPDATE rounds SET closed_at = ? WHERE session = ? AND poll_id = ? AND round = ?').run(closedAt, session, pollId, round)
  }

  setRoundRevealed(session: string, pollId: string, round: number, revealed: boolean): void {
    this.stmt('UPDATE rounds SET revealed = ? WHERE session = ? AND poll_id = ? AND round = ?').run(revealed ? 1 : 0, session, pollId, round)
  }

  /** Close every open round of the session except those of `keepPollId`; returns how many closed. */
  closeOpenRoundsExcept(session: string, keepPollId: string, now: number): number {
    return this.stmt('UPDATE rounds SET closed_at = ? WHERE session = ? AND poll_id <> ? AND closed_at IS NULL').run(now, session, keepPollId).changes
  }

  // ---- participants ----

  participantExists(session: string, participantId: string): boolean {
    return this.stmt('SELECT 1 FROM participants WHERE session = ? AND participant_id = ?').get(session, participantId) !== undefined
  }

  /** Record a participant; a nickname given later replaces the earlier one, none keeps it. */
  upsertParticipant(session: string, participantId: string, nickname: string | null, now: number): void {
    this.stmt(`
      INSERT INTO participants (session, participant_id, nickname, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session, participant_id) DO UPDATE SET last_seen = excluded.last_seen, nickname = coalesce(excluded.nickname, nickname)`)
      .run(session, participantId, nickname, now, now)
  }

  countParticipants(session: string): number {
    return (this.stmt('SELECT count(*) AS n FROM participants WHERE session = ?').get(session) as { n: number }).n
  }

  // ---- votes ----

  /** One row per (session, poll, round, participant): a changed vote overwrites its row. */
  upsertVote(session: string, pollId: string, round: number, participantId: string, value: string, now: number): void {
    this.stmt(`
      INSERT INTO votes (session, poll_id, round, participant_id, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (session, poll_id, round, participant_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run(session, pollId, round, participantId, value, now, now)
  }

  vote(session: string, pollId: string, round: number, participantId: string): VoteRecord | undefined {
    const row = this.stmt('SELECT poll_id, round, participant_id, value, created_at, updated_at FROM votes WHERE session = ? AND poll_id = ? AND round = ? AND participant_id = ?')
      .get(session, pollId, round, participantId) as RawVote | undefined
    return row && toVote(row)
  }

  roundVotes(session: string, pollId: string, round: number): VoteRecord[] {
    return (this.stmt('SELECT poll_id, round, participant_id, value, created_at, updated_at FROM votes WHERE session = +? AND poll_id = +? AND round = +? ORDER BY updated_at, participant_id')
      .all(session, pollId, round) as RawVote[]).map(toVote)
  }

  /** One round's stored values by participant, in one query: what opening a poll tells each phone. */
  roundValues(session: string, pollId: string, round: number): Map<string, string> {
    const rows = this.stmt('SELECT participant_id AS id, value FROM votes WHERE session = ? AND poll_id = ? AND round = ?')
      .all(session, pollId, round) as Array<{ id: string, value: string }>
    return new Map(rows.map(row => [row.id, row.value]))
  }

  countRoundVotes(session: string, pollId: string, round: number): number {
    return (this.stmt('SELECT count(*) AS n FROM votes WHERE session = ? AND poll_id = ? AND round = ?').get(session, pollId, round) as { n: number }).n
  }

  countVotes(session: string): number {
    return (this.stmt('SELECT count(*) AS n FROM votes WHERE session = ?').get(session) as { n: number }).n
  }

  // ---- moderation ----

  setHidden(session: string, pollId: string, answerKey: string, hidden: boolean, now: number): void {
    this.stmt(`
      INSERT INTO hidden_answers (session, poll_id, answer_key, hidden, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session, poll_id, answer_key) DO UPDATE SET hidden = excluded.hidden, updated_at = excluded.updated_at`)
      .run(session, pollId, answerKey, hidden ? 1 : 0, now)
  }

  /** Hidden answer keys apply to every round of a poll: a reset does not unhide. */
  hiddenKeys(session: string, pollId: string): Set<string> {
    const rows = this.stmt('SELECT answer_key AS k FROM hidden_answers WHERE session = ? AND poll_id = ? AND hidden = 1').all(session, pollId) as Array<{ k: string }>
    return new Set(rows.map(r => r.k))
  }
}
