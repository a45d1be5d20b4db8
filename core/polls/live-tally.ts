import type { Tally } from '../protocol'
import type { NormalizedAnswer } from './answer'
import type { PollDefinition } from './definition'
import type { TallyResult } from './tally'
import { matchKey } from '../text'
import { validateAnswer } from './answer'
import { rankWords } from './tally'
import { textKey } from './text-key'

/** One stored vote row as the live tally needs it: whose it is, its value as stored, when last written. */
export interface LiveVoteRow {
  participantId: string
  value: unknown
  at: number
}

interface Counted {
  value: NormalizedAnswer
  at: number
}

/** Index of the first element of `sorted` that is not below `x`. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < x)
      lo = mid + 1
    else
      hi = mid
  }
  return lo
}

/**
 * One round's tally kept up to date vote by vote, so a screen's results cost
 * O(options) instead of a pass over every row. It must always equal
 * `tally(def, rows, hiddenKeys)` over the round's stored rows: every value goes
 * through the same `validateAnswer` (a row that no longer fits is held but not
 * counted), and whatever `tally` derives in an order-sensitive way (an
 * estimate's mean, the text wall's order) is derived here the same way, at
 * read time. The caller feeds it only rows that are committed.
 */
export class LiveTally {
  readonly def: PollDefinition
  private readonly hidden: ReadonlySet<string>
  /** Every participant with a row: their counted value, or null for a row that does not fit. */
  private readonly rows = new Map<string, Counted | null>()
  private counts: number[] = []
  private sum = 0
  /** Estimates, ascending. */
  private readonly sorted: number[] = []
  /** Words: match key → spelling → how many phones sent it. */
  private readonly words = new Map<string, Map<string, number>>()
  private cached: TallyResult | null = null

  constructor(def: PollDefinition, hiddenKeys: ReadonlySet<string> = new Set(), rows: Iterable<LiveVoteRow> = []) {
    this.def = def
    this.hidden = new Set([...hiddenKeys].map(matchKey))
    if (def.kind === 'choice' || def.kind === 'multi')
      this.counts = Array.from<number>({ length: def.options.length }).fill(0)
    else if (def.kind === 'scale')
      this.counts = Array.from<number>({ length: def.max - def.min + 1 }).fill(0)
    for (const row of rows)
      this.set(row.participantId, row.value, row.at)
  }

  /** Rows held, counted or not (what a progress count shows). */
  get size(): number {
    return this.rows.size
  }

  /** A participant's row was written (first vote or a change): replace what they had. */
  set(participantId: string, value: unknown, at: number): void {
    const before = this.rows.get(participantId)
    if (before)
      this.apply(before.value, -1)
    const check = validateAnswer(this.def, value)
    const now = check.ok ? { value: check.value, at } : null
    if (now)
      this.apply(now.value, +1)
    this.rows.set(participantId, now)
    this.cached = null
  }

  private apply(value: NormalizedAnswer, sign: 1 | -1): void {
    const def = this.def
    switch (def.kind) {
      case 'choice':
      case 'multi':
        for (const i of Array.isArray(value) ? value : [value]) {
          if (typeof i === 'number')
            this.counts[i] = (this.counts[i] ?? 0) + sign
        }
        return
      case 'scale': {
        const x = value as number
        this.counts[x - def.min] = (this.counts[x - def.min] ?? 0) + sign
        // Integers: the running sum is exact, so its mean is the one tally() computes.
        this.sum += sign * x
        return
      }
      case 'estimate': {
        const x = value as number
        const at = lowerBound(this.sorted, x)
        if (sign > 0)
          this.sorted.splice(at, 0, x)
        else
          this.sorted.splice(at, 1)
        return
      }
      case 'words':
        for (const word of value as string[]) {
          const key = matchKey(word)
          const spellings = this.words.get(key) ?? new Map<string, number>()
          const n = (spellings.get(word) ?? 0) + sign
          if (n > 0)
            spellings.set(word, n)
          else
            spellings.delete(word)
          if (spellings.size > 0)
            this.words.set(key, spellings)
          else
            this.words.delete(key)
        }
        break
      case 'text':
        // Kept in `rows`; its order (first given) is derived when read.
        break
    }
  }

  /** The round's results; computed once per change, however many screens ask. */
  result(): TallyResult {
    this.cached ??= this.compute()
    return this.cached
  }

  private compute(): TallyResult {
    const def = this.def
    let total = 0
    for (const row of this.rows.values()) {
      if (row)
        total++
    }
    switch (def.kind) {
      case 'choice':
      case 'multi':
        return { tally: { kind: def.kind, counts: [...this.counts] }, total }
      case 'scale':
        return { tally: { kind: 'scale', counts: [...this.counts], mean: total === 0 ? null : this.sum / total }, total }
      case 'estimate': {
        // Summed in ascending order, as tally() sums them: floating-point sums depend on order.
        const values = [...this.sorted]
        let sum = 0
        for (const x of values)
          sum += x
        const n = values.length
        const mid = n >> 1
        const median = n === 0 ? null : n % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2
        return { tally: { kind: 'estimate', values, mean: n === 0 ? null : sum / n, median }, total }
      }
      case 'words': {
        const words = rankWords(this.words, this.hidden)
        return { tally: { kind: 'words', words }, total }
      }
      case 'text':
        return { tally: this.textWall(), total }
    }
  }

  /**
   * First given first, as tally() orders the rows the database returns
   * (`ORDER BY updated_at, participant_id`): by time, then participant id.
   * The room issues base64url ids, whose code-unit order is SQLite's byte order.
   */
  private textWall(): Tally {
    const ordered: Array<{ id: string, text: string, at: number }> = []
    for (const [id, row] of this.rows) {
      if (row)
        ordered.push({ id, text: row.value as string, at: row.at })
    }
    ordered.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const byKey = new Map<string, { key: string, text: string, count: number, hidden: boolean }>()
    for (const { text } of ordered) {
      const key = textKey(text)
      const entry = byKey.get(key)
      if (entry)
        entry.count++
      else
        byKey.set(key, { key, text, count: 1, hidden: this.hidden.has(key) })
    }
    return { kind: 'text', answers: [...byKey.values()] }
  }
}
