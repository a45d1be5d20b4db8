import type { RoomIntegrity } from './protocol'

export interface WarningFacts {
  /** Answers to the poll's current round. */
  answers: number
  /** Whether the poll is open: after it closes, phones that left still count, so no warning then. */
  open: boolean
  /** Phones connected now. */
  participants: number | null
  /** The server's integrity figures (presenter only); null for other screens. */
  integrity: RoomIntegrity | null
}

/**
 * One line per sign of ballot stuffing, for the presenter's controls; none
 * when everything looks normal. Counts only, no addresses: the controls may
 * be on the projector.
 */
export function presenterWarnings(facts: WarningFacts): string[] {
  const lines: string[] = []
  const { answers, participants, integrity } = facts
  if (facts.open && participants !== null && answers > participants)
    lines.push(`Answers outnumber phones: ${answers} answers, ${participants} ${participants === 1 ? 'phone' : 'phones'} connected now.`)
  if (integrity) {
    const [top] = integrity.crowded
    if (top !== undefined) {
      lines.push(integrity.crowded.length === 1
        ? `One network address holds ${top} identities.`
        : `${integrity.crowded.length} network addresses hold ${integrity.crowded.join(', ')} identities.`)
    }
    if (integrity.refusedAddresses > 0 && integrity.maxPerAddress > 0) {
      lines.push(`Phones were turned away: more than ${integrity.maxPerAddress} on one network address. `
        + `If the venue puts everyone behind one address, restart with --max-per-address 0.`)
    }
  }
  return lines
}
