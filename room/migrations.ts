import type Database from 'better-sqlite3'

/**
 * Schema versions, applied in order; `PRAGMA user_version` records the last
 * one applied. Never edit a released migration: add the next one.
 *
 * Facts only: votes are rows keyed by (session, poll, round, participant),
 * rounds record when they opened and closed, moderation is rows of hidden
 * answer keys. Tallies and "the current poll" are derived from these.
 */
export const migrations: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: initial schema
  (db) => {
    db.exec(`
      CREATE TABLE sessions (
        name            TEXT PRIMARY KEY,
        created_at      INTEGER NOT NULL,
        current_poll_id TEXT
      ) STRICT;

      CREATE TABLE polls (
        session     TEXT NOT NULL REFERENCES sessions(name),
        poll_id     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        definition  TEXT NOT NULL,   -- JSON, as first opened
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (session, poll_id)
      ) STRICT;

      CREATE TABLE rounds (
        session     TEXT NOT NULL,
        poll_id     TEXT NOT NULL,
        round       INTEGER NOT NULL CHECK (round >= 1),
        definition  TEXT NOT NULL,   -- JSON this round runs with
        opened_at   INTEGER NOT NULL,
        closed_at   INTEGER,         -- NULL while open
        revealed    INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
        PRIMARY KEY (session, poll_id, round),
        FOREIGN KEY (session, poll_id) REFERENCES polls(session, poll_id)
      ) STRICT;

      CREATE TABLE participants (
        session        TEXT NOT NULL REFERENCES sessions(name),
        participant_id TEXT NOT NULL,
        nickname       TEXT,
        first_seen     INTEGER NOT NULL,
        last_seen      INTEGER NOT NULL,
        PRIMARY KEY (session, participant_id)
      ) STRICT;

      CREATE TABLE votes (
        session        TEXT NOT NULL,
        poll_id        TEXT NOT NULL,
        round          INTEGER NOT NULL,
        participant_id TEXT NOT NULL,
        value          TEXT NOT NULL,   -- JSON, normalized by validateAnswer
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        PRIMARY KEY (session, poll_id, round, participant_id),
        FOREIGN KEY (session, poll_id, round) REFERENCES rounds(session, poll_id, round),
        FOREIGN KEY (session, participant_id) REFERENCES participants(session, participant_id)
      ) STRICT;

      CREATE TABLE hidden_answers (
        session    TEXT NOT NULL,
        poll_id    TEXT NOT NULL,
        answer_key TEXT NOT NULL,
        hidden     INTEGER NOT NULL CHECK (hidden IN (0, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (session, poll_id, answer_key),
        FOREIGN KEY (session, poll_id) REFERENCES polls(session, poll_id)
      ) STRICT;
    `)
  },
]
