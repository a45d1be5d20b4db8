import type { PollDefinition } from '../polls/definition'

/** How a poll is described on screen, so people know what kind of answer is wanted. */
export function pollKindLabel(poll: PollDefinition): string {
  switch (poll.kind) {
    case 'choice': return 'Pick one'
    case 'multi': return 'Pick all that apply'
    case 'scale': return `Scale ${poll.min}–${poll.max}`
    case 'estimate': return `Your best guess, ${poll.min}–${poll.max}${poll.unit ?? ''}`
    case 'words': return poll.maxWords === 1 ? 'One word' : `Up to ${poll.maxWords} words`
    case 'text': return 'Anonymous note'
  }
}

/**
 * Whether a poll's paper version must hide who answered what. Choice, multi
 * and scale polls ask about the person: their habits, their fears, whether
 * their own team feels safe. A raised hand, fingers or a place along a wall
 * shows that to colleagues and perhaps to their manager, so on paper these go
 * on folded slips. A guess about a study and a single unsigned word say
 * nothing about anyone, and are meant to be seen together, as on screen.
 */
export function paperIsPrivate(poll: PollDefinition): boolean {
  return poll.kind === 'choice' || poll.kind === 'multi' || poll.kind === 'scale'
}

const SLIPS = 'fold it and drop it in the box. A co-facilitator tallies the slips; nobody sees whose is whose.'

/** What the room does when phones or Wi-Fi fail: every poll still runs on paper, and the private ones stay anonymous. */
export function paperFallback(poll: PollDefinition): string {
  switch (poll.kind) {
    case 'choice': return `On a slip, write the letter of your answer (A, B, C…), ${SLIPS}`
    case 'multi': return `On a slip, write the number of every option that applies, ${SLIPS}`
    case 'scale': return `On a slip, write one number from ${poll.min} to ${poll.max}, ${SLIPS}`
    case 'estimate': return 'Write your guess on a sticky note, no name; we line the notes up on the wall, then reveal.'
    case 'words': return poll.maxWords === 1 ? 'Write one word on a sticky note, no name, and put it on the wall.' : `Write up to ${poll.maxWords} words on a sticky note, no name, and put it on the wall.`
    case 'text': return 'Write it on your commitment card and keep it. Nobody collects it.'
  }
}
