import type { LIMITS } from '../core/polls/definition'
import type { AnswerValue, ParticipantIdentity } from '../core/protocol'
import type { TextField } from '../core/text'
import type { PendingVote } from '../room-client/connection'
import { cleanText } from '../core/text'

/** Checked against core/polls/definition.ts by the type annotation; a literal keeps valibot out of the bundle. */
export const NICKNAME_MAX: typeof LIMITS['nicknameLength'] = 24

const IDENTITY_KEY = 'room.identity'
/** Where phones kept the id they made up themselves, before the server issued ids with tokens. */
const LEGACY_ID_KEY = 'room.participantId'
const NAME_KEY = 'room.nickname'
const PENDING_KEY = 'room.pending'
const VALID_ID = /^[\w-]{8,64}$/
const VALID_TOKEN = /^[\w-]{22,128}$/

export interface Identity {
  /** The id and token the server issued this phone; null until its first welcome. */
  credentials: ParticipantIdentity | null
  nickname?: string
}

/** localStorage, or nothing when the browser refuses it (private mode, disabled storage). */
function storage(): Storage | null {
  try {
    const s = globalThis.localStorage
    s.setItem('room.probe', '1')
    s.removeItem('room.probe')
    return s
  }
  catch {
    return null
  }
}

function readCredentials(s: Storage | null): ParticipantIdentity | null {
  try {
    const data: unknown = JSON.parse(s?.getItem(IDENTITY_KEY) ?? 'null')
    if (typeof data === 'object' && data !== null && 'participantId' in data && 'token' in data) {
      const { participantId, token } = data
      if (typeof participantId === 'string' && VALID_ID.test(participantId) && typeof token === 'string' && VALID_TOKEN.test(token))
        return { participantId, token }
    }
  }
  catch {}
  return null
}

/**
 * The identity the server issued survives reloads so the room recognises the
 * phone and its answers; without storage it lasts as long as the page does.
 * The token is the phone's proof: it stays in this origin's storage only.
 */
export function loadIdentity(): Identity {
  const s = storage()
  if (s && s.getItem(LEGACY_ID_KEY) !== null) {
    // An id this phone made up cannot be proven, so the room never accepts it again;
    // answers still waiting under it could count twice once sent as a new participant.
    s.removeItem(LEGACY_ID_KEY)
    s.removeItem(PENDING_KEY)
  }
  const credentials = readCredentials(s)
  const nickname = cleanNickname(s?.getItem(NAME_KEY) ?? '')
  return nickname ? { credentials, nickname } : { credentials }
}

/** Keep what the server issued, or forget an identity it refused. */
export function saveIdentity(credentials: ParticipantIdentity | null): void {
  const s = storage()
  try {
    if (credentials)
      s?.setItem(IDENTITY_KEY, JSON.stringify(credentials))
    else
      s?.removeItem(IDENTITY_KEY)
  }
  catch {}
}

/** As core/protocol.ts checks it: the projector's pair screen may show it, so no emoji. */
const NICKNAME_FIELD: TextField = { noun: 'nickname', collapse: true, projected: true }

/**
 * The nickname as the server stores it (core/text.ts, the same rules), cut to
 * NICKNAME_MAX code points so an emoji is never split in half; undefined when
 * empty or refused.
 */
export function cleanNickname(raw: string): string | undefined {
  const check = cleanText(raw, NICKNAME_FIELD)
  if (!check.ok)
    return undefined
  const cut = cleanText(Array.from(check.text).slice(0, NICKNAME_MAX).join(''), NICKNAME_FIELD)
  return (cut.ok && cut.text) || undefined
}

/** Why the room would refuse this nickname, in words for the participant; null when it is fine. */
export function nicknameProblem(raw: string): string | null {
  const check = cleanText(raw, NICKNAME_FIELD)
  return check.ok ? null : check.message
}

export function saveNickname(nickname: string | undefined): void {
  const s = storage()
  if (nickname)
    s?.setItem(NAME_KEY, nickname)
  else
    s?.removeItem(NAME_KEY)
}

/**
 * Answers the server has not confirmed yet, kept across a reload or a phone
 * that puts the tab to sleep while offline. Anything that does not look like a
 * vote is dropped; the server validates what is resent anyway.
 */
export function loadPendingVotes(): PendingVote[] {
  try {
    const data: unknown = JSON.parse(storage()?.getItem(PENDING_KEY) ?? '[]')
    if (!Array.isArray(data))
      return []
    return data.filter((v): v is PendingVote => typeof v === 'object' && v !== null
      && typeof v.requestId === 'string' && typeof v.pollId === 'string' && 'value' in v
      && (v.participantId === undefined || typeof v.participantId === 'string')).slice(0, 20)
  }
  catch {
    return []
  }
}

export function savePendingVotes(votes: readonly PendingVote[]): void {
  const s = storage()
  try {
    if (votes.length)
      s?.setItem(PENDING_KEY, JSON.stringify(votes))
    else
      s?.removeItem(PENDING_KEY)
  }
  catch {}
}

const TYPED_KEY = 'room.typed'

/** The answer as this phone typed it, for the poll round it was sent to. */
export interface TypedAnswer {
  pollId: string
  round: number
  value: AnswerValue
}

/**
 * The room may store an answer in another form than typed (words
 * lowercased); the phone shows the person's own spelling. Only the latest
 * answer is kept: it is only shown while its poll is the current one.
 */
export function loadTypedAnswer(): TypedAnswer | null {
  try {
    const data: unknown = JSON.parse(storage()?.getItem(TYPED_KEY) ?? 'null')
    if (typeof data === 'object' && data !== null && 'pollId' in data && 'round' in data && 'value' in data
      && typeof data.pollId === 'string' && typeof data.round === 'number') {
      return { pollId: data.pollId, round: data.round, value: data.value as AnswerValue }
    }
  }
  catch {}
  return null
}

export function saveTypedAnswer(answer: TypedAnswer): void {
  try {
    storage()?.setItem(TYPED_KEY, JSON.stringify(answer))
  }
  catch {}
}
