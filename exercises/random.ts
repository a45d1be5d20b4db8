/**
 * Seeded randomness for pairing: the same seed gives the same pairs, so the
 * server can store the seed and replay or test any round.
 */

export { mulberry32 } from '../core/seeded'

/** Mix a seed with a round number (or any small integer) into a new 32-bit seed. */
export function mixSeed(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt + 0x9E3779B9, 0x85EBCA6B)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7FEB352D) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846CA68B) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = out[i]!
    out[i] = out[j]!
    out[j] = swap
  }
  return out
}
