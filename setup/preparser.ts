import process from 'node:process'
import { definePreparserSetup } from '@slidev/types'
import { findOutlineSlide } from '../core/talk/outline'
import { resolveVariant } from '../core/talk/settings'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Picks the 60- or 90-minute run before Slidev sees the slides: slides with no minutes in the
 * active variant are hidden (Slidev then drops them), and the resolved variant is written back
 * into the headmatter so components read it from `$slidev.configs.workshop.variant`; the
 * presenter timer becomes a countdown of the run's length.
 */
export default definePreparserSetup(({ headmatter }) => {
  const workshop = isRecord(headmatter.workshop) ? headmatter.workshop : {}
  // Throwing here stops `slidev` with the message instead of serving a blank deck.
  const variant = resolveVariant(workshop.variant, process.env.WORKSHOP_VARIANT)
  let slideNumber = 0

  return [
    {
      name: 'workshop-variant',
      async transformSlide(_content, frontmatter: Record<string, unknown>) {
        slideNumber += 1
        if (slideNumber === 1) {
          frontmatter.workshop = { ...(isRecord(frontmatter.workshop) ? frontmatter.workshop : {}), variant }
          // The presenter's timer counts down the planned length of this run.
          frontmatter.duration = `${variant}min`
          frontmatter.timer = 'countdown'
        }

        const slideId: unknown = frontmatter.slideId
        const entry = typeof slideId === 'string' ? findOutlineSlide(slideId) : undefined
        if (!entry) {
          const shown = slideId === undefined ? 'no slideId' : `slideId ${JSON.stringify(slideId)}`
          throw new Error(`Slide ${slideNumber} of slides.md has ${shown}; every slide needs a slideId listed in core/talk/outline.ts.`)
        }
        if (entry.minutes[variant] === 0)
          frontmatter.hide = true
        return undefined
      },
    },
  ]
})
