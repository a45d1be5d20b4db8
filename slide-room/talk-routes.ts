import type { SourceSlide } from '../core/talk/deck'

/**
 * What Slidev's client knows of each slide, turned into the `SourceSlide`s
 * `readTalk` reads, so the browser and `npm run check` read the talk the same
 * way. Plain data in, plain data out: use-talk.ts feeds it Slidev's routes.
 *
 * A route's `meta.slide` (Slidev 53, node/virtual/slides.ts) carries the
 * slide's frontmatter as a reactive object that HMR updates in place, its
 * first heading (`title`), its frontmatter's YAML (`frontmatterRaw`, dev
 * server only) and `start`, the 0-based line of its `---` in slides.md.
 * Slides hidden for the other length are not routes at all.
 */

/** The part of a Slidev route read here; `meta.slide` stays unknown until checked. */
export interface RouteLike {
  no: number
  meta: { slide?: unknown }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function sourceSlideOf(route: RouteLike): SourceSlide {
  const slide = isRecord(route.meta.slide) ? route.meta.slide : {}
  return {
    frontmatter: isRecord(slide.frontmatter) ? slide.frontmatter : {},
    ...(typeof slide.title === 'string' ? { title: slide.title } : {}),
    ...(typeof slide.start === 'number' ? { start: slide.start } : {}),
    ...(typeof slide.frontmatterRaw === 'string' ? { frontmatterRaw: slide.frontmatterRaw } : {}),
  }
}

/**
 * The headmatter: slide 1's frontmatter, which HMR keeps current, as long as
 * it holds the `talk:` block; otherwise Slidev's resolved configs, where
 * custom headmatter keys end up too.
 */
export function headmatterOf(configs: unknown, first: SourceSlide | undefined): Record<string, unknown> {
  if (first && isRecord(first.frontmatter.talk))
    return first.frontmatter
  return isRecord(configs) ? configs : {}
}

/**
 * The deck file's name for messages (`slides.md`, `team-huddle.md`): Slidev's dev server puts
 * each slide's file path in its route; a build leaves it empty.
 */
export function deckFileOf(routes: readonly RouteLike[]): string {
  const slide = routes[0]?.meta.slide
  const path = isRecord(slide) && typeof slide.filepath === 'string' ? slide.filepath : ''
  return path.split(/[\\/]/).pop() || 'slides.md'
}
