import type { LIMITS } from '../core/polls/definition'
import type { PendingVote } from '../room-client/connection'
import { randomId } from '../room-client/ids'

/** Checked against core/polls/definition.ts by the type annotation; a literal keeps valibot out of the bundle. */
export const NICKNAME_MAX: typeof LIMITS['nicknameLength'] = 24

const ID_KEY = 'room.participantId'
const NAME_KEY = 'room.nickname'
const PENDING_KEY = 'room.pending'
const VALID_ID = /^[\w-]{16,64}$/

export interface Identity {
  participantId: string
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

/**
 * The participant id survives reloads so the server recognises the phone
 * and its answers; without storage it lasts as long as the page does.
 */
export function loadIdentity(): Identity {
  const s = storage()
  let participantId = s?.getItem(ID_KEY) ?? ''
  if (!VALID_ID.test(participantId)) {
    participantId = randomId(22)
    s?.setItem(ID_KEY, participantId)
  }
  const nickname = cleanNickname(s?.getItem(NAME_KEY) ?? '')
  return nickname ? { participantId, nickname } : { participantId }
}

export function cleanNickname(raw: string): string | undefined {
  const name = raw.replace(/\s+/g, ' ').trim().slice(0, NICKNAME_MAX)
  return name || undefined
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
      && typeof v.requestId === 'string' && typeof v.pollId === 'string' && 'value' in v).slice(0, 20)
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
