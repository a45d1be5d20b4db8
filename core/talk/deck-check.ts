import type { DeckProblem, Talk } from './deck'
import type { Context, DeckCheckInput } from './deck-check-context'
import { minutesIn } from './deck'
import { at, closest, isRecord, lengthsText, plural, report, round, source } from './deck-check-context'
import { checkPolls } from './deck-check-polls'
import { checkNotes, checkQuotes } from './deck-check-words'

/**
 * `npm run check`: everything a facilitator can get wrong in slides.md, each with the line to
 * edit and what to write there. `readTalk` (core/talk/deck.ts) reports what stops the talk from
 * being read at all; this adds what makes it wrong in front of a room: a poll phones cannot
 * answer, minutes that do not add up, a quote the essay never said, notes without cues, sample
 * names on the title slide. Pure: the deck's text, the essay and the exercise come in as data.
 */

export type { DeckCheckInput, DeckProblem }
export { blockquotesOf } from './deck-check-words'

export function checkDeck(input: DeckCheckInput): DeckProblem[] {
  const context: Context = {
    input,
    fileLines: input.markdown?.split(/\r?\n/),
    lengths: input.talk.variants.map(variant => variant.length),
    problems: [],
  }
  checkWorkshop(context)
  checkSums(context)
  checkStructure(context)
  checkKeys(context)
  const polls = checkPolls(context)
  checkExercise(context)
  checkNotes(context)
  checkQuotes(context)
  return merge(input.problems, context.problems, polls)
}

// ---- the headmatter's workshop: block ----

// Both spellings and the obvious variants of the shipped samples, so a half-edited value is still caught.
const SAMPLES = {
  organization: { pattern: /^(?:your (?:organi[sz]ation|company|team)|organi[sz]ation)$/i, what: 'your organisation\'s or team\'s name' },
  facilitator: { pattern: /^(?:your (?:full )?name|facilitator|name)$/i, what: 'your name' },
  date: { pattern: /^(?:(?:the )?date of the (?:session|workshop)|date|tbd|tba)$/i, what: 'the session\'s date (e.g. 14 March 2027)' },
} as const
const BRACKETED = /^\s*[<[{].*[>\]}]\s*$/

function checkWorkshop(context: Context): void {
  const headmatter = source(context, 1).frontmatter
  const workshop = isRecord(headmatter.workshop) ? headmatter.workshop : {}
  for (const [field, sample] of Object.entries(SAMPLES)) {
    const value = workshop[field]
    if (typeof value === 'string' && (sample.pattern.test(value.trim()) || BRACKETED.test(value))) {
      report(context, 'warning', 1, at(context, 1, ['workshop', field]), `workshop.${field} is still the sample "${value}"; the title slide, the guide and the handout print it.`, `Replace it with ${sample.what} before you present or export.`)
    }
  }
  const variant = workshop.variant
  if (variant !== undefined && variant !== null && context.lengths.length > 0) {
    const asNumber = typeof variant === 'string' ? Number(variant.trim()) : variant
    if (typeof asNumber !== 'number' || !context.lengths.includes(asNumber)) {
      report(context, 'error', 1, at(context, 1, ['workshop', 'variant']), `workshop.variant is ${JSON.stringify(variant)}, which is not one of this deck's lengths (talk.variants: ${context.lengths.join(', ')}).`, `Write one of ${context.lengths.join(', ')}, or add ${JSON.stringify(variant)} to talk.variants with its buffer and give the slides minutes in it.`)
    }
  }
}

// ---- minutes per variant ----

/** readTalk's own sum line is replaced by this one, which also says where the minutes are. */
const READ_TALK_SUM = /^The \d+-minute variant plans /

function checkSums(context: Context): void {
  const { talk } = context.input
  for (const variant of talk.variants) {
    const inVariant = talk.slides.filter(slide => minutesIn(slide, variant.length) > 0)
    const onSlides = round(inVariant.reduce((sum, slide) => sum + minutesIn(slide, variant.length), 0))
    const planned = round(onSlides + variant.buffer)
    const line = at(context, 1, ['talk', 'variants', String(variant.length)])
    if (inVariant.length === 0) {
      report(context, 'error', 1, line, `The ${variant.length}-minute variant has no slides: no slide gives it minutes.`, `Give the slides that run in it minutes, e.g. \`minutes: { ${variant.length}: 1 }\`, or remove ${variant.length} from talk.variants.`)
      continue
    }
    if (planned === variant.length)
      continue
    const off = round(Math.abs(planned - variant.length))
    const over = planned > variant.length
    // The exercise slide's minutes are the exercise's schedule: not minutes to move.
    const largest = inVariant
      .filter(slide => !/<ExerciseLive\b/.test(source(context, slide.number).content ?? ''))
      .sort((a, b) => minutesIn(b, variant.length) - minutesIn(a, variant.length))
      .slice(0, 3)
      .map(slide => `${slide.id} ${minutesIn(slide, variant.length)} min at line ${at(context, slide.number, ['minutes'])}`)
    const where = largest.length > 0 ? `; the most sit on ${largest.join(', ')}` : ''
    report(
      context,
      'error',
      1,
      line,
      `The ${variant.length}-minute variant adds up to ${planned} minutes (${onSlides} on ${plural(inVariant.length, 'slide')} + ${variant.buffer} buffer): ${off} ${over ? 'over' : 'short'}.`,
      over
        ? `Take ${off} min off its slides' \`minutes: { ${variant.length}: … }\`${where}. Or lower talk.variants.${variant.length}.buffer${variant.buffer >= off ? ` to ${round(variant.buffer - off)}` : ''}.`
        : `Give its slides ${off} more min in \`minutes: { ${variant.length}: … }\`${where}. Or raise talk.variants.${variant.length}.buffer to ${round(variant.buffer + off)}.`,
    )
  }
}

