import type { PollDefinition } from '../core/polls/definition'
import type { PollProgress, PollResult, Tally } from '../core/protocol'
import { estimateBins as sharedEstimateBins } from '../core/polls/bins'

/**
 * Pure data shaping for the poll charts: no Vue, no DOM, so the numbers the
 * slides show (and read out to screen readers) are tested directly.
 */

type Def<K extends PollDefinition['kind']> = Extract<PollDefinition, { kind: K }>
type TallyOf<K extends Tally['kind']> = Extract<Tally, { kind: K }>

/** `part` of `whole` in whole percent (0 when nobody answered). */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

/**
 * Whole percentages that add up to exactly 100 (largest remainder), so a
 * single-choice chart never reads "33% + 33% + 33%". All zeros stay zeros.
 */
export function percentages(counts: readonly number[]): number[] {
  const sum = counts.reduce((a, b) => a + b, 0)
  if (sum <= 0)
    return counts.map(() => 0)
  const exact = counts.map(c => (c / sum) * 100)
  const floors = exact.map(Math.floor)
  let left = 100 - floors.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0)
      break
    floors[i]! += 1
    left--
  }
  return floors
}

export interface Bar {
  label: string
  count: number
  /** Shown next to the bar. */
  percent: number
  /** Bar length, 0..1 of the track. */
  fraction: number
}

/**
 * Choice: shares of all answers (they add to 100%). Multi: share of the
 * people who answered that ticked each option (they need not add to 100%).
 */
export function choiceBars(poll: Def<'choice' | 'multi'>, counts: readonly number[], total: number): Bar[] {
  const safe = poll.options.map((_, i) => Math.max(0, counts[i] ?? 0))
  if (poll.kind === 'choice') {
    const shares = percentages(safe)
    const sum = safe.reduce((a, b) => a + b, 0)
    return poll.options.map((label, i) => ({ label, count: safe[i]!, percent: shares[i]!, fraction: sum > 0 ? safe[i]! / sum : 0 }))
  }
  return poll.options.map((label, i) => ({
    label,
    count: safe[i]!,
    percent: percentOf(safe[i]!, total),
    fraction: total > 0 ? Math.min(1, safe[i]! / total) : 0,
  }))
}

export interface Bin {
  /** Inclusive lower edge. */
  from: number
  /** Exclusive upper edge, inclusive for the last bin. */
  to: number
  /** What the axis prints under the column. */
  label: string
  count: number
  /** Column height, 0..1 of the tallest column. */
  height: number
}

function heights<T extends { count: number }>(bins: T[]): Array<T & { height: number }> {
  const top = Math.max(0, ...bins.map(b => b.count))
  return bins.map(b => ({ ...b, height: top > 0 ? b.count / top : 0 }))
}

/** One column per scale point, `min..max`. */
export function scaleBins(poll: Def<'scale'>, counts: readonly number[]): Bin[] {
  const bins = Array.from({ length: poll.max - poll.min + 1 }, (_, i) => ({
    from: poll.min + i,
    to: poll.min + i,
    label: String(poll.min + i),
    count: Math.max(0, counts[i] ?? 0),
  }))
  return heights(bins)
}

export function formatNumber(x: number, unit = ''): string {
  const rounded = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10
  return `${rounded.toLocaleString('en-US')}${unit}`
}

/** The estimate histogram's columns: the shared bins with axis labels and heights. */
export function estimateBins(poll: Def<'estimate'>, values: readonly number[], maxBins = 10): Bin[] {
  return heights(sharedEstimateBins(poll, values, maxBins).map(bin => ({ ...bin, label: formatNumber(bin.from) })))
}

/** Where `value` sits along the estimate axis, 0..1 (clamped). */
export function axisPosition(poll: Def<'estimate'>, bins: readonly Bin[], value: number): number {
  const lo = bins[0]?.from ?? poll.min
  const hi = bins.at(-1)?.to ?? poll.max
  if (hi <= lo)
    return 0
  return Math.min(1, Math.max(0, (value - lo) / (hi - lo)))
}

