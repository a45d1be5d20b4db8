import type { TimelineState, TimelineStatus } from '../exercises/timeline'
import type { GroupToken } from '../exercises/tokens'
import type { Phase } from '../exercises/types'
import type { Submission, SubmissionIssue } from '../exercises/validate'
import type { PollDefinition } from './polls/definition'
import type { Variant } from './talk/settings'
import type { TextField } from './text'
import * as v from 'valibot'
import { LIMITS, pollDefinitionSchema } from './polls/definition'
import { charLength, cleanText } from './text'

/**
 * The room's wire protocol: every message the server, the phone page, the
 * slide components and the tests exchange. Incoming messages are parsed with
 * these schemas at the boundary; nothing is ever cast from `JSON.parse`.
 */

/** Largest WebSocket frame the server reads; bigger frames are refused unread. */
export const MAX_MESSAGE_BYTES = 16 * 1024

export const WS_PATH = '/api/ws'

const token = (max: number) => v.pipe(v.string(), v.regex(/^[\w-]+$/, 'letters, digits, - and _ only'), v.minLength(1), v.maxLength(max))

export const participantIdSchema = v.pipe(token(64), v.minLength(8))
/** The secret the server issues with a participant id (32 random bytes, base64url); proves the id on the next hello. */
export const participantTokenSchema = v.pipe(token(128), v.minLength(22))
export const requestIdSchema = token(64)
const pollId = v.pipe(v.string(), v.maxLength(LIMITS.idLength), v.regex(/^[a-z0-9-]+$/))
const secret = v.pipe(v.string(), v.maxLength(256))

/** A raw answer; whether it fits its poll is decided by `validateAnswer`. */
export const answerValueSchema = v.union([
  v.pipe(v.number(), v.finite()),
  v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(LIMITS.options)),
  v.pipe(v.string(), v.maxLength(LIMITS.textLength * 2)),
  v.pipe(v.array(v.pipe(v.string(), v.maxLength(LIMITS.wordLength * 2))), v.maxLength(LIMITS.maxWords)),
])
export type AnswerValue = v.InferOutput<typeof answerValueSchema>

// ---- control actions (presenter only, secret checked on every one) ----

export const controlActionSchema = v.variant('kind', [
  v.object({ kind: v.literal('open'), poll: pollDefinitionSchema }),
  v.object({ kind: v.literal('close'), pollId }),
  v.object({ kind: v.literal('reveal'), pollId, revealed: v.boolean() }),
  v.object({ kind: v.literal('reset'), pollId }),
  v.object({ kind: v.literal('moderate'), pollId, answerKey: v.pipe(v.string(), v.maxLength(LIMITS.textLength)), hidden: v.boolean() }),
])
export type ControlAction = v.InferOutput<typeof controlActionSchema>

// ---- the live exercise ----

/** Exercises the room can run (exercises/index.ts holds their definitions). */
export const EXERCISE_IDS = ['ask-offer', 'troika'] as const
export const exerciseIdSchema = v.picklist(EXERCISE_IDS)

/** Shortest and longest workshop a run may be for, in whole minutes (the deck's own `talk.variants` range). */
export const EXERCISE_VARIANT_RANGE = { min: 5, max: 480 } as const
/** A run's length: any whole number of minutes the deck may declare; the exercise picks its timing from it. */
export const exerciseVariantSchema = v.pipe(v.number(), v.integer(), v.minValue(EXERCISE_VARIANT_RANGE.min), v.maxValue(EXERCISE_VARIANT_RANGE.max))

/**
 * Facilitator actions on the exercise (secret checked on every one).
 * `start-prepare` opens a new run for a workshop of `variant` minutes (after an ended run only with `restart: true`,
 * so a stale button cannot start one); `form-pairs` ends the prepare phase and
 * pairs everyone present; `start-round` ends the pairing step; `end-round`
 * leaves the round (to the next round's pairing, or the debrief after the last);
 * `next-round` pairs people again (while the round still has time, only with
 * `force: true`); `place-late` puts a waiting late joiner into a group (by the
 * screen view's `waiting[].key` and a token label, or the engine's choice);
 * `start-debrief` / `start-commitment` jump there. A refusal that a
 * confirmation would lift answers `exercise-confirm`.
 */
