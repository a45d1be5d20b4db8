import type { AnswerValue } from '../core/protocol'

export interface PendingVote {
  requestId: string
  pollId: string
  value: AnswerValue
}

/**
 * Votes the server has not acknowledged yet, oldest first. Only the newest
 * answer per poll is kept: the server stores one row per participant per
 * poll, so an older answer would be overwritten anyway, and resending the
 * same vote after a reconnect can never count twice.
 */
export class VoteQueue {
  private items: PendingVote[] = []

  /** Queue a vote, replacing any older unacknowledged vote for the same poll. */
  add(vote: PendingVote): void {
    this.items = this.items.filter(v => v.pollId !== vote.pollId)
    this.items.push(vote)
  }

  /** Remove and return the vote with this request id (acknowledged or refused). */
  settle(requestId: string): PendingVote | undefined {
    const vote = this.items.find(v => v.requestId === requestId)
    if (vote)
      this.items = this.items.filter(v => v !== vote)
    return vote
  }

  forPoll(pollId: string): PendingVote | undefined {
    return this.items.find(v => v.pollId === pollId)
  }

  list(): readonly PendingVote[] {
    return this.items.slice()
  }

  get size(): number {
    return this.items.length
  }
}
