import type { TextField } from '../core/text'
import type { CommitmentTemplate, ExerciseDefinition } from './types'
import * as v from 'valibot'
import { charLength, cleanText } from '../core/text'

/**
 * What a participant writes in the prepare phase, checked at the boundary.
 *
 * Text goes through `cleanText` (core/text.ts), like every user text: NFC,
 * invisible format characters removed, trimmed, and otherwise kept as typed:
 * markup such as `<b>` stays literal text (never stripped, never interpreted;
 * faces render it as text). Control characters, direction overrides and
 * broken surrogates are refused with a message, not removed. Messages
 * describe the rule and never echo the input.
 */

export interface Submission {
  pass: boolean
  /** Null when passing. */
  ask: string | null
  askTopics: string[]
  offers: string[]
  offerTopics: string[]
}

export interface SubmissionIssue {
  /** `ask`, `offers`, `offers.1`, `askTopics`, … or `submission` for the whole. */
  field: string
  message: string
}

export type SubmissionCheck
  = | { ok: true, submission: Submission }
    | { ok: false, issues: SubmissionIssue[] }

/**
 * One text field: cleaned by core/text.ts (an ask may have line breaks, an
 * offer or a commitment blank is one line), then its length in code points.
 */
function textSchema(label: string, field: TextField, range: { min: number, max: number }) {
  return v.pipe(
    v.string(`${label} must be text.`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const check = cleanText(dataset.value, field)
      if (check.ok)
        return check.text
      addIssue({ message: check.message })
      return NEVER
    }),
    v.check(text => charLength(text) >= range.min, range.min <= 1 ? `${label} is empty.` : `${label} needs at least ${range.min} characters.`),
    v.check(text => charLength(text) <= range.max, `${label} can be at most ${range.max} characters.`),
  )
}

/** The starters' gaps ("I am working on … and could use help to …") left unfilled, typed or pasted. */
const STARTER_GAP = /…|\.{3}/

/** True when a text still holds a sentence starter's "…" (or "..."): the gap was never filled in. */
export function hasStarterGap(text: string): boolean {
  return STARTER_GAP.test(text)
}

/** "Your ask" → "ask": how the text rules name a field after "your". */
function nounOf(label: string): string {
  return label.replace(/^your\s+/i, '').toLowerCase()
}

function topicsSchema(definition: ExerciseDefinition, label: string, range: { min: number, max: number }) {
  const ids = definition.topics.map(topic => topic.id)
  const known = `Choose from: ${definition.topics.map(topic => topic.label).join(', ')}.`
  return v.pipe(
    v.array(v.picklist(ids, `Unknown topic. ${known}`), `${label} must be a list of topics.`),
    v.check(list => new Set(list).size === list.length, `Each topic can be picked only once.`),
    v.check(list => list.length >= range.min, range.min === 1 ? `Pick at least one topic for ${label.toLowerCase()}. ${known}` : `Pick at least ${range.min} topics.`),
    v.check(list => list.length <= range.max, `Pick at most ${range.max} topics.`),
  )
}

function offersSchema(definition: ExerciseDefinition, minCount: number) {
  const rules = definition.submission.offers
  return v.pipe(
    v.array(textSchema('Each offer', { noun: 'offer' }, rules.length), `${rules.label} must be a list.`),
    v.check(list => list.length >= minCount, minCount === 1 ? `Add at least one offer: something you could help others with.` : `Add at least ${minCount} offers.`),
    v.check(list => list.length <= rules.count.max, rules.count.max === 0 ? 'This exercise takes no offers.' : `Add at most ${rules.count.max} offers.`),
  )
}

