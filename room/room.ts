import type { PollDefinition } from '../core/polls/definition'
import type { AnswerValue, ControlAction, ErrorCode, ParticipantIdentity, PollProgress, PollResult, PublicPoll, RoomInfo } from '../core/protocol'
import type { RoundRow, Storage } from './storage'
import { randomBytes } from 'node:crypto'
import * as v from 'valibot'
import { validateAnswer } from '../core/polls/answer'
import { isPrivatePoll, pollDefinitionSchema } from '../core/polls/definition'
import { LiveTally } from '../core/polls/live-tally'
import { withoutHidden } from '../core/polls/tally'
import { matchKey } from '../core/text'
import { hashToken, tokenMatchesHash } from './auth'
import { IdentityStore } from './identity-storage'

export interface RoomFailure { ok: false, code: ErrorCode, message: string }
export type RoomOutcome<T = object> = ({ ok: true } & T) | RoomFailure

/**
 * What changed, so the socket layer knows whom to tell:
 * `poll` (current poll opened/closed/reset: phones, at once), `results`
 * (tallies or reveal state: watchers, batched), `participants` (count).
 */
export type RoomEvent = 'poll' | 'results' | 'participants'

export interface RoomOptions {
  storage: Storage
  session: string
  now: () => number
}

function failure(code: ErrorCode, message: string): RoomFailure {
  return { ok: false, code, message }
}

/** What opening a poll tells every phone: one snapshot, each phone's own answer looked up in it. */
export interface PollSnapshot {
  current: PublicPoll | null
  myAnswer: (participantId: string) => AnswerValue | null
  answeredBeforeReset: (participantId: string) => boolean
}

const tallyKey = (pollId: string, round: number): string => `${round}:${pollId}`

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  }
  catch {
    return undefined
  }
}

/**
 * The room's behaviour over storage. Synchronous on purpose: better-sqlite3
 * commits before a method returns, so the caller can acknowledge afterwards.
 */
export class Room {
  readonly session: string
  private readonly storage: Storage
  private readonly now: () => number
  private readonly listeners = new Set<(event: RoomEvent) => void>()
  /** Open connections per participant id: a phone with two tabs counts once. */
  private readonly connected = new Map<string, number>()
  private readonly definitions = new Map<string, PollDefinition | null>()
  private readonly identities: IdentityStore
  /**
   * Each round's tally, in step with its committed rows: built from the rows
   * when first needed (so on start), changed only after a vote's transaction
   * has committed, dropped on reset and moderation so it is rebuilt from rows.
   * Rows are written by this class alone (one server per database: db-lock).
   */
  private readonly tallies = new Map<string, LiveTally>()

  constructor(options: RoomOptions) {
    this.storage = options.storage
    this.session = options.session
    this.now = options.now
    this.identities = new IdentityStore(options.storage.db)
    this.storage.ensureSession(this.session, this.now())
  }