// ---- sections, blocks, minutes that leave a slide out everywhere ----

function checkStructure(context: Context): void {
  const { talk } = context.input
  for (const slide of talk.slides) {
    const raw = source(context, slide.number).frontmatter.minutes
    if (raw !== undefined && raw !== null && context.lengths.length > 0 && context.lengths.every(length => minutesIn(slide, length) === 0))
      report(context, 'warning', slide.number, at(context, slide.number, ['minutes']), `Slide ${slide.number} (${slide.id}) has 0 minutes in every length, so it never shows.`, `Give it minutes in the lengths it belongs to, e.g. \`minutes: { ${context.lengths.map(length => `${length}: 1`).join(', ')} }\`, or delete the slide.`)
  }
  const used = new Set(talk.slides.map(slide => slide.section))
  talk.sections.forEach((section, index) => {
    if (!used.has(section.id))
      report(context, 'warning', 1, at(context, 1, ['talk', 'sections', index]), `Section "${section.id}" has no slides.`, `Start a slide with \`section: ${section.id}\`, or remove it from talk.sections.`)
  })
  // A length with no slides at all is reported once, by checkSums, not once per block.
  const running = context.lengths.filter(length => talk.slides.some(slide => minutesIn(slide, length) > 0))
  talk.agenda.forEach((block, index) => {
    for (const length of running) {
      if (!talk.slides.some(slide => slide.block === block.id && minutesIn(slide, length) > 0)) {
        report(context, 'warning', 1, at(context, 1, ['talk', 'agenda', index]), `Agenda block "${block.id}" has no slides in the ${length}, so its agenda leaves it out.`, `Give one of its slides minutes in the ${length}, or move \`block: ${block.id}\` to a slide that has them.`)
      }
    }
  })
}

// ---- keys a slide's frontmatter meant to be ours ----

const OWN_KEYS = ['slideId', 'section', 'block', 'label', 'minutes', 'poll']
/** Slidev's own slide keys and the layouts' props: never taken for a typo of ours. */
const OTHER_KEYS = new Set(['layout', 'class', 'clicks', 'clicksStart', 'preload', 'hide', 'disabled', 'hideInToc', 'title', 'level', 'routeAlias', 'zoom', 'clickAnimation', 'dragPos', 'src', 'transition', 'kicker', 'tone', 'essayQuote', 'background', 'image', 'lang'])

function checkKeys(context: Context): void {
  context.input.slides.forEach((slide, index) => {
    // The headmatter holds Slidev's deck-wide settings, whose names are many; slides hold few.
    if (index === 0)
      return
    for (const key of Object.keys(slide.frontmatter)) {
      if (OWN_KEYS.includes(key) || OTHER_KEYS.has(key))
        continue
      const meant = OWN_KEYS.find(own => own.toLowerCase() === key.toLowerCase()) ?? closest(key, OWN_KEYS, 2)
      if (meant && !(meant in slide.frontmatter))
        report(context, 'warning', index + 1, at(context, index + 1, [key]), `Slide ${index + 1} has \`${key}:\`, which nothing reads; did you mean \`${meant}:\`?`, `Rename it \`${meant}:\` (keys are case-sensitive).`)
    }
  })
}

// ---- the exercise slide ----

function checkExercise(context: Context): void {
  const exercise = context.input.exercise
  if (!exercise)
    return
  for (const slide of context.input.talk.slides) {
    if (!/<ExerciseLive\b/.test(source(context, slide.number).content ?? ''))
      continue
    for (const length of context.lengths) {
      const given = minutesIn(slide, length)
      if (given === 0)
        continue
      const needed = round(exercise.minutes(length))
      if (round(given) === needed)
        continue
      report(context, 'error', slide.number, at(context, slide.number, ['minutes']), `Slide ${slide.number} (${slide.id}) gives the exercise ${given} min in the ${length}, but its schedule for the ${length} (${exercise.source}) runs ${needed} min: the agenda and the live timer would disagree.`, `Set \`${length}: ${needed}\` in this slide's minutes (${needed > given ? `and take ${round(needed - given)} min from other slides` : `and give the ${round(given - needed)} min to other slides`} in the ${length}), or change the ${length}'s timings in ${exercise.source}.`)
    }
  }
}

// ---- speaker notes ----

// ---- the list, in file order ----

function merge(read: readonly DeckProblem[], own: readonly DeckProblem[], describedPolls: ReadonlySet<number>): DeckProblem[] {
  const kept = read.filter(problem =>
    !READ_TALK_SUM.test(problem.message)
    // readTalk's schema messages ("poll.minLabel: Invalid key…") give way to this check's own words.
    && !(describedPolls.has(problem.slide) && /^poll\./.test(problem.message)))
  return [...kept, ...own].sort((a, b) => (a.line || Number.MAX_SAFE_INTEGER) - (b.line || Number.MAX_SAFE_INTEGER) || a.slide - b.slide || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1))
}

/** `slides.md is ready: 42 slides, 9 polls, 60 and 90 minutes`, or how many problems stand in the way. */
export function deckSummary(talk: Talk, problems: readonly DeckProblem[], file: string): string {
  const errors = problems.filter(problem => problem.level === 'error').length
  const warnings = problems.length - errors
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ')
  if (errors > 0)
    return `${counts}: ${file} is not ready.`
  const polls = talk.slides.filter(slide => slide.poll).length
  const lengths = talk.variants.map(variant => variant.length)
  return `${file} is ready: ${plural(talk.slides.length, 'slide')}, ${plural(polls, 'poll')}, ${lengthsText(lengths)} minutes${warnings > 0 ? ` (${counts})` : ''}.`
}