export const exerciseActionSchema = v.variant('kind', [
  v.object({ kind: v.literal('start-prepare'), exerciseId: v.optional(exerciseIdSchema), variant: v.optional(exerciseVariantSchema), restart: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('form-pairs') }),
  v.object({ kind: v.literal('start-round') }),
  v.object({ kind: v.literal('pause') }),
  v.object({ kind: v.literal('resume') }),
  v.object({ kind: v.literal('extend'), seconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30 * 60)) }),
  v.object({ kind: v.literal('skip') }),
  v.object({ kind: v.literal('end-round') }),
  v.object({ kind: v.literal('next-round'), force: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('place-late'), key: v.optional(v.pipe(v.string(), v.regex(/^[a-f0-9]{1,32}$/))), group: v.optional(v.pipe(v.string(), v.maxLength(40))) }),
  v.object({ kind: v.literal('start-debrief') }),
  v.object({ kind: v.literal('start-commitment') }),
  v.object({ kind: v.literal('end') }),
])
export type ExerciseAction = v.InferOutput<typeof exerciseActionSchema>
export type ExerciseActionKind = ExerciseAction['kind']

const topicList = v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(20))

/**
 * The shape of a prepare-phase submission. Lengths, counts and topics are
 * checked by `validateSubmission` (exercises/validate.ts) against the running
 * exercise, which answers with a message per field; the frame limit bounds the rest.
 */
export const exerciseSubmissionSchema = v.object({
  pass: v.optional(v.boolean()),
  ask: v.optional(v.nullable(v.string())),
  askTopics: v.optional(topicList),
  offers: v.optional(v.pipe(v.array(v.string()), v.maxLength(20))),
  offerTopics: v.optional(topicList),
})

/** A filled-in commitment: field id → text, checked by `validateCommitment`. */
export const exerciseCommitmentSchema = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[a-z][\w-]{0,31}$/)), v.string()),
  v.check(fields => Object.keys(fields).length <= 8, 'too many fields'),
)

// ---- client -> server ----

const NICKNAME: TextField = { noun: 'nickname', collapse: true, projected: true }

/**
 * A nickname as core/text.ts cleans it, at most `LIMITS.nicknameLength` code
 * points. Refusals are `raw_transform` issues with a message written for the
 * participant, which `parseClientMessage` passes on.
 */
export const nicknameSchema = v.pipe(v.string(), v.rawTransform(({ dataset, addIssue, NEVER }) => {
  const check = cleanText(dataset.value, NICKNAME)
  if (check.ok && charLength(check.text) <= LIMITS.nicknameLength)
    return check.text
  addIssue({ message: check.ok ? `A nickname can be at most ${LIMITS.nicknameLength} characters.` : check.message })
  return NEVER
}))

export const clientMessageSchema = v.variant('type', [
  /**
   * A phone binds its connection to one participant; once per connection.
   * Without `participantId` the server issues a new id and its token (in
   * `welcome`); with one, `token` must prove it, or the id is never bound.
   */
  v.object({
    type: v.literal('hello'),
    participantId: v.optional(participantIdSchema),
    token: v.optional(participantTokenSchema),
    nickname: v.optional(nicknameSchema),
  }),
  v.object({ type: v.literal('vote'), requestId: requestIdSchema, pollId, value: answerValueSchema }),
  v.object({ type: v.literal('control'), requestId: requestIdSchema, secret, action: controlActionSchema }),
  /** A screen subscribes to results; with the right secret it sees hidden results too. */
  v.object({ type: v.literal('watch'), requestId: requestIdSchema, secret: v.optional(secret) }),
  v.object({ type: v.literal('ping') }),
  /** Write, edit or pass: one submission per participant per run, editable until pairs are formed. */
  v.object({ type: v.literal('exercise-submit'), requestId: requestIdSchema, submission: exerciseSubmissionSchema }),
  /** Save "I will ask ___ for ___ by ___"; private unless `shared`. */
  v.object({ type: v.literal('exercise-commit'), requestId: requestIdSchema, commitment: exerciseCommitmentSchema, shared: v.optional(v.boolean()) }),
  v.object({ type: v.literal('exercise-control'), requestId: requestIdSchema, secret, action: exerciseActionSchema }),
  /** The presenter's slide, for audience screens on other devices to follow (secret checked). */
  v.object({ type: v.literal('slide'), requestId: requestIdSchema, secret, page: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9999)), clicks: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)) }),
])
export type ClientMessage = v.InferOutput<typeof clientMessageSchema>