  on(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(...events: RoomEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event)
        }
        catch {
          // A failing listener must not undo or hide a committed change.
        }
      }
    }
  }

  // ---- participants ----

  /**
   * A new phone: a random id and token, committed before this returns. Only
   * the token's hash is stored; the caller hands the token to the phone once.
   */
  join(nickname?: string): ParticipantIdentity {
    const identity = { participantId: randomBytes(16).toString('base64url'), token: randomBytes(32).toString('base64url') }
    this.identities.create(this.session, identity.participantId, hashToken(identity.token), nickname || null, this.now())
    return identity
  }

  /** Whether `token` proves `participantId` in this session; unknown ids and rows from before tokens never match. */
  verify(participantId: string, token: string | undefined): boolean {
    return tokenMatchesHash(token, this.identities.tokenHash(this.session, participantId))
  }

  /** Record a phone joining (or coming back, its identity checked) and tell it what to show. */
  hello(participantId: string, nickname?: string): { current: PublicPoll | null, myAnswer: AnswerValue | null, answeredBeforeReset: boolean } {
    this.storage.upsertParticipant(this.session, participantId, nickname || null, this.now())
    return { current: this.current(), myAnswer: this.myAnswer(participantId), answeredBeforeReset: this.answeredBeforeReset(participantId) }
  }

  /** Count a live connection for a participant; call the returned function when it ends. */
  connect(participantId: string): () => void {
    const before = this.connected.size
    this.connected.set(participantId, (this.connected.get(participantId) ?? 0) + 1)
    if (this.connected.size !== before)
      this.emit('participants')
    let done = false
    return () => {
      if (done)
        return
      done = true
      const n = (this.connected.get(participantId) ?? 1) - 1
      if (n > 0) {
        this.connected.set(participantId, n)
      }
      else {
        this.connected.delete(participantId)
        this.emit('participants')
      }
    }
  }

  isConnected(participantId: string): boolean {
    return this.connected.has(participantId)
  }

  /** Participant ids with at least one open connection now. */
  connectedIds(): string[] {
    return [...this.connected.keys()]
  }

  /** Phones connected right now (distinct participants). */
  get participants(): number {
    return this.connected.size
  }

  // ---- polls ----

  private definition(round: RoundRow): PollDefinition | null {
    let def = this.definitions.get(round.definition)
    if (def === undefined) {
      const parsed = v.safeParse(pollDefinitionSchema, parseJson(round.definition))
      def = parsed.success ? parsed.output : null
      this.definitions.set(round.definition, def)
    }
    return def
  }

  /** The poll phones see: the last one opened, open or closed. */
  current(): PublicPoll | null {
    const id = this.storage.currentPollId(this.session)
    const round = id === null ? undefined : this.storage.latestRound(this.session, id)
    const poll = round && this.definition(round)
    if (!round || !poll)
      return null
    return { poll, round: round.round, status: round.closedAt === null ? 'open' : 'closed', openedAt: round.openedAt }
  }

  /**
   * Polls whose stored definition this code no longer accepts (a stricter
   * schema after an update, an edited file). They vanish from phones, slides
   * and exports without a word, so `/api/health` names them.
   */
  unreadablePolls(): string[] {
    const ids = new Set<string>()
    for (const round of this.storage.allRounds(this.session)) {
      if (!this.definition(round))
        ids.add(round.pollId)
    }
    return [...ids]
  }

  /** This participant's answer to the current round of the current poll. */
  myAnswer(participantId: string): AnswerValue | null {
    const id = this.storage.currentPollId(this.session)
    const round = id === null ? undefined : this.storage.latestRound(this.session, id)
    if (!round)
      return null
    const row = this.storage.vote(this.session, round.pollId, round.round, participantId)
    return row ? (parseJson(row.value) as AnswerValue | undefined) ?? null : null
  }

  /**
   * Whether the facilitator reset the current poll after this participant
   * answered it: the round before the current one asked the same question and
   * holds their answer, the current one does not. Derived from stored votes, so
   * a phone that was away during the reset still hears about it.
   */
  answeredBeforeReset(participantId: string): boolean {
    return this.resetCheck()(participantId)
  }

  /** The same question for many phones at once: the rounds are looked up once, only the votes per phone. */
  resetCheck(): (participantId: string) => boolean {
    const id = this.storage.currentPollId(this.session)
    const round = id === null ? undefined : this.storage.latestRound(this.session, id)
    if (!round || round.round < 2)
      return () => false
    const before = this.storage.round(this.session, round.pollId, round.round - 1)
    if (!before || before.definition !== round.definition)
      return () => false
    return participantId => !this.storage.vote(this.session, round.pollId, round.round, participantId)
      && !!this.storage.vote(this.session, round.pollId, before.round, participantId)
  }

  /**
   * The current poll for every phone at once: the round's answers come from
   * one query (two when the round follows a reset), not one per phone.
   */
  pollSnapshot(): PollSnapshot {
    const current = this.current()
    if (!current)
      return { current, myAnswer: () => null, answeredBeforeReset: () => false }
    const answers = this.storage.roundValues(this.session, current.poll.id, current.round)
    const round = this.storage.round(this.session, current.poll.id, current.round)
    const before = round && round.round >= 2 ? this.storage.round(this.session, round.pollId, round.round - 1) : undefined
    const earlier = before && before.definition === round!.definition
      ? this.storage.roundValues(this.session, before.pollId, before.round)
      : null
    return {
      current,
      myAnswer: (participantId) => {
        const value = answers.get(participantId)
        return value === undefined ? null : (parseJson(value) as AnswerValue | undefined) ?? null
      },
      answeredBeforeReset: participantId => earlier !== null && !answers.has(participantId) && earlier.has(participantId),
    }
  }

  vote(participantId: string, pollId: string, value: unknown): RoomOutcome<{ pollId: string, round: number }> {
    const round = this.storage.latestRound(this.session, pollId)
    const def = round && this.definition(round)
    if (!round || !def)
      return failure('unknown-poll', 'There is no poll with this id.')
    if (round.closedAt !== null)
      return failure('poll-closed', 'This poll is closed.')
    const check = validateAnswer(def, value)
    if (!check.ok)
      return failure(check.code, check.message)
    const now = this.now()
    const stored = JSON.stringify(check.value)
    this.storage.transaction(() => {
      this.storage.upsertParticipant(this.session, participantId, null, now)
      this.storage.upsertVote(this.session, pollId, round.round, participantId, stored, now)
    })
    // Committed (a failed transaction threw above): the live tally takes the row as stored.
    this.tallies.get(tallyKey(pollId, round.round))?.set(participantId, parseJson(stored), now)
    this.emit('results')
    return { ok: true, pollId, round: round.round }
  }

  control(action: ControlAction): RoomOutcome<{ pollId: string, round: number }> {
    if (action.kind === 'open')
      return this.open(action.poll)
    const round = this.storage.latestRound(this.session, action.pollId)
    if (!round)
      return failure('unknown-poll', 'There is no poll with this id.')
    const { pollId } = action
    const now = this.now()
    switch (action.kind) {
      case 'close':
        if (round.closedAt === null) {
          this.storage.setRoundClosed(this.session, pollId, round.round, now)
          this.emit('poll', 'results')
        }
        return { ok: true, pollId, round: round.round }
      case 'reveal':
        // The notes promise a private poll's answers never reach the screen; no secret changes that.
        if (action.revealed && isPrivatePoll(this.definition(round) ?? {}))
          return failure('private-poll', 'This poll is private: its answers are never shown to the room.')
        this.storage.setRoundRevealed(this.session, pollId, round.round, action.revealed)
        this.emit('results')
        return { ok: true, pollId, round: round.round }
      case 'reset': {
        // The old round stays as it was (archived); the new one keeps the
        // poll's state: open if it was open, otherwise closed and empty.
        const next = round.round + 1
        const wasOpen = round.closedAt === null
        this.storage.transaction(() => {
          if (wasOpen)
            this.storage.setRoundClosed(this.session, pollId, round.round, now)
          this.storage.insertRound(this.session, pollId, next, round.definition, now, wasOpen ? null : now)
        })
        this.forgetTallies(pollId)
        this.emit('poll', 'results')
        return { ok: true, pollId, round: next }
      }
      case 'moderate':
        // Stored by match key, so hiding "jerk" and showing "JERK" again act on one row.
        this.storage.setHidden(this.session, pollId, matchKey(action.answerKey), action.hidden, now)
        // Hidden keys apply to every round of the poll: each is rebuilt from its rows.
        this.forgetTallies(pollId)
        this.emit('results')
        return { ok: true, pollId, round: round.round }
    }
  }

  /**
   * Open a poll and make it current. First time: store it and start round 1.
   * Same definition as its latest round: reopen that round. Changed
   * definition: archive the latest round and start the next one, so no round
   * mixes answers to two versions of a question.
   */
  private open(poll: PollDefinition): RoomOutcome<{ pollId: string, round: number }> {
    const now = this.now()
    const definition = JSON.stringify(poll)
    const round = this.storage.transaction(() => {
      const { session, storage } = this
      storage.closeOpenRoundsExcept(session, poll.id, now)
      const latest = storage.latestRound(session, poll.id)
      let round: number
      if (!latest) {
        storage.insertPoll(session, poll.id, poll.kind, definition, now)
        storage.insertRound(session, poll.id, 1, definition, now, null)
        round = 1
      }
      else if (latest.definition === definition) {
        if (latest.closedAt !== null)
          storage.setRoundClosed(session, poll.id, latest.round, null)
        round = latest.round
      }
      else {
        if (latest.closedAt === null)
          storage.setRoundClosed(session, poll.id, latest.round, now)
        round = latest.round + 1
        storage.insertRound(session, poll.id, round, definition, now, null)
      }
      storage.setCurrentPollId(session, poll.id)
      return round
    })
    this.emit('poll', 'results')
    return { ok: true, pollId: poll.id, round }
  }

  // ---- results ----

  /** The round's live tally, built from its stored rows the first time it is needed. */
  private liveTally(round: RoundRow, poll: PollDefinition): LiveTally {
    const key = tallyKey(round.pollId, round.round)
    let live = this.tallies.get(key)
    if (!live) {
      const rows = this.storage.roundVotes(this.session, round.pollId, round.round)
        .map(row => ({ participantId: row.participantId, value: parseJson(row.value), at: row.updatedAt }))
      live = new LiveTally(poll, this.storage.hiddenKeys(this.session, round.pollId), rows)
      this.tallies.set(key, live)
    }
    return live
  }

  private forgetTallies(pollId: string): void {
    for (const key of this.tallies.keys()) {
      if (key.slice(key.indexOf(':') + 1) === pollId)
        this.tallies.delete(key)
    }
  }

  private result(round: RoundRow): PollResult | null {
    const poll = this.definition(round)
    if (!poll)
      return null
    const counted = this.liveTally(round, poll).result()
    return {
      poll,
      round: round.round,
      status: round.closedAt === null ? 'open' : 'closed',
      revealed: round.revealed,
      openedAt: round.openedAt,
      closedAt: round.closedAt,
      total: counted.total,
      tally: counted.tally,
    }
  }

  /**
   * The latest round of every poll. Unauthorized viewers get revealed polls
   * only, with moderated answers removed.
   */
  results(options: { authorized: boolean }): PollResult[] {
    const out: PollResult[] = []
    for (const round of this.storage.latestRounds(this.session)) {
      if (!options.authorized && !round.revealed)
        continue
      const r = this.result(round)
      // A private poll revealed before the refusal existed (an older database) still stays off screens.
      if (r && !options.authorized && isPrivatePoll(r.poll))
        continue
      if (r)
        out.push(options.authorized ? r : { ...r, tally: withoutHidden(r.tally) })
    }
    return out
  }

  /** Every poll's latest round as counts only, for every screen: nothing here is an answer. */
  progress(): PollProgress[] {
    const out: PollProgress[] = []
    for (const round of this.storage.latestRounds(this.session)) {
      const poll = this.definition(round)
      if (!poll)
        continue
      out.push({
        pollId: round.pollId,
        round: round.round,
        status: round.closedAt === null ? 'open' : 'closed',
        total: this.liveTally(round, poll).size,
        revealed: round.revealed,
        private: isPrivatePoll(poll),
      })
    }
    return out
  }

  /** Every round of every poll, archived ones included (presenter/API only). */
  history(): PollResult[] {
    const out: PollResult[] = []
    for (const round of this.storage.allRounds(this.session)) {
      const r = this.result(round)
      if (r)
        out.push(r)
    }
    return out
  }

  info(joinUrl: string): RoomInfo {
    return { joinUrl, participants: this.participants, current: this.current() }
  }
}
