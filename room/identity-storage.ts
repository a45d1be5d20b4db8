import type Database from 'better-sqlite3'

/**
 * SQLite adapter for participant identities (schema: migration 3, the
 * `token_hash` column of `participants`). Prepared statements with
 * placeholders, nothing else; issuing and checking tokens lives in room.ts.
 * Kept apart from storage.ts so identity rows have one small owner.
 */
export class IdentityStore {
  private readonly insert: Database.Statement
  private readonly select: Database.Statement

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO participants (session, participant_id, nickname, first_seen, last_seen, token_hash) VALUES (?, ?, ?, ?, ?, ?)')
    this.select = db.prepare('SELECT token_hash AS hash FROM participants WHERE session = ? AND participant_id = ?')
  }

  /** A new participant row with its token's hash; fails if the id exists (ids are random, so it never should). */
  create(session: string, participantId: string, tokenHash: Uint8Array, nickname: string | null, now: number): void {
    this.insert.run(session, participantId, nickname, now, now, tokenHash)
  }

  /** The stored hash: `undefined` for no such participant, `null` for a row from before tokens existed. */
  tokenHash(session: string, participantId: string): Uint8Array | null | undefined {
    const row = this.select.get(session, participantId) as { hash: Uint8Array | null } | undefined
    return row === undefined ? undefined : row.hash
  }
}
