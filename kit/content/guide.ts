import type { PollDefinition } from '../../core/polls/definition'
import type { Talk } from '../../core/talk/deck'
import type { CitedStudy } from '../../core/talk/evidence'
import type { WorkshopSettings } from '../../core/talk/settings'
import type { DeckSection, DeckSlide, SourceSlide } from './deck'
import type { ExerciseGuide } from './exercise'
import type { RunOfShow } from './run-of-show'
import { variantLengths } from '../../core/talk/deck'
import { slideCites, studiesCitedBy } from '../../core/talk/evidence'
import { paperFallback } from '../../core/talk/poll-display'
import { deckCitations, deckSlides, groupBySection, referencesOf } from './deck'
import { exerciseGuide } from './exercise'
import { defaultOutcomes } from './guide-text'
import { DEFAULT_START, runOfShow } from './run-of-show'

/** One page of the exported slides PDF: what the audience sees on that slide. */
export interface SlidePage {
  number: number
  /** The page's text, line by line, as pdf.js reads it. */
  lines: string[]
  /** A thumbnail as a data URL. */
  image: string
}

/**
 * Joins the lines a slide wrapped for width back into sentences: a line that
 * starts in lower case, or follows a line ending in a hyphen, continues the
 * line above. Lines the slide set apart (headings, list items) stay apart.
 */
export function joinWrappedLines(lines: readonly string[]): string[] {
  const joined: string[] = []
  for (const line of lines) {
    const last = joined.at(-1)
    if (last !== undefined && /[-‑]$/u.test(last))
      joined[joined.length - 1] = `${last}${line}`
    else if (last !== undefined && /^\p{Ll}/u.test(line))
      joined[joined.length - 1] = `${last} ${line}`
    else
      joined.push(line)
  }
  return joined
}

export interface GuideInput {
  /** The deck's title from the headmatter. */
  title: string
  /** The deck file as the facilitator names it, e.g. `slides.md`. @default 'slides.md' */
  file?: string
  /** The talk's structure, read from the deck's frontmatter. */
  talk: Talk
  sources: readonly SourceSlide[]
  settings: WorkshopSettings
  /** The variant's slides as exported, page n for slide n; without them the script prints no thumbnails. */
  pages?: readonly SlidePage[]
}

export interface EvidenceBrief extends CitedStudy {
  /** The slide that shows the study in this variant, or null when the variant leaves it out. */
  slideNumber: number | null
}

export interface GuidePoll {
  number: number
  at: string
  poll: PollDefinition
  fallback: string
}

export interface GuideContent {
  title: string
  /** The deck file as the facilitator names it, e.g. `slides.md`. */
  file: string
  settings: WorkshopSettings
  /** Every length the deck runs, in minutes, shortest first. */
  lengths: number[]
  start: string
  /** The purpose slide's list (the kit's own list when the deck has none): what people leave with. */
  outcomes: string[]
  runOfShow: RunOfShow
  script: DeckSection[]
  /** Slide pages by slide number, when the slides were exported first. */
  pages: Map<number, SlidePage>
  evidence: EvidenceBrief[]
  polls: GuidePoll[]
  exercise: ExerciseGuide & { slideNumber: number | null, at: string | null }
  /** Slides of the variant that have no speaker notes in slides.md (yet). */
  withoutNotes: string[]
}

function startOf(slide: DeckSlide | undefined, show: RunOfShow): string | null {
  if (!slide)
    return null
  return show.blocks.flatMap(block => block.rows).find(row => row.slideId === slide.id)?.start ?? null
}

/** The slide that shows a study: its own evidence slide, else the first slide whose references name it (a poll's reveal). */
export function studySlide(study: CitedStudy, slides: readonly DeckSlide[]): DeckSlide | undefined {
  return slides.find(slide => slide.id === study.slideId) ?? slides.find(slide => slideCites(referencesOf(slide), study))
}

/** Everything the facilitator guide prints, derived from the deck's frontmatter, slides and notes for one variant. */
export function guideContent(input: GuideInput): GuideContent {
  const { settings, talk } = input
  const slides = deckSlides(talk, input.sources, settings.variant)
  const start = settings.start ?? DEFAULT_START
  const show = runOfShow(talk, settings.variant, slides, start)
  const rounds = slides.find(slide => slide.runsExercise) ?? slides.find(slide => slide.id === 'exercise-rounds')
  return {
    title: input.title,
    file: input.file ?? 'slides.md',
    settings,
    lengths: variantLengths(talk),
    start,
    outcomes: slides.find(slide => slide.id === 'purpose' && slide.listItems.length > 0)?.listItems ?? [...defaultOutcomes],
    runOfShow: show,
    script: groupBySection(slides),
    pages: new Map((input.pages ?? []).map(page => [page.number, { ...page, lines: joinWrappedLines(page.lines) }])),
    // The studies the deck cites in any length; the ones this length leaves out say so.
    evidence: studiesCitedBy(deckCitations(input.sources)).map(study => ({ ...study, slideNumber: studySlide(study, slides)?.number ?? null })),
    polls: slides.flatMap(slide => slide.poll
      ? [{ number: slide.number, at: startOf(slide, show) ?? '', poll: slide.poll, fallback: paperFallback(slide.poll) }]
      : []),
    exercise: { ...exerciseGuide(settings.variant), slideNumber: rounds?.number ?? null, at: startOf(rounds, show) },
    withoutNotes: slides.filter(slide => slide.cues.length === 0).map(slide => slide.id),
  }
}
