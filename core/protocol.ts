import type { PollDefinition } from './polls/definition'
import * as v from 'valibot'
import { LIMITS, pollDefinitionSchema } from './polls/definition'

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

// ---- client -> server ----

export const clientMessageSchema = v.variant('type', [
  /** A phone binds its connection to one participant id; once per connection. */
  v.object({
    type: v.literal('hello'),
    participantId: participantIdSchema,
    nickname: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(LIMITS.nicknameLength))),
  }),
  v.object({ type: v.literal('vote'), requestId: requestIdSchema, pollId, value: answerValueSchema }),
  v.object({ type: v.literal('control'), requestId: requestIdSchema, secret, action: controlActionSchema }),
  /** A screen subscribes to results; with the right secret it sees hidden results too. */
  v.object({ type: v.literal('watch'), requestId: requestIdSchema, secret: v.optional(secret) }),
  v.object({ type: v.literal('ping') }),
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
 * A poll's results. Words and text carry `hidden` (moderated) flags; text
 * answers identical up to case and spacing are merged, `count` saying how many
 * gave one, and share a `key` (what `moderate` takes; for words it is the word).
 */
export type Tally
  = | { kind: 'choice' | 'multi', counts: number[] }
    | { kind: 'scale', counts: number[], mean: number | null }
    | { kind: 'estimate', values: number[], mean: number | null, median: number | null }
    | { kind: 'words', words: Array<{ word: string, count: number, hidden: boolean }> }
    | { kind: 'text', answers: Array<{ key: string, text: string, at: number, count: number, hidden: boolean }> }

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

export type ErrorCode
  = | 'bad-message'
    | 'too-large'
    | 'not-joined'
    | 'already-joined'
    | 'unauthorized'
    | 'unknown-poll'
    | 'poll-closed'
    | 'invalid-answer'
    | 'rate-limited'
    | 'server-error'

export type ServerMessage
  = | { type: 'welcome', participantId: string, serverTime: number, current: PublicPoll | null, myAnswer: AnswerValue | null }
    | { type: 'poll', current: PublicPoll | null, myAnswer: AnswerValue | null }
    | { type: 'ack', requestId: string, pollId?: string, round?: number }
    | { type: 'error', requestId?: string, code: ErrorCode, message: string }
    | { type: 'results', polls: PollResult[], participants: number, authorized: boolean }
    | { type: 'room', participants: number }
    | { type: 'pong', serverTime: number }

/** Every round of every poll of one session. `GET /api/results` and `bin/results.ts`. */
export interface ResultsExport {
  session: string
  exportedAt: number
  polls: PollResult[]
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
    // The path names our own fields only, never the client's values.
    const where = v.getDotPath(result.issues[0]!) ?? 'message'
    return { ok: false, code: 'bad-message', message: `The message does not match the protocol (at ${where}).` }
  }
  return { ok: true, message: result.output }
}