export interface CloudWord {
  text: string
  count: number
  /** Font size in px. */
  size: number
}

export interface CloudOptions {
  /** @default 18 */
  minSize?: number
  /** @default 72 */
  maxSize?: number
  /** Most words drawn; the rest are too small to read anyway. @default 60 */
  limit?: number
}

/**
 * Visible words, most frequent first, sized by the square root of their
 * count (area grows with frequency, so one loud word does not drown the rest).
 */
export function cloudWords(words: TallyOf<'words'>['words'], options: CloudOptions = {}): CloudWord[] {
  const { minSize = 18, maxSize = 72, limit = 60 } = options
  const visible = words
    .filter(w => !w.hidden && w.count > 0)
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, limit)
  const top = visible[0]?.count ?? 1
  return visible.map((w) => {
    const t = top > 1 ? Math.sqrt((w.count - 1) / (top - 1)) : 1
    return { text: w.word, count: w.count, size: Math.round(minSize + (maxSize - minSize) * t) }
  })
}

/** Seeded so the same words always land in the same places. */
export { hashString as hashSeed, mulberry32 as seededRandom } from '../core/seeded'

export type TextAnswer = TallyOf<'text'>['answers'][number]

/** Open-text cards for a screen: hidden ones dropped, newest first (the server sends them oldest first, without times). */
export function wallCards(answers: readonly TextAnswer[], limit = 40): TextAnswer[] {
  return answers
    .filter(a => !a.hidden)
    .reverse()
    .slice(0, limit)
}

/**
 * The server sends a full snapshot each time (the latest round of every poll
 * this screen may see), so the map is rebuilt, never patched: a poll the
 * presenter hides again simply drops out of an audience screen's snapshot.
 */
export function resultsById(polls: readonly PollResult[]): Map<string, PollResult> {
  return new Map(polls.map(result => [result.poll.id, result]))
}

/**
 * Each poll's counts by id. A server from before `progress` sends none: the
 * results it sends stand in, so a revealed poll still says how many answered.
 */
