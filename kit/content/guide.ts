import type { PollDefinition } from '../../core/polls/definition'
import type { WorkshopSettings } from '../../core/talk/settings'
import type { DeckSection, DeckSlide, SourceSlide } from './deck'
import type { ExerciseGuide } from './exercise'
import type { RunOfShow } from './run-of-show'
import { paperFallback } from '../../core/talk/poll-display'
import { deckSlides, groupBySection } from './deck'
import { exerciseGuide } from './exercise'
import { DEFAULT_START, runOfShow } from './run-of-show'

export interface GuideInput {
  /** The deck's title from the headmatter. */
  title: string
  sources: readonly SourceSlide[]
  settings: WorkshopSettings
}

export interface GuidePoll {
  number: number
  at: string
  poll: PollDefinition
  fallback: string
}

export interface GuideContent {
  title: string
  settings: WorkshopSettings
  start: string
  /** The purpose slide's list: what people leave with. */
  outcomes: string[]
  runOfShow: RunOfShow
  script: DeckSection[]
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

/** Everything the facilitator guide prints, derived from the outline and slides.md for one variant. */
export function guideContent(input: GuideInput): GuideContent {
  const { settings } = input
  const slides = deckSlides(input.sources, settings.variant)
  const start = settings.start ?? DEFAULT_START
  const show = runOfShow(slides, start)
  const rounds = slides.find(slide => slide.id === 'exercise-rounds')
  return {
    title: input.title,
    settings,
    start,
    outcomes: slides.find(slide => slide.id === 'purpose')?.listItems ?? [],
    runOfShow: show,
    script: groupBySection(slides),
    polls: slides.flatMap(slide => slide.poll
      ? [{ number: slide.number, at: startOf(slide, show) ?? '', poll: slide.poll, fallback: paperFallback(slide.poll) }]
      : []),
    exercise: { ...exerciseGuide(settings.variant), slideNumber: rounds?.number ?? null, at: startOf(rounds, show) },
    withoutNotes: slides.filter(slide => slide.cues.length === 0).map(slide => slide.id),
  }
}
