/**
 * Speaker notes follow a do/say convention: `[do]` lines are stage directions,
 * `say:` lines are words to say aloud. Anything else is kept as a plain note.
 */
export type CueKind = 'do' | 'say' | 'note'

export interface Cue {
  kind: CueKind
  text: string
}

const DO = /^\[do\]\s*/i
const SAY = /^say:\s*/i
// Straight or curly quotes around a whole say line; the guide prints its own.
const QUOTED = /^["“](.*)["”]$/s

function unquote(text: string): string {
  return QUOTED.exec(text)?.[1]?.trim() ?? text
}

/**
 * Splits one slide's notes into cues. A line without a marker continues the
 * cue above it; after a blank line it starts a plain note instead.
 */
export function parseCues(note: string | undefined | null): Cue[] {
  const cues: Cue[] = []
  let open: Cue | undefined
  for (const raw of (note ?? '').split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '') {
      open = undefined
      continue
    }
    if (DO.test(line)) {
      open = { kind: 'do', text: line.replace(DO, '') }
      cues.push(open)
    }
    else if (SAY.test(line)) {
      open = { kind: 'say', text: line.replace(SAY, '') }
      cues.push(open)
    }
    else if (open) {
      open.text = `${open.text} ${line}`
    }
    else {
      open = { kind: 'note', text: line }
      cues.push(open)
    }
  }
  return cues
    .map(cue => ({ kind: cue.kind, text: cue.kind === 'say' ? unquote(cue.text.trim()) : cue.text.trim() }))
    .filter(cue => cue.text !== '')
}
