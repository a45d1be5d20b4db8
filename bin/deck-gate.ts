/**
 * The deck check as the commands run it: `npm run check` prints every problem,
 * `npm start` and `npm run export` run the same check first and refuse a deck
 * with errors, with the same messages, before they start anything. A deck
 * never starts half-broken.
 */
import type { DeckProblem } from '../core/talk/deck'
import type { LoadedDeck } from '../room/deck-file'
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { checkDeck, deckSummary } from '../core/talk/deck-check'
import { essayLines } from '../core/talk/essay'
import { exerciseMinutes } from '../core/talk/exercise'
import { DeckFileError, loadDeck } from '../room/deck-file'

export interface CheckedDeck extends LoadedDeck {
  /** Everything the check found, readTalk's problems included, in file order. */
  problems: DeckProblem[]
  errors: number
  warnings: number
}

/** The exercise `<ExerciseLive />` runs, whose schedule the exercise slide's minutes must match. */
const EXERCISE = { source: 'exercises/ask-offer.ts', minutes: (variant: number) => exerciseMinutes(variant) }

/** Loads and checks a deck file; a file that cannot be read throws DeckFileError. */
export function checkDeckFile(path?: string): CheckedDeck {
  const deck = loadDeck(path)
  const problems = checkDeck({ ...deck, markdown: readFileSync(deck.path, 'utf8'), essayLines, exercise: EXERCISE })
  const errors = problems.filter(problem => problem.level === 'error').length
  return { ...deck, problems, errors, warnings: problems.length - errors }
}

/** `slides.md:12  error  message` and its indented fix, as editors and terminals link `file:line`. */
export function formatProblem(problem: DeckProblem, file: string): string {
  const where = problem.line > 0 ? `${file}:${problem.line}` : file
  const fix = problem.fix.split('\n').map((line, index) => index === 0 ? `    fix: ${line}` : `         ${line}`).join('\n')
  return `${where}  ${problem.level}  ${problem.message}\n${fix}`
}

/** `slides.md: 3 warnings; \`npm run check\` lists them.`, or null when there are none. */
export function warningsLine(deck: CheckedDeck): string | null {
  if (deck.warnings === 0)
    return null
  const command = `npm run check${deck.shownPath === 'slides.md' ? '' : ` -- ${deck.shownPath}`}`
  return `${deck.shownPath}: ${deck.warnings === 1 ? '1 warning' : `${deck.warnings} warnings`}; \`${command}\` lists ${deck.warnings === 1 ? 'it' : 'them'}.`
}

/** The whole report `npm run check` prints: each problem, then one summary line. */
export function formatReport(deck: CheckedDeck): string {
  const body = deck.problems.map(problem => formatProblem(problem, deck.shownPath)).join('\n\n')
  return `${body ? `${body}\n\n` : ''}${deckSummary(deck.talk, deck.problems, deck.shownPath)}`
}

/**
 * Checks the deck before a command starts anything: errors are printed (as `npm run check`
 * prints them) and the process exits 1; warnings are counted in one line (`warningsLine`),
 * now or, with `announceWarnings: false`, wherever the command prints it. Returns the deck.
 */
export function gateDeck(path: string | undefined, command: string, options: { announceWarnings?: boolean } = {}): CheckedDeck {
  let deck: CheckedDeck
  try {
    deck = checkDeckFile(path)
  }
  catch (error) {
    if (!(error instanceof DeckFileError))
      throw error
    console.error(`\n  ${error.message}\n`)
    process.exit(1)
  }
  if (deck.errors > 0) {
    const errors = deck.problems.filter(problem => problem.level === 'error')
    console.error(`\n${errors.map(problem => formatProblem(problem, deck.shownPath)).join('\n\n')}\n`)
    console.error(`${deckSummary(deck.talk, deck.problems, deck.shownPath)} ${command} did not start: fix the ${errors.length === 1 ? 'error' : 'errors'} above, then \`npm run check${deck.shownPath === 'slides.md' ? '' : ` -- ${deck.shownPath}`}\` shows what is left.\n`)
    process.exit(1)
  }
  if (options.announceWarnings !== false && deck.warnings > 0)
    console.log(`\n  ${warningsLine(deck)}`)
  return deck
}