/** A submission that asks: the ask and its topics are required. */
export function askingSchema(definition: ExerciseDefinition) {
  const rules = definition.submission
  return v.object({
    pass: v.optional(v.literal(false, 'pass is true or false.'), false),
    ask: v.pipe(
      v.optional(v.string(), ''),
      v.check(text => text.trim() !== '', `Write ${rules.ask.label.toLowerCase()}, or choose to pass.`),
      textSchema(rules.ask.label, { noun: nounOf(rules.ask.label), multiline: true }, rules.ask),
      v.check(text => !hasStarterGap(text), `${rules.ask.label} still has “…” from the sentence starter: replace each … with your own words.`),
    ),
    askTopics: v.optional(topicsSchema(definition, rules.ask.label, rules.topics), []),
    offers: v.optional(offersSchema(definition, rules.offers.count.min), []),
    offerTopics: v.optional(topicsSchema(definition, rules.offers.label, { min: 0, max: rules.topics.max }), []),
  })
}

/** A submission that passes on asking: offers remain welcome, nothing is required. */
export function passingSchema(definition: ExerciseDefinition) {
  const rules = definition.submission
  return v.object({
    pass: v.literal(true),
    offers: v.optional(offersSchema(definition, 0), []),
    offerTopics: v.optional(topicsSchema(definition, rules.offers.label, { min: 0, max: rules.topics.max }), []),
  })
}

function issuesOf(issues: readonly v.BaseIssue<unknown>[]): SubmissionIssue[] {
  // Only the first problem per field: one clear message beats a pile.
  const seen = new Map<string, SubmissionIssue>()
  for (const issue of issues) {
    const field = v.getDotPath(issue) ?? 'submission'
    if (!seen.has(field))
      seen.set(field, { field, message: issue.message })
  }
  return [...seen.values()]
}

/** Check a participant's prepare-phase submission against the exercise's rules. */
export function validateSubmission(definition: ExerciseDefinition, input: unknown): SubmissionCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: [{ field: 'submission', message: 'The submission must be an object with an ask and offers.' }] }
  if ('pass' in input && input.pass === true) {
    if (!definition.submission.allowPass)
      return { ok: false, issues: [{ field: 'pass', message: 'This exercise has no pass option.' }] }
    // Passing means nothing of an ask is kept, even if one was typed before choosing to pass.
    const result = v.safeParse(passingSchema(definition), input)
    if (!result.success)
      return { ok: false, issues: issuesOf(result.issues) }
    return { ok: true, submission: { pass: true, ask: null, askTopics: [], offers: result.output.offers, offerTopics: result.output.offerTopics } }
  }
  const result = v.safeParse(askingSchema(definition), input)
  if (!result.success)
    return { ok: false, issues: issuesOf(result.issues) }
  const { ask, askTopics, offers, offerTopics } = result.output
  if (askTopics.length < definition.submission.topics.min)
    return { ok: false, issues: [{ field: 'askTopics', message: `Pick at least ${definition.submission.topics.min} topic${definition.submission.topics.min === 1 ? '' : 's'} for your ask.` }] }
  return { ok: true, submission: { pass: false, ask, askTopics, offers, offerTopics } }
}

// ---- commitment ----

export type CommitmentCheck
  = | { ok: true, values: Record<string, string>, sentence: string }
    | { ok: false, issues: SubmissionIssue[] }

/** Check a filled-in commitment ("I will ask ___ for ___ by ___") and render its sentence. */
export function validateCommitment(template: CommitmentTemplate, input: unknown): CommitmentCheck {
  // A missing field is an empty one: the same message, so no card is ever made from a blank.
  const schema = v.object(Object.fromEntries(template.fields.map(field => [field.id, v.pipe(
    v.optional(v.string(`${field.label} must be text.`), ''),
    v.check(text => text.trim() !== '', `${field.label} is empty: fill it in to make your commitment.`),
    textSchema(field.label, { noun: 'commitment' }, { min: 1, max: field.maxLength }),
  )])))
  const result = v.safeParse(schema, input)
  if (!result.success)
    return { ok: false, issues: issuesOf(result.issues) }
  const values = result.output
  return { ok: true, values, sentence: template.text.replace(/\{(\w+)\}/g, (_, id: string) => values[id] ?? '___') }
}

// ---- SMART hints ----

export type SmartHintId = 'what' | 'when' | 'context'

export interface SmartHint {
  id: SmartHintId
  message: string
}

