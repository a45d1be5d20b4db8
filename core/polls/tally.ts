import type { Tally } from '../protocol'
import type { PollDefinition } from './definition'
import { matchKey } from '../text'
import { validateAnswer } from './answer'
import { textKey } from './text-key'

/** One stored vote: its value as stored and when it was last written (ms). */
export interface VoteRow {
  value: unknown
  at: number
}

export interface TallyResult {
  tally: Tally
  /** Votes that fit the definition and were counted. */
  total: number
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0)
    return null
  let sum = 0
  for (const x of values)
    sum += x
  return sum / values.length
}

function median(sorted: readonly number[]): number | null {
  const n = sorted.length
  if (n === 0)
    return null
  const mid = n >> 1
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function capitals(text: string): number {
  let n = 0
  for (const ch of text) {
    if (ch !== ch.toLowerCase())
      n++
  }
  return n
}

/** Between two spellings given equally often: fewer capitals, then code-unit order. */
export function preferSpelling(a: string, b: string): boolean {
  const ca = capitals(a)
  const cb = capitals(b)
  return ca !== cb ? ca < cb : a < b
}

/**
 * Derive a poll's results from its vote rows. Each row is re-validated, so a
 * row that no longer fits (say, after a definition edit) is skipped, never
 * miscounted. `hiddenKeys` are moderated words or text keys; they stay in the
 * tally, flagged, so the presenter can unhide them. Words and keys compare by
 * `matchKey`, so hiding "jerk" hides "JERK", "ｊｅｒｋ" and "je\u200Brk" too.
 */
export function tally(def: PollDefinition, votes: readonly VoteRow[], hiddenKeys: ReadonlySet<string> = new Set()): TallyResult {
  const hidden = new Set([...hiddenKeys].map(matchKey))
  const valid: Array<{ value: number | number[] | string | string[], at: number }> = []
  for (const vote of votes) {
    const check = validateAnswer(def, vote.value)
    if (check.ok)
      valid.push({ value: check.value, at: vote.at })
  }
  const total = valid.length

  switch (def.kind) {
    case 'choice':
    case 'multi': {
      const counts: number[] = Array.from<number>({ length: def.options.length }).fill(0)
      for (const { value } of valid) {
        for (const i of Array.isArray(value) ? value : [value]) {
          if (typeof i === 'number')
            counts[i] = (counts[i] ?? 0) + 1
        }
      }
      return { tally: { kind: def.kind, counts }, total }
    }
    case 'scale': {
      const counts: number[] = Array.from<number>({ length: def.max - def.min + 1 }).fill(0)
      const values = valid.map(v => v.value as number)
      for (const x of values)
        counts[x - def.min] = (counts[x - def.min] ?? 0) + 1
      return { tally: { kind: 'scale', counts, mean: mean(values) }, total }
    }
    case 'estimate': {
      const values = valid.map(v => v.value as number).sort((a, b) => a - b)
      return { tally: { kind: 'estimate', values, mean: mean(values), median: median(values) }, total }
    }
    case 'words': {
      // One entry per match key, shown in its most frequent spelling (ties: the
      // one with fewer capitals, since phones capitalise a first letter on their
      // own, then the smallest in code-unit order, so vote order never matters).
      const byKey = new Map<string, Map<string, number>>()
      for (const { value } of valid) {
        for (const word of value as string[]) {
          const key = matchKey(word)
          const spellings = byKey.get(key) ?? new Map<string, number>()
          spellings.set(word, (spellings.get(word) ?? 0) + 1)
          byKey.set(key, spellings)
        }
      }
      const words = rankWords(byKey, hidden)
      return { tally: { kind: 'words', words }, total }
    }
    case 'text': {
      // The same answer typed twice is one entry with a count; it keeps the
      // earliest wording and place. Entries are in the order first given; the
      // times themselves stay on the server (they would say who answered when).
      const byKey = new Map<string, { key: string, text: string, count: number, hidden: boolean }>()
      const ordered = [...valid].sort((a, b) => a.at - b.at)
      for (const { value } of ordered) {
        const text = value as string
        const key = textKey(text)
        const entry = byKey.get(key)
        if (entry)
          entry.count++
        else
          byKey.set(key, { key, text, count: 1, hidden: hidden.has(key) })
      }
      return { tally: { kind: 'text', answers: [...byKey.values()] }, total }
    }
  }
}

/** The tally a public screen may show: moderated answers removed entirely. */
export function withoutHidden(t: Tally): Tally {
  switch (t.kind) {
    case 'words':
      return { kind: 'words', words: t.words.filter(w => !w.hidden) }
    case 'text':
      return { kind: 'text', answers: t.answers.filter(a => !a.hidden) }
    default:
      return t
  }
}

/**
 * The cloud's words from spellings counted per match key: each word shown in its most frequent
 * spelling (ties to fewer capitals, then code-unit order), most answered first. The live tally
 * and the tally from rows both rank through here, so they cannot disagree.
 */
export function rankWords(byKey: ReadonlyMap<string, ReadonlyMap<string, number>>, hidden: ReadonlySet<string>): Array<{ word: string, count: number, hidden: boolean }> {
  return [...byKey].map(([key, spellings]) => {
    let word = ''
    let most = 0
    let count = 0
    for (const [spelling, n] of spellings) {
      count += n
      if (n > most || (n === most && preferSpelling(spelling, word))) {
        word = spelling
        most = n
      }
    }
    return { word, count, hidden: hidden.has(key) }
  }).sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
}
