import { matchKey } from '../text'

/**
 * A stable key for an open-text answer: a hash of its match key (core/text.ts),
 * so the same words typed twice, in another case, in full-width letters or with
 * a zero-width space inside, share a key and one moderation action hides all.
 * cyrb53 (public domain): 53 bits, plenty for the few hundred answers of a room.
 */
export function textKey(text: string): string {
  const s = matchKey(text)
  let h1 = 0xDEADBEEF
  let h2 = 0x41C6CE57
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0)
  return `t-${hash.toString(36)}`
}
