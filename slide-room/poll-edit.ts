import type { PollDefinition } from '../core/polls/definition'
import type { PollResult, PublicPoll } from '../core/protocol'

/**
 * Live editing: slides.md saved while the deck runs gives the slide a new
 * poll definition at once (Slidev's HMR), but the room keeps the one its
 * round was opened with. The room's rule (room/room.ts `open()`): opening the
 * same definition reopens its round; a changed one archives the round and
 * starts the next, so no round mixes answers to two versions of a question.
 * Until then phones and the projector keep the live round's question, and the
 * presenter is told in words. Pure decisions, tested without a browser.
 */

/** The room's latest round of one poll, as this screen knows it. */
export interface LiveRound {
  poll: PollDefinition
  round: number
  status: 'open' | 'closed'
  /** Answers this screen may draw (0 when it holds no result). */
  shownAnswers: number
}

/**
 * The room's round for `pollId`: this screen's result (the presenter gets
 * every round, the projector revealed ones), else the poll the room announces
 * to every screen as current.
 */
export function liveRoundOf(pollId: string, result: PollResult | null, current: PublicPoll | null): LiveRound | null {
  if (result && result.poll.id === pollId)
    return { poll: result.poll, round: result.round, status: result.status, shownAnswers: result.total }
  if (current && current.poll.id === pollId)
    return { poll: current.poll, round: current.round, status: current.status, shownAnswers: 0 }
  return null
}

/** Key order and absent optional keys are not differences: JSON with sorted keys, undefined dropped. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return item
    const record = item as Record<string, unknown>
    return Object.fromEntries(Object.keys(record).sort().filter(key => record[key] !== undefined).map(key => [key, record[key]]))
  })
}

export function sameDefinition(a: PollDefinition, b: PollDefinition): boolean {
  return canonical(a) === canonical(b)
}

export interface StagedPoll {
  /** What the slide shows: the live round's question while phones answer it, else the slide's. */
  shown: PollDefinition
  /** The slide's definition differs from the room's latest round; null when they agree or nothing ran yet. */
  edited: { status: 'open' | 'closed', round: number } | null
}

export function stagedPoll(slide: PollDefinition, live: LiveRound | null): StagedPoll {
  if (!live || live.poll.id !== slide.id || sameDefinition(live.poll, slide))
    return { shown: slide, edited: null }
  const edited = { status: live.status, round: live.round }
  // Results on screen answer the question as it was asked: the heading stays with them.
  if (live.status === 'open' || live.shownAnswers > 0)
    return { shown: live.poll, edited }
  return { shown: slide, edited }
}

/** The presenter's words for an edited poll; the button names match PollControls. */
export function editNotice(edited: NonNullable<StagedPoll['edited']>): string {
  if (edited.status === 'open')
    return 'You edited this poll. Phones keep the question they have until you close it; Open again asks the new one.'
  return `You edited this poll. Open again asks the new question as round ${edited.round + 1}; round ${edited.round} keeps its answers to the earlier version.`
}