// ---- derived views (server -> client) ----

export type PollStatus = 'open' | 'closed'

/** What a phone needs to show the current question. */
export interface PublicPoll {
  poll: PollDefinition
  round: number
  status: PollStatus
  openedAt: number
}

/**
 * A poll's results. Words and text carry `hidden` (moderated) flags. Words
 * and text answers equal by `matchKey` (core/text.ts: case, spacing, full-width
 * letters, invisible characters) are merged, `count` saying how many gave one;
 * text answers share a `key`, which is what `moderate` takes (for words it is
 * the word, any spelling). Text answers come in the order first given and carry
 * no times: this reaches screens without the secret.
 */
export type Tally
  = | { kind: 'choice' | 'multi', counts: number[] }
    | { kind: 'scale', counts: number[], mean: number | null }
    | { kind: 'estimate', values: number[], mean: number | null, median: number | null }
    | { kind: 'words', words: Array<{ word: string, count: number, hidden: boolean }> }
    | { kind: 'text', answers: Array<{ key: string, text: string, count: number, hidden: boolean }> }

export interface PollResult {
  poll: PollDefinition
  round: number
  status: PollStatus
  revealed: boolean
  openedAt: number
  closedAt: number | null
  /** Participants who answered this round. */
  total: number
  tally: Tally
}

/**
 * Where a poll's latest round stands, for every screen (revealed or not): the
 * projector says "open, 12 answers" or "closed, 14 answers" truthfully
 * without seeing a single answer.
 */
export interface PollProgress {
  pollId: string
  round: number
  status: PollStatus
  total: number
  revealed: boolean
  private: boolean
}

export type ErrorCode
  = | 'bad-message'
  /** The hello's nickname breaks the user-text rules; the phone joins without one and says why. */
    | 'bad-nickname'
    | 'too-large'
    | 'not-joined'
    | 'already-joined'
    | 'identity-refused'
    | 'too-many-phones'
    | 'unauthorized'
    | 'unknown-poll'
  /** Reveal refused: a private poll's answers never go on the screen. */
    | 'private-poll'
    | 'poll-closed'
    | 'invalid-answer'
    | 'rate-limited'
    | 'server-error'
    | 'no-exercise'
    | 'exercise-locked'
    | 'invalid-submission'
    | 'invalid-commitment'
    | 'exercise-refused'
  /** The exercise action needs the facilitator's confirmation: resend it with `restart` or `force`. */
    | 'exercise-confirm'
    /** The server could not save (disk full, read-only, I/O error): nothing was kept; the client sends it again later. */
    | 'storage-failed'

/**
 * A participant id with the secret that proves it; the client keeps the two
 * together. `welcome` carries `token` only when it has just been issued.
 */
export interface ParticipantIdentity {
  participantId: string
  token: string
}

/**
 * What the presenter needs to notice ballot stuffing, for authorised watchers
 * only. Counts, never addresses: this may reach the projector.
 */
export interface RoomIntegrity {
  /** Live identities per network address, for addresses holding at least `crowdedAt`; largest first, at most 5. */
  crowded: number[]
  crowdedAt: number
  /** Live identities one address may hold; 0 means no cap. */
  maxPerAddress: number
  /** Network addresses that had a phone turned away by the cap in the last 10 minutes. */
  refusedAddresses: number
}

/**
 * Why the room cannot save right now, for authorised watchers only (the path
 * is the presenter's business). `cause` and `advice` are sentences.
 */
export interface StorageProblem {
  path: string
  /** SQLite's code, e.g. SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR_WRITE. */
  code: string
  cause: string
  advice: string
  /** When saving first failed (server clock). */
  since: number
}

