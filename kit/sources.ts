import type { WorkshopSettings } from '../core/talk/settings'
import type { SourceSlide } from './content/deck'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from '@slidev/parser'
import { resolveWorkshop } from '../core/talk/settings'
import { projectRoot } from './export-slides'

export interface DeckSources {
  title: string
  settings: WorkshopSettings
  sources: SourceSlide[]
}

const FALLBACK_TITLE = 'Asking for Help Is Not Weakness — It’s Leadership'

/**
 * Reads slides.md the way Slidev does (`@slidev/parser`) and resolves the
 * `workshop:` block; a variant given on the command line wins, as it does for the deck.
 */
export async function readDeck(options: { path?: string, variant?: string } = {}): Promise<DeckSources> {
  const path = options.path ?? join(projectRoot, 'slides.md')
  const markdown = await readFile(path, 'utf8')
  const { slides } = await parse(markdown, path)
  const headmatter = slides[0]?.frontmatter ?? {}
  const settings = resolveWorkshop(headmatter.workshop, { WORKSHOP_VARIANT: options.variant })
  const title = typeof headmatter.title === 'string' && headmatter.title.trim() ? headmatter.title.trim() : FALLBACK_TITLE
  return {
    title,
    settings,
    sources: slides.map(slide => ({ frontmatter: slide.frontmatter ?? {}, title: slide.title, note: slide.note, content: slide.content })),
  }
}
