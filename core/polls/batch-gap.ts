/**
 * How long the room waits after one results batch before the next may leave.
 *
 * A batch that costs little (a choice poll watched by two screens: a fraction
 * of a millisecond) may be followed soon, so a vote in a room of 100 reaches
 * the screens in a few milliseconds instead of waiting out a fixed 25 ms.
 * Batches that are costly (an estimate listing 10,000 values) buy a longer gap, so
 * batches never take more than a small share of the event loop. Cost is wall
 * time: a server starved of CPU takes longer for the same batch and backs off
 * on its own. The cost is the typical one of recent batches (`typicalCost`),
 * not the last alone.
 */
export interface BatchGap {
  /** The shortest gap (ms): a burst still folds into batches. */
  minMs: number
  /** The longest gap (ms), however costly a batch was. */
  maxMs: number
}

/** A batch may take at most 1 / COST_SHARE of the time while results keep changing. */
export const COST_SHARE = 10

export function batchGap(costMs: number, gap: BatchGap): number {
  const max = Math.max(gap.minMs, gap.maxMs)
  return Math.min(max, Math.max(gap.minMs, costMs * COST_SHARE))
}

/**
 * How much a new batch's cost moves the typical cost. One batch that ran long
 * (a garbage collection inside it, the OS running another process) would
 * otherwise buy a gap of up to 25 ms for the votes behind it; a batch that is
 * costly every time raises the typical cost within a few batches.
 */
export const COST_WEIGHT = 0.25

/** The typical cost of recent batches after one more that took `lastMs` (an exponential moving average). */
export function typicalCost(previousMs: number, lastMs: number): number {
  return previousMs + (lastMs - previousMs) * COST_WEIGHT
}
