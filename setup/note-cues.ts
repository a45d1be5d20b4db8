import type { CueKind } from '../core/talk/cues'
import type { Variant } from '../core/talk/settings'
import { cuesFor, parseCues } from '../core/talk/cues'

const LABELS: Record<CueKind, string> = { do: 'Do', say: 'Say', note: 'Note' }

/**
 * Markdown for the presenter's notes panel: one paragraph per cue of this length (the same cues
 * the guide prints), each opened by a small label the stylesheet colours by kind (`.ws-cue-do`,
 * `.ws-cue-say`). The label is plain text as well, so the cue reads correctly without styles too.
 */
export function notesMarkdown(note: string | undefined | null, variant: Variant): string {
  return cuesFor(parseCues(note), variant)
    .map(cue => `<span class="ws-cue ws-cue-${cue.kind}">${LABELS[cue.kind]}</span> ${cue.kind === 'say' ? `"${cue.text}"` : cue.text}`)
    .join('\n\n')
}
