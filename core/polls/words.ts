import { charLength, matchKey } from '../text'

/**
 * Word-cloud entries are merged by their match key (core/text.ts), so
 * "Scary", " scary ", "SCARY", full-width "ｓｃａｒｙ" and "sca\u200Bry"
 * count as one word.
 */

export { charLength }

/**
 * Trim, collapse inner whitespace to one space and Unicode-normalize (NFC):
 * how a word is stored and shown. The writer's capitals stay ("Scary" reads
 * back as "Scary"); counting ignores case through the match key.
 */
export function normalizeWord(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ')
}

/** Normalize a list of entries and drop those with the same match key, keeping the first-seen spelling and order. */
export function mergeWords(raw: readonly string[]): string[] {
  const seen = new Map<string, string>()
  for (const entry of raw) {
    const word = normalizeWord(entry)
    const key = matchKey(word)
    if (!seen.has(key))
      seen.set(key, word)
  }
  return [...seen.values()]
}