export function progressById(progress: readonly PollProgress[] | undefined, polls: readonly PollResult[]): Map<string, PollProgress> {
  const out = new Map<string, PollProgress>()
  for (const r of polls)
    out.set(r.poll.id, { pollId: r.poll.id, round: r.round, status: r.status, total: r.total, revealed: r.revealed, private: r.poll.private === true })
  for (const p of progress ?? [])
    out.set(p.pollId, p)
  return out
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * One sentence per chart with every number in it: the text alternative that
 * screen readers get instead of the drawing.
 */
export function describeResult(result: PollResult): string {
  const { poll, tally, total } = result
  const head = `${poll.question} ${plural(total, 'answer')}.`
  if (total === 0)
    return `${head} No answers yet.`
  if ((tally.kind === 'choice' || tally.kind === 'multi') && (poll.kind === 'choice' || poll.kind === 'multi'))
    return `${head} ${choiceBars(poll, tally.counts, total).map(b => `${b.label}: ${b.count} (${b.percent}%)`).join('; ')}.`
  if (tally.kind === 'scale' && poll.kind === 'scale') {
    const cols = scaleBins(poll, tally.counts).map(b => `${b.label}: ${b.count}`).join('; ')
    const mean = tally.mean === null ? '' : ` Mean ${formatNumber(tally.mean)}.`
    return `${head} From ${poll.min} (${poll.minLabel}) to ${poll.max} (${poll.maxLabel}). ${cols}.${mean}`
  }
  if (tally.kind === 'estimate' && poll.kind === 'estimate') {
    const unit = poll.unit ?? ''
    const cols = estimateBins(poll, tally.values).filter(b => b.count > 0).map(b => `${formatNumber(b.from)} to ${formatNumber(b.to)}${unit}: ${b.count}`).join('; ')
    const stats = [
      tally.mean === null ? '' : `mean ${formatNumber(tally.mean, unit)}`,
      tally.median === null ? '' : `median ${formatNumber(tally.median, unit)}`,
    ].filter(Boolean).join(', ')
    return `${head} ${cols}.${stats ? ` Guesses: ${stats}.` : ''}`
  }
  if (tally.kind === 'words') {
    const words = cloudWords(tally.words)
    return `${head} ${words.map(w => `${w.text} (${w.count})`).join(', ')}.`
  }
  if (tally.kind === 'text')
    return `${head} ${plural(wallCards(tally.answers, Infinity).length, 'answer')} shown.`
  return head
}

/** A result with no answers, so a chart can show its empty axes before anyone votes. */
export function emptyResult(poll: PollDefinition): PollResult {
  const base = { poll, round: 0, status: 'closed' as const, revealed: false, openedAt: 0, closedAt: null, total: 0 }
  switch (poll.kind) {
    case 'choice':
    case 'multi':
      return { ...base, tally: { kind: poll.kind, counts: poll.options.map(() => 0) } }
    case 'scale':
      return { ...base, tally: { kind: 'scale', counts: Array.from<number>({ length: poll.max - poll.min + 1 }).fill(0), mean: null } }
    case 'estimate':
      return { ...base, tally: { kind: 'estimate', values: [], mean: null, median: null } }
    case 'words':
      return { ...base, tally: { kind: 'words', words: [] } }
    case 'text':
      return { ...base, tally: { kind: 'text', answers: [] } }
  }
}

/** "3.4 → 2.1": how a scale's mean moved between a before and an after round. */
export function meanShift(before: PollResult | null | undefined, after: PollResult | null | undefined): { before: number, after: number, delta: number } | null {
  const a = before?.tally
  const b = after?.tally
  if (a?.kind !== 'scale' || b?.kind !== 'scale' || a.mean === null || b.mean === null)
    return null
  return { before: a.mean, after: b.mean, delta: b.mean - a.mean }
}

export interface MarkerLabel {
  key: string
  /** Where the marker sits on the axis, 0..1. */
  at: number
  text: string
}

export interface LabelLayout {
  /** Width of one character as a share of the plot's width (labels are centred on their marker). */
  charWidth: number
  /** Padding and border of one label, as a share of the plot's width. */
  padding: number
}

/**
 * A row for each marker label (0 = top), so no two labels overlap: each goes
 * into the first row where it clears every label already there. Labels are
 * placed in the order given, so the first (the one that matters most) stays on top.
 * The default layout is generous for the slide's 1.2rem labels on a plot of
 * about 820 of the canvas's 980 px.
 */
export function markerRows(labels: readonly MarkerLabel[], layout: LabelLayout = { charWidth: 0.0145, padding: 0.025 }): Record<string, number> {
  const rows: Array<Array<{ from: number, to: number }>> = []
  const out: Record<string, number> = {}
  for (const label of labels) {
    const half = (label.text.length * layout.charWidth + layout.padding) / 2
    // Labels near an end are pushed inwards by the plot's edge; measure them where they land.
    const centre = Math.min(Math.max(label.at, half), 1 - half)
    const span = { from: centre - half, to: centre + half }
    let row = rows.findIndex(placed => placed.every(p => span.to <= p.from || span.from >= p.to))
    if (row < 0) {
      row = rows.length
      rows.push([])
    }
    rows[row]!.push(span)
    out[label.key] = row
  }
  return out
}

/**
 * The labels to draw: when the mean's and the median's would collide, one
 * label carries both ("Mean 46.6% · median 48%") at the mean, so the
 * estimate needs a row less above its columns. Both lines are still drawn.
 */
export function markerLabels(labels: readonly MarkerLabel[], layout?: LabelLayout): MarkerLabel[] {
  const mean = labels.find(l => l.key === 'mean')
  const median = labels.find(l => l.key === 'median')
  if (!mean || !median || markerRows([mean, median], layout).median === 0)
    return [...labels]
  const both = { ...mean, text: `${mean.text} · ${median.text.charAt(0).toLowerCase()}${median.text.slice(1)}` }
  return labels.filter(l => l !== median).map(l => l === mean ? both : l)
}