export type ServerMessage
  /**
   * `answeredBeforeReset`: the facilitator reset the current poll after this
   * phone answered it, and it has not answered the new round (present only then).
   */
  = | { type: 'welcome', participantId: string, token?: string, serverTime: number, current: PublicPoll | null, myAnswer: AnswerValue | null, answeredBeforeReset?: true }
    | { type: 'poll', current: PublicPoll | null, myAnswer: AnswerValue | null, answeredBeforeReset?: true }
    | { type: 'ack', requestId: string, pollId?: string, round?: number }
    | { type: 'error', requestId?: string, code: ErrorCode, message: string, issues?: SubmissionIssue[] }
    | { type: 'results', polls: PollResult[], progress?: PollProgress[], participants: number, authorized: boolean, integrity?: RoomIntegrity }
    | { type: 'room', participants: number }
    | { type: 'pong', serverTime: number }
  /**
   * Saving works again (to everyone: phones resend what is still waiting), or
   * it failed (to authorised watchers only, with the problem).
   */
    | { type: 'storage', ok: true }
    | { type: 'storage', ok: false, problem: StorageProblem }
  /** A participant's own view of the exercise; sent after welcome and on every change. */
    | { type: 'exercise', serverTime: number, exercise: ExercisePhoneView | null }
  /** The facilitator's and the projector's view: counts, themes and tokens, never who asked what. */
    | { type: 'exercise-screen', serverTime: number, exercise: ExerciseScreenView | null }
  /** Where the presenter is in the deck, for screens that follow (watchers only). */
    | { type: 'slide', page: number, clicks: number }

// ---- exercise views (server -> client) ----

export type ExerciseId = typeof EXERCISE_IDS[number]

/**
 * The exercise clock: the stored facts (`timeline`) and, derived from them at
 * the message's `serverTime`, the step and time left. Clients count down with
 * `currentStep(timeline, scheduleFor(definition, variant), Date.now() + clockOffset)`
 * from exercises/timeline.ts, never with a ticking counter.
 */
export interface ExerciseClock {
  timeline: TimelineState
  status: TimelineStatus
  phase: Phase
  round: number
  /** Rounds in this run's schedule. */
  rounds: number
  stepId: string | null
  stepIndex: number
  stepsInPhase: number
  /** 0-based turn in the round; null outside turns. */
  turn: number | null
  swap: boolean
  remainingMs: number
  overtimeMs: number
  /** When the step ends if nobody pauses (server clock); null while paused or idle. */
  endsAt: number | null
}

export interface ExerciseRun {
  run: number
  exerciseId: ExerciseId
  variant: Variant
  clock: ExerciseClock
}

export interface ExerciseGroupMemberView {
  nickname: string | null
  self: boolean
  /** Has an asker turn this round. */
  asks: boolean
  /** Pressed "Pass" in the prepare phase (someone who wrote nothing has `passed: false, asks: false`). */
  passed: boolean
}

/** How a round groups people: the exercise's own groups (pairs, Troika's trios) or a ring's tables. */
export type ExerciseRoundFormat = 'groups' | 'ring'

export interface ExerciseGroupView {
  round: number
  format: ExerciseRoundFormat
  token: GroupToken
  /** Speaking order: members with an ask first, then those who only help. */
  members: ExerciseGroupMemberView[]
  /**
   * Positions in `members` that ask, in order, one turn each ([] = an open talk).
   * Pass it to `groupStepAt` (exercises/turn-plan.ts) for the group's step and time left.
   */
  turns: number[]
  /** This participant's place in `members`. */
  position: number
  /** How this participant came into the group: formed by pairing, placed as a late joiner, moved after someone left. */
  joined: 'paired' | 'placed' | 'moved'
}

export interface ExerciseCommitmentView {
  values: Record<string, string>
  sentence: string
  shared: boolean
}

export interface ExercisePhoneView extends ExerciseRun {
  /** This participant's own submission (nobody else's). */
  submission: Submission | null
  /** True while submissions may change (the prepare phase). */
  editable: boolean
  /** Their group in the current round, if they have one. */
  group: ExerciseGroupView | null
  /** Why there is no group while pairs run: joined after the round began (`late`), or nobody to pair with (`alone`). */
  waiting: 'late' | 'alone' | null
  commitment: ExerciseCommitmentView | null
}

/**
 * Counts that add up: `present = asks + passes + notWritten`, all among the
 * phones connected now; `left` wrote something and is gone; `submitted`
 * counts every submission of the run, theirs included.
 */
