import type { AnswerValue } from '../core/protocol'

export interface PendingVote {
  requestId: string
  pollId: string
  value: AnswerValue
  /** Who cast it; absent for a vote given before this phone's first welcome. */
  participantId?: string
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

  /**
   * The server welcomed us as `participantId`: votes given before any welcome
   * become theirs; votes cast as someone else are dropped and returned. That
   * happens when the server refused our old identity and issued a new one;
   * sent as the new one, an answer the old one may already have in could
   * count one person twice.
   */
  adopt(participantId: string): PendingVote[] {
    const dropped = this.items.filter(v => v.participantId !== undefined && v.participantId !== participantId)
    this.items = this.items.filter(v => !dropped.includes(v)).map(v => v.participantId === undefined ? { ...v, participantId } : v)
    return dropped
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
