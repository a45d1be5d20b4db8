/**
 * The part of `@slidev/client` this project uses, typed for `vue-tsc`.
 *
 * Slidev publishes its client as TypeScript source that relies on build-time
 * globals and looser compiler settings than ours, so type-checking it under
 * `strict` + `noUncheckedIndexedAccess` reports dozens of errors in
 * node_modules. tsconfig.json maps the module here instead; Vite still
 * resolves the real package at run time. Signatures follow
 * @slidev/client 53.0.0 (composables/useNav.ts, context.ts, env.ts).
 */
import type { RenderContext, SlideRoute, SlidevConfig } from '@slidev/types'
import type { ComputedRef, Ref, ShallowRef } from 'vue'

export const configs: SlidevConfig & { slidesTitle: string, workshop?: unknown }

export interface SlidevNav {
  slides: ShallowRef<SlideRoute[]>
  total: ComputedRef<number>
  currentPage: ComputedRef<number>
  currentSlideNo: ComputedRef<number>
  currentSlideRoute: ComputedRef<SlideRoute>
  currentLayout: ComputedRef<string>
  clicks: ComputedRef<number>
  hasNext: ComputedRef<boolean>
  hasPrev: ComputedRef<boolean>
  isPrintMode: ComputedRef<boolean>
  isPrintWithClicks: Ref<boolean>
  isEmbedded: ComputedRef<boolean>
  isPlaying: ComputedRef<boolean>
  isPresenter: ComputedRef<boolean>
  isNotesViewer: ComputedRef<boolean>
  next: () => Promise<void>
  prev: () => Promise<void>
  go: (no: number | string, clicks?: number) => Promise<void>
  goFirst: () => Promise<void>
  goLast: () => Promise<void>
}

export function useNav(): SlidevNav

export interface SlideContext {
  $slidev: { nav: SlidevNav, configs: typeof configs }
  $nav: ComputedRef<SlidevNav>
  $page: ComputedRef<number>
  $renderContext: ComputedRef<RenderContext>
  $frontmatter: Record<string, unknown>
  $clicks: ComputedRef<number>
}

export function useSlideContext(): SlideContext

export function onSlideEnter(callback: () => void): void
export function onSlideLeave(callback: () => void): void
export function useIsSlideActive(): ComputedRef<boolean>

declare module 'vue' {
  interface ComponentCustomProperties {
    $slidev: SlideContext['$slidev']
    $nav: SlidevNav
    $page: number
    $renderContext: RenderContext
    $frontmatter: Record<string, unknown>
    $clicks: number
  }
}
