/**
 * Speaker notes follow a do/say convention: `[do]` lines are stage directions,
 * `say:` lines are words to say aloud. Anything else is kept as a plain note.
 * A cue that belongs to one length only starts with a tag after its marker:
 * `[do] (90 only) Open the second poll.` or `say: (60 only) "..."`.
 */
export type CueKind = 'do' | 'say' | 'note'

export interface Cue {
  kind: CueKind
  text: string
  /** The one variant this cue is for; null when it is for every length. */
  only: number | null
}

const DO = /^\[do\]\s*/i
const SAY = /^say:\s*/i
const ONLY = /^\((\d+)\s*(?:min(?:utes)?\s*)?only\)\s*/i
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
      open = { kind: 'do', text: line.replace(DO, ''), only: null }
      cues.push(open)
    }
    else if (SAY.test(line)) {
      open = { kind: 'say', text: line.replace(SAY, ''), only: null }
      cues.push(open)
    }
    else if (open) {
      open.text = `${open.text} ${line}`
    }
    else {
      open = { kind: 'note', text: line, only: null }
      cues.push(open)
    }
  }
  return cues
    .map((cue) => {
      const tag = ONLY.exec(cue.text.trim())
      const text = tag ? cue.text.trim().slice(tag[0].length) : cue.text.trim()
      return { kind: cue.kind, text: cue.kind === 'say' ? unquote(text.trim()) : text.trim(), only: tag ? Number(tag[1]) : null }
    })
    .filter(cue => cue.text !== '')
}

/** The cues a facilitator running this length says and does: untagged ones and those tagged for it. */
export function cuesFor(cues: readonly Cue[], variant: number): Cue[] {
  return cues.filter(cue => cue.only === null || cue.only === variant)
}
