import type { ComputedRef } from 'vue'
import { useNav, useSlideContext } from '@slidev/client'
import { computed } from 'vue'
import { isPresenterView } from './presenter-view'

/**
 * The one place that decides whether this screen is the facilitator's.
 *
 * Holding the presenter secret is not enough: in the usual one-laptop setup
 * the projector window runs in the same browser as the presenter view, so it
 * carries the same cookie and the same stored secret. What tells the two
 * apart is Slidev's route: only `/presenter` is the facilitator's window, and
 * inside it only the main slide (not the "next slide" preview) gets controls.
 * Print and export are never the presenter view.
 */

export interface UsePresenterViewOptions {
  /**
   * `slide` inside a slide's component (the default), `global` in global-top.vue,
   * which has no slide context to ask.
   * @default 'slide'
   */
  where?: 'slide' | 'global'
}

/**
 * True only in the presenter view's main slide: controls, facilitator-only
 * counts, private themes and presenter notices render there and nowhere else,
 * whatever this browser has stored. Call it in a component's setup.
 */
export function usePresenterView(options: UsePresenterViewOptions = {}): ComputedRef<boolean> {
  const nav = useNav()
  const renderContext = options.where === 'global' ? null : useSlideContext().$renderContext
  return computed(() => isPresenterView({
    printing: nav.isPrintMode.value,
    presenterRoute: nav.isPresenter.value,
    renderContext: renderContext ? renderContext.value : null,
  }))
}
