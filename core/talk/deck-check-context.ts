import type { DeckProblem, SourceSlide, Talk } from './deck'
import type { KeyPath } from './deck-lines'
import { contentLine, keyLine, slideLine } from './deck-lines'

// What every rule of the deck check (core/talk/deck-check.ts) shares: its input, where lines are, the list it adds to.

export interface DeckCheckInput {
  /** What `readTalk` returned for this deck. */
  talk: Talk
  problems: readonly DeckProblem[]
  /** Every slide as Slidev's parser gives it; slide 1 holds the headmatter. */
  slides: readonly SourceSlide[]
  /** The file's text, so a problem in a slide's content (a blockquote, a note) names its own line. */
  markdown?: string
  /** The lines of the essay a blockquote may reproduce (core/talk/essay.ts). */
  essayLines: readonly string[]
  /** The live exercise the deck's `<ExerciseLive />` slide runs, to compare its minutes with. */
  exercise?: { source: string, minutes: (variant: number) => number }
}

export type Level = DeckProblem['level']

export interface Context {
  input: DeckCheckInput
  fileLines: readonly string[] | undefined
  lengths: number[]
  problems: DeckProblem[]
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function round(minutes: number): number {
  return Math.round(minutes * 100) / 100
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

export function lengthsText(lengths: readonly number[]): string {
  if (lengths.length <= 1)
    return lengths.join('')
  return `${lengths.slice(0, -1).join(', ')} and ${lengths.at(-1)}`
}

/** Edit distance, for "did you mean" suggestions on short names and for the closest essay line. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

export function closest(word: string, choices: readonly string[], within = 3): string | undefined {
  const wanted = word.toLowerCase()
  let best: { choice: string, score: number } | undefined
  for (const choice of choices) {
    const score = distance(wanted, choice.toLowerCase())
    if (score <= within && (!best || score < best.score))
      best = { choice, score }
  }
  return best?.choice
}

export function report(context: Context, level: Level, slide: number, line: number, message: string, fix: string): void {
  context.problems.push({ level, slide, line, message, fix })
}

export function source(context: Context, slide: number): SourceSlide {
  return context.input.slides[slide - 1] ?? { frontmatter: {} }
}

/** 1-based line of a frontmatter key on a slide, e.g. `['poll', 'kind']`. */
export function at(context: Context, slide: number, path: KeyPath): number {
  return keyLine(source(context, slide), path)
}

/** 1-based line of the first (or, with `last`, the final) line of a slide's text that passes `test`. */
export function contentAt(context: Context, number: number, test: (line: string) => boolean, last = false): number {
  const slides = context.input.slides
  const slide = source(context, number)
  const next = slides[number]?.start
  if (!last)
    return contentLine(context.fileLines, slide, next, test)
  // Notes sit at the end of a slide: search from the end so a same-looking content line is skipped.
  const lines = context.fileLines
  if (!lines || slide.start === undefined)
    return slideLine(slide)
  for (let i = Math.min(next ?? lines.length, lines.length) - 1; i > slide.start; i--) {
    if (test(lines[i]!))
      return i + 1
  }
  return slideLine(slide)
}
