/**
 * Live identities per network address (the `addressKey`: IPv4, or IPv6 /64):
 * which participants hold an open connection from where. Caps how many one
 * address may hold, so one laptop cannot stand in for a room of voters, and
 * says how crowded the busiest addresses are, as counts only.
 */

/** How long a cap refusal keeps an address in the presenter's warning. */
const REFUSAL_MEMORY_MS = 10 * 60_000

export class AddressCap {
  /** address -> participant id -> open connections. */
  private readonly live = new Map<string, Map<string, number>>()
  /** address -> when a phone there was last turned away. */
  private readonly refusals = new Map<string, number>()

  /** @param max identities one address may hold at once; 0 = no cap. */
  constructor(readonly max: number) {}

  /** Whether `participantId` (null: a new one) may go live from `address`: it is there already, or there is room. */
  admits(address: string, participantId: string | null): boolean {
    if (this.max <= 0)
      return true
    const ids = this.live.get(address)
    if (!ids)
      return true
    return (participantId !== null && ids.has(participantId)) || ids.size < this.max
  }

  /** Remember a refusal for the presenter's warning. */
  refused(address: string, now: number): void {
    this.refusals.set(address, now)
  }

  /** Count one connection of `participantId` from `address`; call the result when it closes. */
  add(address: string, participantId: string): () => void {
    let ids = this.live.get(address)
    if (!ids)
      this.live.set(address, ids = new Map())
    ids.set(participantId, (ids.get(participantId) ?? 0) + 1)
    let done = false
    return () => {
      if (done)
        return
      done = true
      const n = (ids.get(participantId) ?? 1) - 1
      if (n > 0)
        ids.set(participantId, n)
      else
        ids.delete(participantId)
      if (ids.size === 0 && this.live.get(address) === ids)
        this.live.delete(address)
    }
  }

  /** Identities held by the busiest addresses that hold at least `threshold`, largest first. */
  crowded(threshold: number, limit = 5): number[] {
    const counts: number[] = []
    for (const ids of this.live.values()) {
      if (ids.size >= threshold)
        counts.push(ids.size)
    }
    return counts.sort((a, b) => b - a).slice(0, limit)
  }

  /** Addresses with a refusal in the last ten minutes (older ones are forgotten). */
  refusedAddresses(now: number): number {
    for (const [address, at] of this.refusals) {
      if (now - at > REFUSAL_MEMORY_MS)
        this.refusals.delete(address)
    }
    return this.refusals.size
  }
}
