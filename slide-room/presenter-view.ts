/**
 * Whether a screen is the facilitator's, as a pure decision over Slidev's
 * facts (use-presenter-view.ts feeds it), so it is tested without a browser.
 */

/** Slidev's render contexts, as plain strings so the decision stays a pure function. */
export interface PresenterViewFacts {
  printing: boolean
  /** Slidev's `isPresenter`: the route is `/presenter/...`. */
  presenterRoute: boolean
  /** The slide's render context, or null for the global layers, which sit outside any slide. */
  renderContext: string | null
}

export function isPresenterView(facts: PresenterViewFacts): boolean {
  if (facts.printing || !facts.presenterRoute)
    return false
  // Global layers render once per SlidesShow, which in the presenter page is the main slide.
  return facts.renderContext === null || facts.renderContext === 'presenter'
}
