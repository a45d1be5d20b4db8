import * as v from 'valibot'

/**
 * A poll as a slide declares it and the server stores it. The schema is the
 * single source of truth: the type below is inferred from it, so the server's
 * validation and the slide components cannot drift apart.
 */
export const LIMITS = {
  idLength: 40,
  questionLength: 200,
  options: 10,
  optionLength: 80,
  wordLength: 24,
  maxWords: 3,
  textLength: 500,
  nicknameLength: 24,
} as const

const id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase kebab-case'), v.maxLength(LIMITS.idLength))
const question = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.questionLength))
const label = v.pipe(v.string(), v.maxLength(LIMITS.optionLength))
const finite = v.pipe(v.number(), v.finite())
/**
 * A private poll's answers never go on the projector: the server refuses to
 * reveal it, whoever asks, and the slides offer no Reveal.
 */
const isPrivate = v.optional(v.boolean())

const choiceSchema = v.object({
  id,
  private: isPrivate,
  kind: v.picklist(['choice', 'multi']),
  question,
  options: v.pipe(v.array(v.pipe(label, v.minLength(1))), v.minLength(2), v.maxLength(LIMITS.options)),
})

const scaleSchema = v.pipe(
  v.object({
    id,
    private: isPrivate,
    kind: v.literal('scale'),
    question,
    min: v.pipe(v.number(), v.integer(), v.minValue(0)),
    max: v.pipe(v.number(), v.integer(), v.maxValue(10)),
    minLabel: label,
    maxLabel: label,
  }),
  v.check(p => p.max > p.min, 'a scale needs max > min'),
)

const estimateSchema = v.pipe(
  v.object({
    id,
    private: isPrivate,
    kind: v.literal('estimate'),
    question,
    min: finite,
    max: finite,
    unit: v.optional(label),
    reveal: v.optional(v.object({ value: finite, label, source: v.pipe(v.string(), v.maxLength(300)) })),
  }),
  v.check(p => p.max > p.min, 'an estimate needs max > min'),
)

const wordsSchema = v.object({
  id,
  private: isPrivate,
  kind: v.literal('words'),
  question,
  maxWords: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxWords)),
})

const textSchema = v.object({
  id,
  private: isPrivate,
  kind: v.literal('text'),
  question,
  maxLength: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.textLength)),
})

export const pollDefinitionSchema = v.variant('kind', [choiceSchema, scaleSchema, estimateSchema, wordsSchema, textSchema])

export type PollDefinition = v.InferOutput<typeof pollDefinitionSchema>
export type PollKind = PollDefinition['kind']

/** Whether a poll's answers must never be shown to the room. */
export function isPrivatePoll(poll: Pick<PollDefinition, 'private'>): boolean {
  return poll.private === true
}

/** The same limits in the shape the talk's catalogue tests read them. */
export const POLL_LIMITS = {
  idPattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  idMaxLength: LIMITS.idLength,
  questionMaxLength: LIMITS.questionLength,
  maxOptions: LIMITS.options,
  optionMaxLength: LIMITS.optionLength,
} as const
