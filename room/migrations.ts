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
  // 2: the live exercise. Facts only: a run per start, timeline events with
  // the clock's timestamps after each, one submission per participant per run,
  // pairings per round (a repair after someone leaves adds a version), and
  // commitments. Views (current step, time left, counts) are derived.
  (db) => {
    db.exec(`
      CREATE TABLE exercise_runs (
        session     TEXT NOT NULL REFERENCES sessions(name),
        run         INTEGER NOT NULL CHECK (run >= 1),
        exercise_id TEXT NOT NULL,
        variant     INTEGER NOT NULL,
        seed        INTEGER NOT NULL,   -- pairing seed; each round mixes in its number
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (session, run)
      ) STRICT;

      -- One row per facilitator event, with the timeline it produced.
      CREATE TABLE exercise_events (
        session         TEXT NOT NULL,
        run             INTEGER NOT NULL,
        seq             INTEGER NOT NULL,
        kind            TEXT NOT NULL,
        at              INTEGER NOT NULL,
        phase           TEXT NOT NULL,
        round           INTEGER NOT NULL,
        step_index      INTEGER NOT NULL,
        step_started_at INTEGER,          -- pauses excluded; NULL before the start
        paused_at       INTEGER,          -- NULL while running
        extra_seconds   INTEGER NOT NULL,
        PRIMARY KEY (session, run, seq),
        FOREIGN KEY (session, run) REFERENCES exercise_runs(session, run)
      ) STRICT;

      CREATE TABLE exercise_submissions (
        session        TEXT NOT NULL,
        run            INTEGER NOT NULL,
        participant_id TEXT NOT NULL,
        pass           INTEGER NOT NULL CHECK (pass IN (0, 1)),
        ask            TEXT,              -- NULL when passing; private to its author
        ask_topics     TEXT NOT NULL,     -- JSON array of topic ids
        offers         TEXT NOT NULL,     -- JSON array of strings
        offer_topics   TEXT NOT NULL,     -- JSON array of topic ids
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        PRIMARY KEY (session, run, participant_id),
        FOREIGN KEY (session, run) REFERENCES exercise_runs(session, run),
        FOREIGN KEY (session, participant_id) REFERENCES participants(session, participant_id)
      ) STRICT;

      CREATE TABLE exercise_pairings (
        session    TEXT NOT NULL,
        run        INTEGER NOT NULL,
        round      INTEGER NOT NULL CHECK (round >= 1),
        version    INTEGER NOT NULL CHECK (version >= 1),
        reason     TEXT NOT NULL,         -- 'paired' | 'repair'
        alone      TEXT,                  -- participant id of someone left without a partner
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session, run, round, version),
        FOREIGN KEY (session, run) REFERENCES exercise_runs(session, run)
      ) STRICT;

      CREATE TABLE exercise_group_members (
        session        TEXT NOT NULL,
        run            INTEGER NOT NULL,
        round          INTEGER NOT NULL,
        version        INTEGER NOT NULL,
        group_index    INTEGER NOT NULL,
        position       INTEGER NOT NULL,  -- speaking order: position t asks in turn t
        participant_id TEXT NOT NULL,
        passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
        token          TEXT NOT NULL,     -- JSON GroupToken, the same for every member of a group
        PRIMARY KEY (session, run, round, version, group_index, position),
        FOREIGN KEY (session, run, round, version) REFERENCES exercise_pairings(session, run, round, version)
      ) STRICT;

      CREATE TABLE exercise_commitments (
        session        TEXT NOT NULL,
        run            INTEGER NOT NULL,
        participant_id TEXT NOT NULL,
        fields         TEXT NOT NULL,     -- JSON object, field id -> text; private to its author
        shared         INTEGER NOT NULL CHECK (shared IN (0, 1)),
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        PRIMARY KEY (session, run, participant_id),
        FOREIGN KEY (session, run) REFERENCES exercise_runs(session, run),
        FOREIGN KEY (session, participant_id) REFERENCES participants(session, participant_id)
      ) STRICT;
    `)
  },
  // 3: server-issued identities. A new participant gets a random id and token
  // from the server; only the token's sha256 is kept here. Rows from before
  // this version have no hash: their ids can never be bound again (a phone
  // holding one joins as a new participant), their votes and submissions stay.
  (db) => {
    db.exec(`ALTER TABLE participants ADD COLUMN token_hash BLOB;`)
  },
]