const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)'
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec'
const MONTH = `(?:${MONTHS})`
const PERIOD = '(?:day|week|month|quarter|sprint|year|term|semester|weekend|morning|afternoon|evening|release|launch|meeting|review)'
const ORDINAL = '\\d{1,2}(?:st|nd|rd|th)?'

/** Words and patterns that give an ask a deadline: by Friday, next week, this month, before the launch, 14 March, 2026-03-14. */
const TIME_PATTERNS: readonly RegExp[] = [
  // Weekday names on their own; short forms only after by/before/until/on (so "sat" the verb does not count).
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/i,
  new RegExp(`\\b(?:by|before|until|till|on|next|this)\\s+${DAY}\\b`, 'i'),
  /\b(?:today|tonight|tomorrow|asap|eod|eow|eom|eoy)\b/i,
  new RegExp(`\\b(?:this|next|coming|following)\\s+${PERIOD}\\b`, 'i'),
  new RegExp(`\\bend\\s+of\\s+(?:the\\s+|this\\s+|next\\s+)?${PERIOD}\\b`, 'i'),
  /\b(?:within|in)\s+(?:a|an|one|two|three|four|five|six|a\s+few|a\s+couple\s+of|\d+)\s+(?:minutes?|hours?|days?|weeks?|months?|sprints?)\b/i,
  /\bbefore\b/i,
  /\b(?:until|till|deadline|due)\b/i,
  // "by" followed by a time word (not "by reviewing", which says how, not when).
  new RegExp(`\\bby\\s+(?:the\\s+)?(?:end|start|middle|mid|next|this|then|noon|midnight|${MONTHS}|${ORDINAL}|q[1-4])\\b`, 'i'),
  // Month names, except "may" and "march" unless a day number is next to them (they are also verbs).
  /\b(?:january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i,
  new RegExp(`\\b${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\b|\\b${MONTH}\\s+${ORDINAL}\\b`, 'i'),
  /\b\d{4}-\d{1,2}-\d{1,2}\b/,
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/,
  /\b\d{1,2}\.\d{1,2}\.\d{2,4}\b/,
  /\bq[1-4]\b/i,
  /\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b/i,
]

/** Words that say what kind of help is wanted. */
const HELP_PATTERN = /\b(?:help|advice|advise|feedback|review|input|ideas?|introduc\w*|intro|mentor\w*|support|pair\w*|someone\s+(?:who|to|with)|looking\s+for|need|could\s+use|would\s+love|want\s+to\s+learn|learn|how\s+(?:to|do|can|should)|show\s+me|teach|explain|check|second\s+pair\s+of\s+eyes|sounding\s+board|connect|recommend\w*|suggest\w*|tips?|guidance|thoughts|opinion|perspective|practi[cs]e|rehearse|proofread|walk\s+me\s+through)\b/i

/** True when the ask names a time: a weekday, a date, "next week", "before …". */
export function mentionsTime(ask: string): boolean {
  return TIME_PATTERNS.some(pattern => pattern.test(ask))
}

/** True when the ask says what kind of help is wanted. */
export function mentionsHelp(ask: string): boolean {
  return HELP_PATTERN.test(ask)
}

/**
 * Friendly nudges towards a SMART ask (Specific, Meaningful, Action-oriented,
 * Realistic, Time-bound). They never block a submission. English only: for
 * asks in other languages a face may choose not to show them.
 */
export function smartHints(ask: string): SmartHint[] {
  const text = ask.trim()
  if (text === '')
    return []
  const hints: SmartHint[] = []
  if (!mentionsHelp(text))
    hints.push({ id: 'what', message: 'Say what help you want: "… and could use help to …", for example ideas, a review, an introduction or an hour of pairing.' })
  if (!mentionsTime(text))
    hints.push({ id: 'when', message: 'Add a by-when, such as "by Friday", "next week" or "before the launch": a date makes it easier to say yes.' })
  if (text.split(/\s+/).length < 6)
    hints.push({ id: 'context', message: 'Add a little context: "I am working on …" helps your partner understand what matters.' })
  return hints
}
