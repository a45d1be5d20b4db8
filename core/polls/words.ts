/**
 * Word-cloud entries are merged case- and whitespace-insensitively, so
 * "Scary", " scary " and "SCARY" count as one word.
 */

/** Trim, collapse inner whitespace to one space, Unicode-normalize and lowercase. */
export function normalizeWord(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Length in code points, so an emoji counts as one character. */
export function charLength(text: string): number {
  let n = 0
  for (const _ of text)
    n++
  return n
}

/** Normalize a list of entries and drop duplicates, keeping first-seen order. */
export function mergeWords(raw: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const entry of raw)
    seen.add(normalizeWord(entry))
  return [...seen]
}
