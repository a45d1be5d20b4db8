import type { ExerciseConnection, RoomConnection, RoomState } from '../room-client/connection'
import type * as ExerciseChunk from './exercise-chunk'
import type { ExerciseUi } from './render-exercise'
import { h, replace } from './dom'

/**
 * The exercise screens come in a second chunk, so a phone on a slow link gets
 * the poll screens first. This stands in for them in the first chunk: it
 * loads the chunk (same origin, pinned by its hash) when the room runs an
 * exercise, or earlier once the page is connected and idle, and until it is
 * there says so, with a retry when it cannot be fetched.
 */

/** The global the chunk's IIFE assigns (build.ts passes it to esbuild as `globalName`). */
export const EXERCISE_CHUNK_GLOBAL = '__roomExerciseChunk'

export interface ChunkRef {
  /** Same-origin URL of the chunk, e.g. `/join/exercise.3f9a….js`. */
  src: string
  /** Subresource Integrity of its bytes: a changed or truncated chunk never runs. */
  integrity: string
}

export interface LazyExerciseOptions {
  /** Where the chunk is; null when the page was built without it (then every exercise shows the failure). */
  chunk: ChunkRef | null
  /** Draw the page again (the chunk has arrived, or its status changed). */
  rerender: () => void
  /** Fetch the chunk once the socket is open and the page idle, before any exercise needs it. */
  prefetch?: boolean
  /** How long one attempt may take before the page offers a retry. */
  timeoutMs?: number
}

type Status = 'idle' | 'loading' | 'failed' | 'ready'

const FAILED = {
  network: 'This phone could not fetch the exercise screens from the laptop. Check that you are on the workshop’s Wi-Fi, then try again. Your answers are kept.',
  browser: 'This phone’s browser could not run the exercise screens. Try again, or open this page in another browser (an up-to-date Safari or Chrome). Your answers are kept.',
}

/** Waits after the first welcome before prefetching, so it never competes with joining. */
const PREFETCH_DELAY_MS = 2000

export function createLazyExerciseUi(connection: RoomConnection & ExerciseConnection, announce: (text: string) => void, options: LazyExerciseOptions): ExerciseUi {
  const root = h('div', { class: 'ex-loader' })
  const timeoutMs = options.timeoutMs ?? 30_000
  let status: Status = 'idle'
  let real: ExerciseUi | null = null
  let wanted = false
  /** Why the last attempt failed: the file never came, or it came and did not run here. */
  let cause: keyof typeof FAILED = 'network'
  /** What is drawn in `root` while the chunk is not there: nothing, the loading note or the failure and its cause. */
  let drawn = 'none'

  function loaded(): typeof ExerciseChunk | null {
    const chunk = (window as unknown as Record<string, unknown>)[EXERCISE_CHUNK_GLOBAL] as Partial<typeof ExerciseChunk> | undefined
    return typeof chunk?.createExerciseUi === 'function' ? chunk as typeof ExerciseChunk : null
  }

  /** Redraw after the current call stack: these changes can come from inside a render. */
  const rerender = (): void => {
    void Promise.resolve().then(options.rerender)
  }

  function ready(chunk: typeof ExerciseChunk): void {
    if (real)
      return
    status = 'ready'
    real = chunk.createExerciseUi(connection, announce)
    drawn = 'none'
    replace(root, real.root)
    rerender()
  }

  /** One attempt: a script element, settled by its load, its error or the timeout, whichever comes first. */
  function load(quiet: boolean): void {
    const present = loaded()
    if (present)
      return ready(present)
    if (status === 'loading' || status === 'ready')
      return
    if (!options.chunk)
      return fail(quiet)
    status = 'loading'
    const script = document.createElement('script')
    script.src = options.chunk.src
    script.integrity = options.chunk.integrity
    script.async = true
    let settled = false
    const timer = setTimeout(() => {
      cause = 'network'
      settle()
    }, timeoutMs)
    function settle(): void {
      clearTimeout(timer)
      // Also after a timeout: a chunk that arrives late is as good.
      const chunk = loaded()
      if (chunk)
        return ready(chunk)
      if (settled)
        return
      settled = true
      fail(quiet)
    }
    script.addEventListener('load', () => {
      // Fetched, but it did not set up (a script error in an old browser).
      cause = 'browser'
      settle()
    })
    script.addEventListener('error', () => {
      cause = 'network'
      script.remove()
      settle()
    })
    document.head.appendChild(script)
  }

  function fail(quiet: boolean): void {
    // A prefetch that failed is not news: the exercise tries again when it starts.
    status = quiet && !wanted ? 'idle' : 'failed'
    if (status !== 'failed')
      return
    announce(`The exercise screens did not load. ${cause === 'network' ? 'Check the Wi-Fi, then tap Try again.' : 'Tap Try again, or use another browser.'}`)
    rerender()
  }

  function draw(next: 'none' | 'loading' | 'failed'): void {
    const key = next === 'failed' ? `failed:${cause}` : next
    if (drawn === key)
      return
    const hadFocus = root.contains(document.activeElement)
    drawn = key
    if (next === 'none') {
      replace(root)
      return
    }
    const heading = h('h1', { class: 'waiting-title', tabindex: -1 }, next === 'loading' ? 'The exercise is starting…' : 'The exercise didn’t load')
    if (next === 'loading') {
      replace(root, h('section', { class: 'waiting' }, h('div', { 'class': 'waiting-art', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')), heading, h('p', { class: 'waiting-text' }, 'Getting its screens from the laptop. This takes a moment on a slow network.')))
    }
    else {
      const retry = h('button', { type: 'button', class: 'button primary' }, 'Try again')
      retry.addEventListener('click', () => {
        load(false)
        rerender()
      })
      replace(root, h('section', { class: 'waiting' }, heading, h('p', { class: 'waiting-text' }, FAILED[cause]), h('div', { class: 'actions' }, retry)))
    }
    if (hadFocus)
      heading.focus()
  }

  let prefetchScheduled = false
  function schedulePrefetch(): void {
    if (prefetchScheduled || options.prefetch === false)
      return
    prefetchScheduled = true
    setTimeout(() => {
      const run = (): void => load(true)
      // Safari has no requestIdleCallback: there the delay alone has to do.
      if (typeof window.requestIdleCallback === 'function')
        window.requestIdleCallback(run, { timeout: 5000 })
      else
        run()
    }, PREFETCH_DELAY_MS)
  }

  connection.on('status', (next) => {
    if (next !== 'open')
      return
    schedulePrefetch()
    // Back online after a failed attempt: try again without waiting for a tap.
    if (status === 'failed' && wanted)
      load(false)
  })

  return {
    root,
    render(state: RoomState) {
      if (real)
        return real.render(state)
      wanted = Boolean(state.exercise)
      if (!wanted) {
        draw('none')
        return false
      }
      if (status === 'idle')
        load(false)
      // A poll open meanwhile (the closing one after the exercise) takes the phone while this loads.
      if (state.current?.status === 'open') {
        draw('none')
        return false
      }
      draw(status === 'failed' ? 'failed' : 'loading')
      return true
    },
    tick() {
      real?.tick()
    },
    settle(requestId, outcome) {
      return real?.settle(requestId, outcome) ?? false
    },
  }
}
