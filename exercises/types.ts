import type { Variant } from '../core/talk/settings'

/**
 * An exercise is data: phases, steps, roles, prompts and per-variant timings.
 * The server, the phone page and the slides read the same definition; the
 * pure functions in this folder (schedule, timeline, pairing, validation)
 * turn it into what each face shows.
 */

/** Phases in the order a room goes through them. `pairing` and `rounds` repeat once per round. */
export const PHASES = ['prepare', 'pairing', 'rounds', 'debrief', 'commitment', 'done'] as const
export type Phase = typeof PHASES[number]

/** A phase that has timed steps (`done` has none). */
export type TimedPhase = Exclude<Phase, 'done'>

export interface TopicTag {
  /** Stored and sent over the wire; lowercase kebab-case. */
  id: string
  label: string
}

/**
 * The two sides of an exchange. `focus` is the person whose problem is on the
 * table (the asker, Troika's client); `support` are the others (helpers, consultants).
 */
export type RoleSide = 'focus' | 'support'

export interface RoleDefinition {
  /** e.g. `asker`, `helper`. */
  id: string
  label: string
  /** One line on what this role is for. */
  summary: string
  /** Sentence starters and rules shown to whoever holds the role. */
  prompts: readonly string[]
}

export interface StepDefinition {
  /** Unique within the definition; timings are keyed by it. */
  id: string
  label: string
  /** What the room screen says, for everyone. */
  instruction: string
  /** Who talks during the step; omitted outside turns. */
  speaker?: RoleSide | 'everyone'
  /** What each side's phone says during the step, when it differs from `instruction`. */
  cues?: Readonly<Partial<Record<RoleSide, string>>>
}

export interface DebriefQuestion extends StepDefinition {
  /** The three debrief moves: What? So what? Now what? */
  id: 'what' | 'so-what' | 'now-what'
  question: string
  /** Follow-up questions a facilitator can read aloud. */
  prompts: readonly string[]
}

export interface CommitmentField {
  id: string
  label: string
  placeholder: string
  /** Longest answer, in characters. */
  maxLength: number
}

export interface CommitmentTemplate {
  /** Sentence with `{field}` placeholders, e.g. "I will ask {who} for {what} by {when}". */
  text: string
  /** The same sentence with blanks, for paper: "I will ask ___ for ___ by ___". */
  blank: string
  fields: readonly CommitmentField[]
}

export interface LengthRange {
  min: number
  max: number
}

/** What a participant writes in the prepare phase, and its limits. */
export interface SubmissionRules {
  /** The ask (or Troika's challenge), in characters after trimming. */
  ask: LengthRange & { label: string }
  /** How many offers, and the length of each; `{ count: { min: 0, max: 0 } }` means none. */
  offers: { count: LengthRange, length: LengthRange, label: string }
  /** How many topic tags an ask carries; offers may carry up to `max` too. */
  topics: LengthRange
  /** Whether a participant may pass on asking (the right to pass). */
  allowPass: boolean
}

/**
 * How a round groups people. `groups`: the exercise's own group size and turns
 * (pairs for ask/offer, trios for Troika). `ring`: tables of four, each person
 * asks the table once and anyone at the table offers (after the Reciprocity Ring).
 */
export type RoundFormat = 'groups' | 'ring'

/** People per table in a `ring` round; 3 or 5 when the room does not divide by four. */
export const RING_SIZE = 4
/** Largest group a late joiner may be placed into: pairs become trios, tables of four become five. */
export const MAX_PLACED_SIZE: Readonly<Record<RoundFormat, number>> = { groups: 3, ring: 5 }

export interface ExerciseTiming {
  /** Seconds per step id. A step that is missing or 0 is left out of this variant. */
  seconds: Readonly<Record<string, number>>
  /**
   * One entry per round (so its length is the number of rounds); each entry
   * overrides `seconds` for that round's pairing and round steps.
   */
  rounds: ReadonlyArray<Readonly<Record<string, number>>>
  /** Each round's format, by index; a missing entry is `groups`. A `ring` round needs `steps.ring`. */
  formats?: readonly RoundFormat[]
}

/** The steps of a `ring` round: gather at a table, then one short turn per person. */
export interface RingSteps {
  gather: readonly StepDefinition[]
  turn: readonly StepDefinition[]
  /** Between two people's turns. */
  swap: StepDefinition
}

export interface ExerciseDefinition {
  /** Lowercase kebab-case; the registry's key. */
  id: string
  title: string
  summary: string
  /** Where the format comes from, for the facilitator guide. */
  source: string
  /** Preferred group size; when the room does not divide evenly, a few groups are one bigger. */
  groupSize: 2 | 3
  /**
   * Turns per round as planned for a full group of `groupSize` people who all
   * have an ask. A group with a different number of asks shares the same
   * talk time between them (exercises/turn-plan.ts): one rule for every group.
   */
  turnsPerRound: number
  roles: Readonly<Record<RoleSide, RoleDefinition>>
  topics: readonly TopicTag[]
  submission: SubmissionRules
  steps: {
    prepare: readonly StepDefinition[]
    pairing: readonly StepDefinition[]
    /** One turn; repeated `turnsPerRound` times with the roles rotated. */
    turn: readonly StepDefinition[]
    /** Between two turns: thank, rotate roles. */
    swap: StepDefinition
    /** After the last turn of a round. */
    afterTurns: readonly StepDefinition[]
    commitment: readonly StepDefinition[]
    /** Steps of a `ring` round, when a variant has one. */
    ring?: RingSteps
  }
  debrief: readonly DebriefQuestion[]
  commitment: CommitmentTemplate
  /**
   * Timings by workshop length in minutes. A deck of another length runs the
   * longest timing not longer than it, else the shortest (`timingFor` in
   * exercises/schedule.ts), so any length the deck declares can run the exercise.
   */
  timings: Readonly<Record<number, ExerciseTiming>>
}

/** One step as it runs in a given variant and round. */
export interface ScheduledStep {
  id: string
  phase: TimedPhase
  /** 1-based round for `pairing` and `rounds`; 0 elsewhere. */
  round: number
  label: string
  instruction: string
  speaker: RoleSide | 'everyone' | null
  cues: Readonly<Partial<Record<RoleSide, string>>>
  seconds: number
  /** The swap between two turns. */
  swap: boolean
  /** 0-based turn within the round for turn steps; null elsewhere (including the swap). */
  turn: number | null
}

/** A run of steps that follow each other by time. */
export interface ScheduleSegment {
  phase: TimedPhase
  /** 1-based for `pairing` and `rounds`; 0 elsewhere. */
  round: number
  steps: readonly ScheduledStep[]
  /** For `pairing` and `rounds`: how this round groups people, its planned group size and turns. */
  format: RoundFormat | null
  groupSize: number
  turns: number
  /**
   * What happens when the last step's time is up: `auto` moves straight into
   * the next segment (pairing → round), `wait` holds in overtime until the
   * facilitator moves on (so the server can pair people, or the talk can run long).
   */
  then: 'auto' | 'wait'
}

/** A definition resolved for one variant: every step with its seconds, in order. */
export interface ExerciseSchedule {
  exerciseId: string
  /** The workshop length this run is for. */
  variant: Variant
  /** The length of the timing it runs (`variant` itself, or the one `timingFor` fell back to). */
  timing: number
  rounds: number
  /** Turns in round 1 as planned (later rounds carry theirs in `segments[].turns`). */
  turnsPerRound: number
  segments: readonly ScheduleSegment[]
}
