/**
 * How long the room waits after one results batch before the next may leave.
 *
 * A batch that costs little (a choice poll watched by two screens: a fraction
 * of a millisecond) may be followed soon, so a vote in a room of 100 reaches
 * the screens in a few milliseconds instead of waiting out a fixed 25 ms. A
 * costly one (an estimate listing 10,000 values) buys itself a longer gap, so
 * batches never take more than a small share of the event loop. Cost is wall
 * time: a server starved of CPU takes longer for the same batch and backs off
 * on its own.
 */
export interface BatchGap {
  /** The shortest gap (ms): a burst still folds into batches. */
  minMs: number
  /** The longest gap (ms), however costly a batch was. */
  maxMs: number
}

/** A batch may take at most 1 / COST_SHARE of the time while results keep changing. */
export const COST_SHARE = 10

export function batchGap(lastCostMs: number, gap: BatchGap): number {
  const max = Math.max(gap.minMs, gap.maxMs)
  return Math.min(max, Math.max(gap.minMs, lastCostMs * COST_SHARE))
}
