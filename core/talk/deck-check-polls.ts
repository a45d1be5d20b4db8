import type { Context, Level } from './deck-check-context'
import type { KeyPath } from './deck-lines'
import { LIMITS } from '../polls/definition'
import { POLL_KINDS } from './deck'
import { at, closest, contentAt, isRecord, report } from './deck-check-context'

/**
 * The deck check's poll rules, on each slide's raw `poll:` block: what phones could not answer
 * or the projector could not show, in words a facilitator can act on (readTalk's schema check
 * says only "Invalid key"), and the before/after pairs the slides compare.
 */

const KIND_KEYS: Record<string, readonly string[]> = {
  choice: ['options'],
  multi: ['options'],
  scale: ['min', 'max', 'minLabel', 'maxLabel'],
  estimate: ['min', 'max', 'unit', 'reveal'],
  words: ['maxWords'],
  text: ['maxLength'],
}
const COMMON_KEYS = ['id', 'kind', 'question', 'private', 'repeats']
const POLL_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const EXAMPLES: Record<string, string> = {
  choice: 'options:\n    - An hour\n    - A day',
  multi: 'options:\n    - I don’t want to burden anyone\n    - I might look incompetent',
  scale: 'min: 1\n  max: 5\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree',
  estimate: 'min: 0\n  max: 100\n  unit: \'%\'',
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

interface PollSeen { id: string, slide: number, kind: string, raw: Record<string, unknown> }

/** Returns the slides whose poll this check described, so readTalk's bare schema messages for them can go. */
export function checkPolls(context: Context): Set<number> {
  const described = new Set<number>()
  const seen: PollSeen[] = []
  const slides = context.input.slides
  slides.forEach((slide, index) => {
    const number = index + 1
    const raw = slide.frontmatter.poll
    const content = slide.content ?? ''
    const showsPoll = /<LivePoll\b/.test(content)
    const before = context.problems.length
    if (raw === undefined || raw === null) {
      if (showsPoll)
        report(context, 'error', number, contentAt(context, number, line => /<LivePoll\b/.test(line)), `Slide ${number} shows <LivePoll /> but has no poll: in its frontmatter.`, 'Add a `poll:` block to this slide\'s frontmatter (id, kind, question, …; docs/authoring.md has every kind), or remove <LivePoll />.')
      return
    }
    if (!isRecord(raw))
      return
    const kind = typeof raw.kind === 'string' ? raw.kind : ''
    // readTalk already names an unknown or missing kind, with the valid ones; a repeat of this
    // poll is still told apart from one of a poll that does not exist.
    if (!(POLL_KINDS as readonly string[]).includes(kind)) {
      if (typeof raw.id === 'string')
        seen.push({ id: raw.id, slide: number, kind: '', raw })
      return
    }
    const line = (path: KeyPath) => at(context, number, ['poll', ...path])
    const problem = (path: KeyPath, message: string, fix: string, level: Level = 'error') => report(context, level, number, line(path), message, fix)

    const id = raw.id
    if (id === undefined || id === null || (typeof id === 'string' && id.trim() === '')) {
      const suggestion = typeof slide.frontmatter.slideId === 'string' ? slide.frontmatter.slideId.replace(/^poll-/, '') : 'my-poll'
      problem([], 'The poll has no id: its answers are stored under it.', `Add \`id: ${suggestion}\` under poll: (lowercase words joined by dashes; keep it once votes exist, or they stay with the old id).`)
    }
    else if (typeof id !== 'string' || !POLL_ID.test(id) || id.length > LIMITS.idLength) {
      problem(['id'], `poll.id ${JSON.stringify(id)} is not a lowercase kebab-case name of at most ${LIMITS.idLength} characters.`, `Write e.g. \`id: ${String(id).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, LIMITS.idLength) || 'my-poll'}\`.`)
    }

    const question = raw.question
    if (!isText(question))
      problem(['question'], 'The poll has no question.', 'Add `question: …`, the sentence phones and the projector show.')
    else if (question.trim().length > LIMITS.questionLength)
      problem(['question'], `The poll's question is ${question.trim().length} characters; phones show at most ${LIMITS.questionLength}.`, `Shorten it by ${question.trim().length - LIMITS.questionLength} characters; say the rest aloud (in the notes).`)

    if (raw.private !== undefined && typeof raw.private !== 'boolean')
      problem(['private'], `poll.private is ${JSON.stringify(raw.private)}, not true or false.`, 'Write `private: true` to keep the answers off the projector, or remove the line.')

    const known = [...COMMON_KEYS, ...KIND_KEYS[kind]!]
    for (const key of Object.keys(raw)) {
      if (known.includes(key))
        continue
      const near = closest(key, known)
      problem([key], `poll.${key} is not a key a ${kind} poll uses, so it is ignored.`, near ? `Did you mean \`${near}\`? Keys are case-sensitive.` : `A ${kind} poll takes: ${known.join(', ')}.`, 'warning')
    }

    if (kind === 'choice' || kind === 'multi')
      checkOptions(raw.options, kind, problem)
    else if (kind === 'scale')
      checkScale(raw, problem)
    else if (kind === 'estimate')
      checkEstimate(raw, problem)
    else if (kind === 'words' && raw.maxWords !== undefined && !(isWholeNumber(raw.maxWords) && raw.maxWords >= 1 && raw.maxWords <= LIMITS.maxWords))
      problem(['maxWords'], `poll.maxWords is ${JSON.stringify(raw.maxWords)}; a words poll takes 1 to ${LIMITS.maxWords} words.`, `Write \`maxWords: 1\` (the default) up to \`maxWords: ${LIMITS.maxWords}\`.`)
    else if (kind === 'text' && raw.maxLength !== undefined && !(isWholeNumber(raw.maxLength) && raw.maxLength >= 1 && raw.maxLength <= LIMITS.textLength))
      problem(['maxLength'], `poll.maxLength is ${JSON.stringify(raw.maxLength)}; a text answer is 1 to ${LIMITS.textLength} characters.`, `Write e.g. \`maxLength: 280\` (the default), at most ${LIMITS.textLength}.`)

    // The definition's own problems stand in for readTalk's schema messages; what follows is about the deck.
    if (context.problems.length > before)
      described.add(number)

    if (typeof id === 'string' && id.trim() !== '') {
      const first = seen.find(poll => poll.id === id)
      // readTalk names a duplicate id too, but only once both polls read cleanly.
      if (first && !context.input.problems.some(p => p.slide === number && p.message.startsWith(`Poll id "${id}" is already used`)))
        problem(['id'], `Poll id "${id}" is already used by the poll on slide ${first.slide} (line ${at(context, first.slide, ['poll', 'id'])}).`, `Give every poll its own id: answers are stored under it. To ask the same question again, give this one a new id and \`repeats: ${id}\`.`)
    }

    checkRepeats(context, number, raw, kind, seen, problem)
    if (/<LivePoll\s[^>]*\bcompare\b/.test(content) && !raw.repeats)
      problem([], `Slide ${number} shows <LivePoll compare /> but its poll repeats no earlier poll.`, 'Add `repeats: <id of the earlier poll>` under poll:, or drop `compare`.')
    if (/<LivePoll\s[^>]*\bid\s*=/.test(content))
      report(context, 'warning', number, contentAt(context, number, candidate => /<LivePoll\s[^>]*\bid\s*=/.test(candidate)), `Slide ${number} gives <LivePoll> an id; the slide shows its own poll: and ignores it.`, 'Write <LivePoll /> (or <LivePoll compare />) and keep the poll in this slide\'s frontmatter.')
    if (!showsPoll)
      problem([], `Slide ${number} has a poll but does not show it: nobody can open it from the slides.`, 'Put <LivePoll /> in the slide\'s content.', 'warning')

    if (typeof id === 'string')
      seen.push({ id, slide: number, kind, raw })
  })
  return described
}

type PollProblem = (path: KeyPath, message: string, fix: string, level?: Level) => void

function checkOptions(options: unknown, kind: string, problem: PollProblem): void {
  if (options === undefined || options === null) {
    problem(['options'], `A ${kind} poll needs options, and this one has none.`, `Add, under poll:\n  ${EXAMPLES[kind]}\n(2 to ${LIMITS.options} options).`)
    return
  }
  if (!Array.isArray(options)) {
    problem(['options'], `poll.options is ${JSON.stringify(options)}, not a list.`, `Write each option on its own line under options:, starting with "- ".`)
    return
  }
  if (options.length < 2)
    problem(['options'], `A ${kind} poll needs at least 2 options; this one has ${options.length}.`, `Add ${2 - options.length === 1 ? 'another option' : 'two options'} as \`- …\` lines under options:.`)
  if (options.length > LIMITS.options)
    problem(['options'], `A ${kind} poll shows at most ${LIMITS.options} options; this one has ${options.length}.`, `Remove ${options.length - LIMITS.options}, or split the question in two polls.`)
  const texts: string[] = []
  options.forEach((option, index) => {
    const shown = typeof option === 'number' ? String(option) : option
    if (typeof option === 'number' || typeof option === 'boolean')
      problem(['options', index], `Option ${index + 1} reads as ${typeof option === 'number' ? 'a number' : 'true or false'} (${JSON.stringify(option)}), not text.`, `Put it in quotes: \`- '${String(option)}'\`.`)
    else if (!isText(shown))
      problem(['options', index], `Option ${index + 1} is empty or not text (${JSON.stringify(option)}).`, 'Write the option\'s words after the "- ", in quotes if it holds a colon or starts with a symbol.')
    else if (shown.length > LIMITS.optionLength)
      problem(['options', index], `Option ${index + 1} is ${shown.length} characters; phones show at most ${LIMITS.optionLength}.`, `Shorten it by ${shown.length - LIMITS.optionLength} characters.`)
    else if (texts.includes(shown.trim()))
      problem(['options', index], `Option ${index + 1} repeats option ${texts.indexOf(shown.trim()) + 1} ("${shown.trim()}"): the results could not tell them apart.`, 'Reword one of them, or remove it.')
    if (isText(shown))
      texts.push(shown.trim())
  })
}

function checkScale(raw: Record<string, unknown>, problem: PollProblem): void {
  const { min, max } = raw
  if (!isWholeNumber(min) || min < 0)
    problem(['min'], min === undefined ? 'The scale has no min.' : `poll.min is ${JSON.stringify(min)}; a scale starts at a whole number from 0.`, 'Write e.g. `min: 1`.')
  if (!isWholeNumber(max) || max > 10)
    problem(['max'], max === undefined ? 'The scale has no max.' : `poll.max is ${JSON.stringify(max)}; a scale ends at a whole number up to 10.`, 'Write e.g. `max: 5`.')
  if (isWholeNumber(min) && isWholeNumber(max) && max <= min)
    problem(['max'], `The scale runs from ${min} to ${max}: max must be above min.`, `Write e.g. \`min: ${Math.min(min, max)}\` and \`max: ${Math.max(min, max) === Math.min(min, max) ? Math.min(min, max) + 4 : Math.max(min, max)}\`.`)
  const missing = (['minLabel', 'maxLabel'] as const).filter(key => !isText(raw[key]))
  if (missing.length > 0) {
    problem([missing[0]!], `The scale has no ${missing.join(' or ')}: phones and the projector would show bare numbers with no meaning.`, `Name both ends, e.g.\n  minLabel: Strongly disagree\n  maxLabel: Strongly agree`)
  }
  for (const key of ['minLabel', 'maxLabel'] as const) {
    const value = raw[key]
    if (isText(value) && value.length > LIMITS.optionLength)
      problem([key], `poll.${key} is ${value.length} characters; at most ${LIMITS.optionLength} fit.`, 'Shorten it.')
  }
}

function checkEstimate(raw: Record<string, unknown>, problem: PollProblem): void {
  const { min, max, reveal } = raw
  if (!isNumber(min))
    problem(['min'], min === undefined ? 'The estimate has no min.' : `poll.min is ${JSON.stringify(min)}, not a number.`, 'Write the lowest answer phones may give, e.g. `min: 0`.')
  if (!isNumber(max))
    problem(['max'], max === undefined ? 'The estimate has no max.' : `poll.max is ${JSON.stringify(max)}, not a number.`, 'Write the highest answer phones may give, e.g. `max: 100`.')
  if (isNumber(min) && isNumber(max) && max <= min)
    problem(['max'], `The estimate runs from ${min} to ${max}: max must be above min.`, 'Swap them, or widen the range.')
  if (raw.unit !== undefined && typeof raw.unit !== 'string')
    problem(['unit'], `poll.unit is ${JSON.stringify(raw.unit)}, not text.`, 'Write it in quotes, e.g. `unit: \'%\'`.')
  if (reveal === undefined || reveal === null)
    return
  if (!isRecord(reveal)) {
    problem(['reveal'], 'poll.reveal must be a block with value, label and source.', 'Write, under poll:\n  reveal:\n    value: 48\n    label: 48% below the real number\n    source: Author, A. (2016). Journal, 25(2), 119–123.')
    return
  }
  if (!isNumber(reveal.value))
    problem(['reveal', 'value'], reveal.value === undefined ? 'The reveal has no value: the slide has no figure to show beside the guesses.' : `poll.reveal.value is ${JSON.stringify(reveal.value)}, not a number.`, 'Write the true figure, e.g. `value: 48`.')
  else if (isNumber(min) && isNumber(max) && (reveal.value < min || reveal.value > max))
    problem(['reveal', 'value'], `The reveal's value ${reveal.value} lies outside the answers phones may give (${min} to ${max}).`, 'Widen min/max so the true figure is on the same scale as the guesses.', 'warning')
  if (!isText(reveal.label))
    problem(['reveal', 'label'], 'The reveal has no label: the projector shows a number without saying what it is.', 'Write one line, e.g. `label: 48% below: askers expected about half the yeses they got`.')
  else if (reveal.label.length > LIMITS.optionLength)
    problem(['reveal', 'label'], `The reveal's label is ${reveal.label.length} characters; at most ${LIMITS.optionLength} fit.`, 'Shorten it; the source line can say more.')
  if (!isText(reveal.source))
    problem(['reveal', 'source'], 'The reveal has no source: the room would see a figure without where it comes from.', 'Add `source: Author, A. (year). Title. Journal, volume(issue), pages.` under reveal:.')
  else if (reveal.source.length > 300)
    problem(['reveal', 'source'], `The reveal's source is ${reveal.source.length} characters; at most 300 fit.`, 'Shorten it to the reference itself.')
}

/** What two polls must share for a before/after comparison to mean anything. */
const SAME_FOR_COMPARE: Record<string, readonly string[]> = {
  choice: ['options'],
  multi: ['options'],
  scale: ['min', 'max', 'minLabel', 'maxLabel'],
  estimate: ['min', 'max', 'unit'],
  words: [],
  text: [],
}

function checkRepeats(context: Context, number: number, raw: Record<string, unknown>, kind: string, seen: readonly PollSeen[], problem: PollProblem): void {
  const repeats = raw.repeats
  if (typeof repeats !== 'string' || repeats.trim() === '')
    return
  const target = repeats.trim()
  if (target === raw.id) {
    problem(['repeats'], `The poll repeats itself ("${target}").`, 'Name the earlier poll this one asks again.')
    return
  }
  const earlier = seen.find(poll => poll.id === target)
  if (!earlier) {
    const later = context.input.slides.findIndex((slide, index) => index + 1 > number && isRecord(slide.frontmatter.poll) && slide.frontmatter.poll.id === target)
    const ids = seen.map(poll => poll.id)
    problem(['repeats'], later >= 0
      ? `poll.repeats names "${target}", which comes later (slide ${later + 1}); the repeat must come after the poll it repeats.`
      : `poll.repeats names "${target}", which is no earlier poll.`, ids.length > 0 ? `Name one of the earlier polls: ${ids.join(', ')}${closest(target, ids) ? ` (did you mean ${closest(target, ids)}?)` : ''}.` : 'Put the first asking of the question on an earlier slide.')
    return
  }
  // The earlier poll's own problem is reported on its slide; comparing with it would only echo that.
  if (earlier.kind === '')
    return
  if (earlier.kind !== kind) {
    problem(['kind'], `This poll is a ${kind} poll but repeats "${target}", a ${earlier.kind} poll (slide ${earlier.slide}): their results cannot be compared.`, `Make it \`kind: ${earlier.kind}\` with the same question and ${SAME_FOR_COMPARE[earlier.kind]!.join(', ') || 'settings'}, or remove repeats.`)
    return
  }
  const question = typeof raw.question === 'string' ? raw.question.trim() : ''
  const earlierQuestion = typeof earlier.raw.question === 'string' ? earlier.raw.question.trim() : ''
  if (question !== earlierQuestion)
    problem(['question'], `This poll repeats "${target}" (slide ${earlier.slide}) but asks another question: "${question}" instead of "${earlierQuestion}".`, `Ask it word for word: \`question: ${earlierQuestion}\`, or remove repeats if it is a new question.`)
  const differs = SAME_FOR_COMPARE[kind]!.filter(key => JSON.stringify(raw[key]) !== JSON.stringify(earlier.raw[key]))
  if (differs.length > 0)
    problem([differs[0]!], `This poll repeats "${target}" (slide ${earlier.slide}) but its ${differs.join(', ')} ${differs.length === 1 ? 'differs' : 'differ'}: before and after would not be on the same scale.`, `Copy ${differs.join(', ')} from the poll on slide ${earlier.slide} (line ${at(context, earlier.slide, ['poll', differs[0]!])}).`)
}
