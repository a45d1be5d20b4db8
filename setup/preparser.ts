import process from 'node:process'
import { definePreparserSetup } from '@slidev/types'
import { lengthsOf, resolveVariant } from '../core/talk/settings'
import { notesMarkdown } from './note-cues'

// A markdown blockquote line; the deck sets essay lines, and only essay lines, as blockquotes.
const BLOCKQUOTE = /^\s*>\s?\S/m

/** A slide's minutes in one length: `minutes: 2` is every length, `minutes: { 60: 1 }` one each. */
function minutesIn(minutes: unknown, variant: number): number {
  if (typeof minutes === 'number')
    return minutes
  const value = isRecord(minutes) ? minutes[variant] : undefined
  return typeof value === 'number' ? value : 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Picks the run's length (one of `talk.variants`) before Slidev sees the slides: slides with no
 * minutes in it are hidden (Slidev then drops them), and the resolved variant is written back
 * into the headmatter so components read it from `$slidev.configs.workshop.variant`; the
 * presenter timer becomes a countdown of the run's length.
 *
 * It also marks each slide that quotes the essay (`essayQuote`, which the layouts turn into the
 * "From the essay" credit) and rewrites the speaker notes one cue per paragraph, without the
 * cues tagged for the other length.
 */
export default definePreparserSetup(({ headmatter }) => {
  const workshop = isRecord(headmatter.workshop) ? headmatter.workshop : {}
  // Throwing here stops `slidev` with the message instead of serving a blank deck.
  const variant = resolveVariant(workshop.variant, process.env.WORKSHOP_VARIANT, lengthsOf(headmatter))
  let slideNumber = 0
  // Hidden slides never reach the browser, which reads the talk from the routes that remain
  // (slide-room/use-talk.ts): a slide that inherits its section or block names it there.
  const inherited: Record<'section' | 'block', unknown> = { section: undefined, block: undefined }

  return [
    {
      name: 'workshop-variant',
      async transformSlide(content, frontmatter: Record<string, unknown>) {
        slideNumber += 1
        if (slideNumber === 1) {
          frontmatter.workshop = { ...(isRecord(frontmatter.workshop) ? frontmatter.workshop : {}), variant }
          // The presenter's timer counts down the planned length of this run.
          frontmatter.duration = `${variant}min`
          frontmatter.timer = 'countdown'
        }

        // The deck was checked before Slidev started (`npm run check`); a slide without minutes in
        // this length is simply not part of it.
        for (const key of ['section', 'block'] as const) {
          inherited[key] = frontmatter[key] ?? inherited[key]
          if (inherited[key] !== undefined)
            frontmatter[key] = inherited[key]
        }
        if (minutesIn(frontmatter.minutes, variant) === 0)
          frontmatter.hide = true
        if (BLOCKQUOTE.test(content))
          frontmatter.essayQuote = true
        return undefined
      },
      async transformNote(note) {
        return note ? notesMarkdown(note, variant) : note
      },
    },
  ]
})
