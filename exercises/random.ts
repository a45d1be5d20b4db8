/**
 * Seeded randomness for pairing: the same seed gives the same pairs, so the
 * server can store the seed and replay or test any round.
 */

/** mulberry32: a tiny 32-bit PRNG, plenty for shuffling a room. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

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
