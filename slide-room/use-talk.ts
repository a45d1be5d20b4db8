import type { ComputedRef } from 'vue'
import type { DeckProblem, Talk } from '../core/talk/deck'
import { configs, useNav } from '@slidev/client'
import { computed, effectScope } from 'vue'
import { readTalk } from '../core/talk/deck'
import { deckFileOf, headmatterOf, sourceSlideOf } from './talk-routes'

/**
 * The talk as the running deck has it: `readTalk` over Slidev's own routes,
 * computed, so saving slides.md (Slidev's HMR updates each route's
 * frontmatter in place) flows into every poll and the agenda at once.
 *
 * Only the running length's slides are routes (the preparser hides the
 * others), so `TalkSlide.number` is the route's number here, not the
 * position in slides.md; `line` is still the line in slides.md. The other
 * length's sums do not add up in the browser: that is expected, and
 * `npm run check` reads the whole file.
 */
export interface DeckTalk {
  talk: Talk
  problems: DeckProblem[]
  /** The deck file's name, for messages that say where to fix something. */
  file: string
}

let shared: ComputedRef<DeckTalk> | undefined

/** One computed for every slide that asks; call it in a component's setup. */
export function useTalk(): ComputedRef<DeckTalk> {
  if (shared)
    return shared
  const routes = useNav().slides
  // Detached: the first slide to ask may unmount, the talk stays computed for the others.
  shared = effectScope(true).run(() => computed(() => {
    const slides = routes.value.map(sourceSlideOf)
    return { ...readTalk(headmatterOf(configs, slides[0]), slides), file: deckFileOf(routes.value) }
  }))!
  return shared
}
