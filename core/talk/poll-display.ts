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

/** What the room does when phones or Wi-Fi fail: every poll still runs on hands and paper. */
export function paperFallback(poll: PollDefinition): string {
  switch (poll.kind) {
    case 'choice': return 'Hands up as I read each option. One hand, one option.'
    case 'multi': return 'Put a sticky dot beside every option that applies to you.'
    case 'scale': return `Show it with your hands: fingers for ${poll.min} to ${poll.max}, or stand along the wall from “${poll.minLabel}” to “${poll.maxLabel}”.`
    case 'estimate': return 'Write your guess on a sticky note; we line the notes up on the wall, then reveal.'
    case 'words': return 'Write one word on a sticky note and put it on the wall.'
    case 'text': return 'Write it on your card and keep it. Nobody collects it.'
  }
}