export interface ExerciseCounts {
  /** Phones connected now. */
  present: number
  submitted: number
  asks: number
  passes: number
  notWritten: number
  left: number
  groups: number
  pairs: number
  trios: number
  /** Groups of four or more (a ring's tables, a table of five). */
  tables: number
  /** People in a group this round. */
  paired: number
  /** Present but not in a group this round (late joiners, someone alone). */
  waiting: number
  /** Late joiners the facilitator placed this round. */
  placed: number
  commitments: number
}

/** Someone present with no group while pairs run; for the presenter's "place a late joiner" control. */
export interface ExerciseWaiting {
  /** Opaque handle for `place-late` (not a participant id). */
  key: string
  nickname: string | null
  /** Wrote an ask: placed before turns start, they get a turn. */
  asks: boolean
  /** Alone: the only one left without a partner (rather than late). */
  alone: boolean
}

/** What an ended run did; the counts of people are over the whole run. */
export interface ExerciseEndSummary {
  /** People who took part: wrote something or were in a group. */
  people: number
  asks: number
  passes: number
  /** In a group at some point without having written anything (late joiners). */
  notWritten: number
  rounds: number
  /** Groups formed over all rounds, late placements included. */
  groupsFormed: number
  commitments: number
  sharedCommitments: number
  presentAtEnd: number
}

export interface ExerciseTopicCount {
  id: string
  label: string
  asks: number
  offers: number
}

/** One row of the token table on the screen: nicknames people chose to give, else only the size. */
export interface ExerciseTokenRow {
  token: GroupToken
  size: number
  /** Members with an asker turn this round (the group shares the round's time between them). */
  asks: number
  nicknames: string[]
}

export interface ExerciseScreenView extends ExerciseRun {
  counts: ExerciseCounts
  topics: ExerciseTopicCount[]
  tokens: ExerciseTokenRow[]
  /** The current round's format while pairs run; null otherwise. */
  format: ExerciseRoundFormat | null
  /** Present without a group during pairing and rounds, in the order they came. */
  waiting: ExerciseWaiting[]
  /** Set once the run has ended (`clock.phase === 'done'`). */
  summary: ExerciseEndSummary | null
}

/** Counts and themes of the latest run for the results report; no text unless a participant shared it. */
export interface ExerciseSummary {
  run: number
  exerciseId: ExerciseId
  variant: Variant
  phase: Phase
  submissions: number
  asks: number
  passes: number
  /** Per round; `tables` counts groups of four or more (a ring round's tables). */
  rounds: Array<{ round: number, groups: number, pairs: number, trios: number, tables?: number, people: number }>
  topics: ExerciseTopicCount[]
  commitments: number
  /** Commitment sentences their authors chose to share, without names. */
  sharedCommitments: string[]
}

/** Every round of every poll of one session. `GET /api/results` and `bin/results.ts`. */
export interface ResultsExport {
  session: string
  exportedAt: number
  polls: PollResult[]
  /** The live exercise's counts and themes, when one ran in this session. */
  exercise?: ExerciseSummary
}

/** Public facts a slide needs to invite people in. `GET /api/room`. */
export interface RoomInfo {
  joinUrl: string
  participants: number
  current: PublicPoll | null
}

/** Parse one incoming frame without trusting it. */
export function parseClientMessage(raw: string): { ok: true, message: ClientMessage } | { ok: false, code: ErrorCode, message: string } {
  if (raw.length > MAX_MESSAGE_BYTES)
    return { ok: false, code: 'too-large', message: `Messages are limited to ${MAX_MESSAGE_BYTES} bytes.` }
  let data: unknown
  try {
    data = JSON.parse(raw)
  }
  catch {
    return { ok: false, code: 'bad-message', message: 'The message is not valid JSON.' }
  }
  const result = v.safeParse(clientMessageSchema, data)
  if (!result.success) {
    const issue = result.issues[0]!
    // User-text refusals (the nickname) say what to fix; they never echo the text.
    if (issue.type === 'raw_transform')
      return { ok: false, code: v.getDotPath(issue) === 'nickname' ? 'bad-nickname' : 'bad-message', message: issue.message }
    // The path names our own fields only, never the client's values.
    const where = v.getDotPath(issue) ?? 'message'
    return { ok: false, code: 'bad-message', message: `The message does not match the protocol (at ${where}).` }
  }
  return { ok: true, message: result.output }
}
