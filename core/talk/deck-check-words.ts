import type { Context } from './deck-check-context'
import { cuesFor, parseCues } from './cues'
import { minutesIn } from './deck'
import { contentAt, distance, lengthsText, report, source } from './deck-check-context'
import { slideLine } from './deck-lines'

/** The deck check's rules on what is said: the speaker notes' cues and the essay's quotes. */

export function checkNotes(context: Context): void {
  const known = new Set(context.lengths)
  for (const slide of context.input.talk.slides) {
    const note = source(context, slide.number).note ?? ''
    const lengths = context.lengths.filter(length => minutesIn(slide, length) > 0)
    if (lengths.length === 0)
      continue
    const noteLine = contentAt(context, slide.number, line => line.trimStart().startsWith('<!--'), true)
    if (note.trim() === '') {
      report(context, 'warning', slide.number, slideLine(source(context, slide.number)), `Slide ${slide.number} (${slide.id}) has no speaker notes.`, 'End the slide with a comment holding a `[do]` line (what to do) and a `say:` line (what to say):\n<!--\n[do] Open the poll for a minute.\nsay: "Your gut reaction, not the right answer."\n-->')
      continue
    }
    const cues = parseCues(note)
    for (const cue of cues) {
      if (cue.kind === 'note') {
        report(context, 'warning', slide.number, contentAt(context, slide.number, line => line.trim() !== '' && cue.text.startsWith(line.trim().slice(0, 40)), true), `A note on slide ${slide.number} (${slide.id}) is neither a [do] nor a say: cue: "${cue.text.length > 60 ? `${cue.text.slice(0, 57)}…` : cue.text}".`, 'Start it with `[do]` (an action) or `say:` (words to say), or join it to the cue above without a blank line.')
      }
      if (cue.only !== null && !known.has(cue.only)) {
        report(context, 'warning', slide.number, contentAt(context, slide.number, line => new RegExp(`\\(${cue.only}\\s*(?:min(?:utes)?\\s*)?only\\)`, 'i').test(line), true), `A cue on slide ${slide.number} (${slide.id}) is tagged (${cue.only} only), but the deck has no ${cue.only}-minute variant, so it never shows.`, `Tag it with one of ${lengthsText(context.lengths)}, or remove the tag.`)
      }
    }
    const missing: string[] = []
    for (const kind of ['do', 'say'] as const) {
      const without = lengths.filter(length => !cuesFor(cues, length).some(cue => cue.kind === kind))
      if (without.length > 0)
        missing.push(`no ${kind === 'do' ? '[do]' : 'say:'} cue${without.length === lengths.length ? '' : ` in the ${lengthsText(without)}`}`)
    }
    if (missing.length > 0)
      report(context, 'warning', slide.number, noteLine, `The notes of slide ${slide.number} (${slide.id}) have ${missing.join(' and ')}: the presenter view and the guide would leave the facilitator without it.`, 'Add a `[do]` line (what to do) and a `say:` line (what to say) for every length the slide runs in; a cue tagged `(60 only)` counts for the 60 alone.')
  }
}

// ---- essay quotes ----

/** Each blockquote on a slide, consecutive `>` lines joined, emphasis marks dropped, with its first line. */
export function blockquotesOf(content: string): Array<{ text: string, first: string }> {
  const found: Array<{ text: string, first: string }> = []
  let open: string[] | null = null
  let first = ''
  const close = () => {
    if (open)
      found.push({ text: open.join(' ').replace(/[*_]/g, '').replace(/\s+/g, ' ').trim(), first })
    open = null
  }
  let inCode = false
  for (const line of content.split(/\r?\n/)) {
    // A `>` inside a code block is code shown on the slide, not a quote.
    if (/^\s*(?:`{3,}|~{3,})/.test(line)) {
      close()
      inCode = !inCode
      continue
    }
    const match = inCode ? null : /^\s*>\s?(.*)$/.exec(line)
    if (match) {
      if (!open)
        first = line
      open ??= []
      open.push(match[1]!.trim())
    }
    else {
      close()
    }
  }
  close()
  return found.filter(quote => quote.text !== '')
}

function plainQuotes(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[‘’]/g, '\'').replace(/[“”]/g, '"')
}

function similarity(a: string, b: string): number {
  const x = plainQuotes(a).toLowerCase()
  const y = plainQuotes(b).toLowerCase()
  return 1 - distance(x, y) / Math.max(x.length, y.length, 1)
}

export function checkQuotes(context: Context): void {
  const lines = context.input.essayLines
  context.input.slides.forEach((slide, index) => {
    const number = index + 1
    for (const quote of blockquotesOf(slide.content ?? '')) {
      if (lines.includes(quote.text))
        continue
      const line = contentAt(context, number, candidate => candidate === quote.first)
      const sameWords = lines.find(essayLine => plainQuotes(essayLine) === plainQuotes(quote.text))
      if (sameWords) {
        report(context, 'error', number, line, `This blockquote has the essay's words but not its quote marks: the essay writes “${sameWords}”.`, `Copy the line as the essay has it (curly ’ and “ ”):\n> ${sameWords}`)
        continue
      }
      const ranked = lines.map(essayLine => ({ essayLine, score: similarity(quote.text, essayLine) })).sort((a, b) => b.score - a.score)
      const best = ranked[0]
      const shown = quote.text.length > 70 ? `${quote.text.slice(0, 67)}…` : quote.text
      if (best && best.score >= 0.6) {
        report(context, 'error', number, line, `This blockquote no longer matches the essay word for word: "${shown}". The closest essay line is “${best.essayLine}”`, `Quote the essay exactly:\n> ${best.essayLine}\nor, if these are your own words, write them as plain text: blockquotes are credited "From the essay".`)
      }
      else {
        report(context, 'error', number, line, `This blockquote is not a line of the essay: "${shown}". The slide would credit it "From the essay".`, 'Write your own words as plain text (e.g. <p class="ws-lead">…</p>); keep blockquotes for essay lines, listed in core/talk/essay.ts.')
      }
    }
  })
}
