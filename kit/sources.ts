import type { DeckProblem, SourceSlide, Talk } from '../core/talk/deck'
import type { WorkshopSettings } from '../core/talk/settings'
import { readFileSync } from 'node:fs'
import { variantLengths } from '../core/talk/deck'
import { checkDeck } from '../core/talk/deck-check'
import { essay, essayLines } from '../core/talk/essay'
import { exerciseMinutes } from '../core/talk/exercise'
import { resolveWorkshop, SettingsError } from '../core/talk/settings'
import { DEFAULT_DECK, loadDeck } from '../room/deck-file'

export interface DeckSources {
  /** Absolute path of the deck file. */
  path: string
  /** The deck file as a facilitator names it: relative to where the command runs, e.g. `slides.md`. */
  file: string
  title: string
  settings: WorkshopSettings
  /** The talk's structure (lengths, agenda, sections, every slide's minutes and poll), read from the deck. */
  talk: Talk
  sources: SourceSlide[]
  /** What the deck check (`npm run check`'s rules) found; errors stop the export (see DeckNotReadyError). */
  problems: DeckProblem[]
}

/** The deck has errors the check reports: the kit would print a talk that cannot run. */
export class DeckNotReadyError extends Error {
  override name = 'DeckNotReadyError'
  constructor(readonly file: string, readonly problems: readonly DeckProblem[]) {
    const errors = problems.filter(problem => problem.level === 'error')
    const lines = errors.map(problem => `${file}:${problem.line || 1}  ${problem.message}\n    fix: ${problem.fix}`)
    super(`${file} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}, so nothing was written:\n${lines.join('\n')}\nFix ${errors.length === 1 ? 'it' : 'them'} and export again (\`npm run check\` lists every problem).`)
  }
}

/**
 * Reads a deck file the way Slidev does (`@slidev/parser`, through room/deck-file.ts),
 * with its Talk and every problem `npm run check` would report (the same rules, so the
 * kit refuses what `npm run export` refuses), and resolves the `workshop:` block;
 * a variant given on the command line wins, as it does for the deck, and must be
 * one of the lengths the deck declares.
 */
export async function readDeck(options: { path?: string, variant?: string } = {}): Promise<DeckSources> {
  const deck = loadDeck(options.path ?? DEFAULT_DECK)
  const { headmatter, talk } = deck
  const lengths = variantLengths(talk)
  // Said as the facilitator typed it (`--variant`), naming this deck's lengths and where they are declared.
  const asked = options.variant?.trim()
  if (asked && lengths.length > 0 && !lengths.includes(Number(asked)))
    throw new SettingsError(`--variant ${JSON.stringify(options.variant)} is not one of this deck's lengths. This deck runs ${lengths.join(', ')} (minutes, from talk.variants in ${deck.shownPath}).`)
  const settings = resolveWorkshop(headmatter.workshop, { WORKSHOP_VARIANT: options.variant }, lengths)
  const title = typeof headmatter.title === 'string' && headmatter.title.trim() ? headmatter.title.trim() : essay.title
  const problems = checkDeck({ ...deck, markdown: readFileSync(deck.path, 'utf8'), essayLines, exercise: { source: 'exercises/ask-offer.ts', minutes: exerciseMinutes } })
  return { path: deck.path, file: deck.shownPath, title, settings, talk, sources: deck.slides, problems }
}
