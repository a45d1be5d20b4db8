import type { Variant } from '../core/talk/settings'
import type { GroupToken } from './tokens'
import type { ExerciseDefinition, RoleSide, ScheduledStep, TimedPhase, TopicTag } from './types'
import { scheduleFor, scheduleSeconds } from './schedule'
import { TOKEN_PALETTE, tokenAt } from './tokens'

/**
 * The exercise on paper, for a room without phones or Wi-Fi. Pure content;
 * kit/documents/paper-cards.ts prints it.
 *
 * People sort themselves by topic: one sign per topic, on a table. Each table
 * gets a bundled "table set" of cards. Round 1: the two cards with the same
 * colour and number are partners (a token is never printed twice, so sets
 * can be mixed or split without two "Red 1" pairs). Round 2: everyone stays
 * at their table and meets the others with their ring number; the rings are a
 * rotation inside the set, so nobody meets their round-1 partner again.
 */

export interface PaperCard {
  /** 1-based pair (or trio) in print order; cards of one group share the token. */
  group: number
  token: GroupToken
  /** The order in which the group asks: A first, then B (, C …). */
  seat: Seat
  firstRole: RoleSide
  /** Whether this card's group is bigger than the exercise's usual group (a pair exercise's one trio). */
  trio: boolean
  note: string
  /** 1-based table set: the cards one topic table gets, bundled together. */
  set: number
  /** 1-based position in the set and the set's size ("card 5 of 8"). */
  inSet: number
  setSize: number
  /** Round 2's table ring, numbered across the room; null when the variant has one round. */
  ring: number | null
}

export interface TimerScriptRow {
  /** "m:ss" on a stopwatch started at the first step. */
  at: string
  phase: TimedPhase
  /** 1-based for pairing and rounds; 0 elsewhere. */
  round: number
  label: string
  seconds: number
  /** The step's length as "m:ss". */
  duration: string
  /** What the facilitator says when the step begins, worded for cards rather than phones. */
  say: string
}

/** One block of the timer script, with its own total, so each block can be checked against its slide. */
export interface ScriptSection {
  title: string
  phases: readonly TimedPhase[]
  rows: TimerScriptRow[]
  seconds: number
  /** "m:ss". */
  total: string
}

export interface PaperCards {
  title: string
  variant: Variant
  people: number
  rounds: number
  cards: PaperCard[]
  sets: number
  rings: number
  roles: Record<RoleSide, { label: string, summary: string, prompts: readonly string[] }>
  script: TimerScriptRow[]
  sections: ScriptSection[]
  /** How the room runs on paper, in order, for the facilitator. */
  howItRuns: string[]
  /** The one trio rule, as the guide and the cards state it. */
  trioRule: string
  commitment: string
  /** One table sign each. */
  topics: readonly TopicTag[]
  /** Pairing and rounds together: what the exercise-rounds slide shows. */
  roundsSeconds: number
  totalSeconds: number
}

/** Seconds as "m:ss", the way a stopwatch shows them. */
export function clock(seconds: number): string {
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** A room this size prints in one go; past it, a typo (3000 for 30) is the likelier story. */
export const MAX_PEOPLE = 1000
export const DEFAULT_PEOPLE = 30
/** Table sets aim at eight people: four pairs in round 1, two rings of four in round 2. */
const PEOPLE_PER_SET = 8
/** Below this, round 2 is one ring of the whole room (a Reciprocity Ring): there is nobody new to meet. */
const SMALLEST_ROTATION = 6

export class PeopleCountError extends RangeError {}

/** Refuses a head count the cards cannot be printed for, with the reason in the message. */
export function checkPeople(people: number): number {
  if (!Number.isInteger(people) || people < 2 || people > MAX_PEOPLE)
    throw new PeopleCountError(`The number of people must be a whole number from 2 to ${MAX_PEOPLE}; got ${people}.`)
  return people
}

/** Letters for up to this many people in a group (a pair exercise's trio, a troika of four). */
const SEATS = ['A', 'B', 'C', 'D', 'E'] as const
export type Seat = typeof SEATS[number]

/**
 * Group sizes in print order: groups of `size`, and when the room does not
 * divide evenly the last few are one bigger (a pair exercise gets one trio).
 */
function groupsFor(people: number, size: 2 | 3): number[] {
  const count = Math.max(1, Math.floor(people / size))
  const extra = people - count * size
  return Array.from({ length: count }, (_, i) => size + Math.floor(extra / count) + (count - 1 - i < extra % count ? 1 : 0))
}

/** Splits `count` groups into sets as even as possible, about eight people each. */
function setSizes(count: number, size: 2 | 3): number[] {
  const sets = Math.max(1, Math.round(count / (PEOPLE_PER_SET / size)))
  return Array.from({ length: sets }, (_, i) => Math.floor(count / sets) + (i < count % sets ? 1 : 0))
}

/**
 * Ring of member `m` of group `i` in a set with `rings` rings: (i + m) mod rings.
 * Members of one group land in consecutive, hence different, rings as long as
 * there are at least as many rings as members; every ring gets people from
 * several residues of i, so with at least as many groups as rings no ring is short.
 */
function ringsInSet(groups: readonly number[], people: number): number {
  const wanted = Math.max(2, Math.round(people / 4), ...groups)
  return Math.min(wanted, groups.length)
}

export interface CardPlanEntry {
  group: number
  seat: Seat
  /** Whether the group is bigger than the exercise's group size (the one trio of a pair exercise). */
  bigger: boolean
  set: number
  inSet: number
  setSize: number
  ring: number | null
}

/**
 * Which card goes to whom, for `people` and a number of rounds: token groups,
 * table sets and round-2 rings. Tokens are the palette's colours first, then
 * numbers (Red 1 … Black 1, Red 2 …), so a set's groups have different colours.
 */
export function cardPlan(people: number, rounds: number, groupSize: 2 | 3 = 2): CardPlanEntry[] {
  const groups = groupsFor(checkPeople(people), groupSize)
  const entries: CardPlanEntry[] = []
  const rotate = rounds > 1 && people >= SMALLEST_ROTATION
  let first = 0
  let ringBase = 0
  setSizes(groups.length, groupSize).forEach((count, setIndex) => {
    const inSet = groups.slice(first, first + count)
    const setPeople = inSet.reduce((n, size) => n + size, 0)
    const rings = rotate ? ringsInSet(inSet, setPeople) : 1
    let position = 0
    inSet.forEach((size, i) => {
      for (let m = 0; m < size; m++) {
        entries.push({
          group: first + i + 1,
          seat: SEATS[m]!,
          bigger: size > groupSize,
          set: setIndex + 1,
          inSet: ++position,
          setSize: setPeople,
          ring: rounds > 1 ? (rotate ? ringBase + ((i + m) % rings) + 1 : 1) : null,
        })
      }
    })
    first += count
    ringBase += rings
  })
  return entries
}

/** The turn steps of round 1 (and the swaps between them): the time a trio shares three ways. */
function turnSeconds(steps: readonly ScheduledStep[]): number {
  return steps.filter(step => step.turn !== null || step.swap).reduce((n, step) => n + step.seconds, 0)
}

function seatNote(seat: Seat, bigger: boolean, definition: ExerciseDefinition, share: string): string {
  const { focus, support } = definition.roles
  const position = SEATS.indexOf(seat)
  if (definition.groupSize === 3) {
    const note = `You are the ${focus.label.toLowerCase()} in turn ${position + 1}, a ${support.label.toLowerCase()} in the others.`
    return bigger ? `${note} Your group is four: each of you takes a turn, about ${share} each.` : note
  }
  if (position >= 2)
    return `You ask third. You are a trio, so each of you asks once: about ${share} each, A, then B, then you.`
  const note = seat === 'A'
    ? `You ask first (${focus.label.toLowerCase()}), then you help.`
    : `You help first (${support.label.toLowerCase()}), then you ask.`
  return bigger ? `${note} You are a trio: about ${share} per ask, so C asks too.` : note
}

/**
 * What the facilitator says at a step, on paper. The definition's words are
 * written for the phones ("same colour and number on both phones"); the steps
 * that involve finding people or tagging topics are said in terms of cards and
 * topic tables instead.
 */
function paperSay(step: ScheduledStep): string {
  if (step.phase === 'prepare') {
    const pick = 'Pick the topic table your ask fits best.'
    return /tag the topics\.?/i.test(step.instruction) ? step.instruction.replace(/tag the topics\.?/i, pick) : `${step.instruction} ${pick}`
  }
  if (step.phase === 'pairing') {
    return step.round === 1
      ? 'Take your ask to the topic table that fits it. Each table takes one set of cards; everyone takes one. Your partner holds the same colour and number.'
      : 'Stay at your table. Find the others with your ring number on your card: people you have not worked with yet.'
  }
  if (step.turn !== null) {
    if (step.round === 1) {
      const who = step.turn === 0 ? 'card A asks' : step.turn === 1 ? 'card B asks' : `card ${String.fromCharCode(65 + step.turn)} asks`
      return `${step.instruction} (turn ${step.turn + 1}: ${who})`
    }
    return `${step.instruction} (ring turn ${step.turn + 1})`
  }
  return /phone/i.test(step.instruction) ? step.instruction.replace(/phones?/gi, 'cards') : step.instruction
}

const SECTIONS: ReadonlyArray<{ title: string, phases: readonly TimedPhase[] }> = [
  { title: 'Write', phases: ['prepare'] },
  { title: 'Pair up and rounds', phases: ['pairing', 'rounds'] },
  { title: 'Debrief', phases: ['debrief'] },
  { title: 'Commitment', phases: ['commitment'] },
]

/** Every step of a variant with the stopwatch reading at which it starts, worded for cards. */
export function timerScript(definition: ExerciseDefinition, variant: Variant): TimerScriptRow[] {
  const schedule = scheduleFor(definition, variant)
  const rows: TimerScriptRow[] = []
  let at = 0
  for (const segment of schedule.segments) {
    for (const step of segment.steps) {
      rows.push({ at: clock(at), phase: step.phase, round: step.round, label: step.label, seconds: step.seconds, duration: clock(step.seconds), say: paperSay(step) })
      at += step.seconds
    }
  }
  return rows
}

/** The paper fallback for `people` (default 30): one card per person, the timer script and the roles. */
export function paperCards(definition: ExerciseDefinition, variant: Variant, options: { people?: number } = {}): PaperCards {
  const people = checkPeople(options.people ?? DEFAULT_PEOPLE)
  const schedule = scheduleFor(definition, variant)
  const roundOne = schedule.segments.find(segment => segment.phase === 'rounds' && segment.round === 1)
  const biggerSize = definition.groupSize + 1
  const share = clock(turnSeconds(roundOne?.steps ?? []) / biggerSize)
  const trioRule = definition.groupSize === 2
    ? `A trio has no observer: everyone asks once. The three share the two turns' time, about ${share} per ask: A, then B, then C; the other two help.`
    : `A group of four has no observer: everyone takes a turn, about ${share} each, in card order.`
  const plan = cardPlan(people, schedule.rounds, definition.groupSize)
  const cards: PaperCard[] = plan.map(entry => ({
    group: entry.group,
    token: tokenAt(TOKEN_PALETTE, entry.group - 1),
    seat: entry.seat,
    firstRole: entry.seat === 'A' ? 'focus' : 'support',
    trio: entry.bigger,
    note: seatNote(entry.seat, entry.bigger, definition, share),
    set: entry.set,
    inSet: entry.inSet,
    setSize: entry.setSize,
    ring: entry.ring,
  }))
  const script = timerScript(definition, variant)
  const sections = SECTIONS.map(({ title, phases }) => {
    const seconds = scheduleSeconds(schedule, phases)
    return { title, phases, rows: script.filter(row => phases.includes(row.phase)), seconds, total: clock(seconds) }
  }).filter(section => section.rows.length > 0)
  const sets = cards.at(-1)?.set ?? 0
  const rings = new Set(cards.map(card => card.ring).filter(ring => ring !== null)).size
  const { focus, support } = definition.roles
  const howItRuns = [
    `Before the session: cut the cards along the dashed lines and keep each table set together (the set number is at the foot of every card): ${sets} ${sets === 1 ? 'set' : 'sets'} for ${people} people. Put one topic sign on each table.`,
    'Write: everyone writes one ask and a few offers on the handout and picks the topic sign their ask fits best.',
    'Pair up: people take their ask to that topic table. Give each table of six to ten people one set (a bigger table splits in two; a smaller one joins the nearest topic). Everyone takes a card: the other card with the same colour and number is your partner.',
    `Card A asks first (${focus.label.toLowerCase()}), card B helps first (${support.label.toLowerCase()}); at the swap they change over. ${trioRule}`,
    ...(schedule.rounds > 1
      ? [people >= SMALLEST_ROTATION
          ? 'Round 2: everyone stays at their table and finds the others with the same ring number: three or four people, none of them a round-1 partner. Each person asks the ring once; the others offer.'
          : 'Round 2: the room is small enough for one ring. Everyone asks the whole group once; the others offer.']
      : []),
    'Spare cards: if fewer people come, a table leaves its last cards in the bundle. Someone left without a partner joins the nearest pair as its third person and asks once, like a trio.',
  ]
  return {
    title: definition.title,
    variant,
    people,
    rounds: schedule.rounds,
    cards,
    sets,
    rings,
    roles: {
      focus: { label: focus.label, summary: focus.summary, prompts: focus.prompts },
      support: { label: support.label, summary: support.summary, prompts: support.prompts },
    },
    script,
    sections,
    howItRuns,
    trioRule,
    commitment: definition.commitment.blank,
    topics: definition.topics,
    roundsSeconds: scheduleSeconds(schedule, ['pairing', 'rounds']),
    totalSeconds: scheduleSeconds(schedule),
  }
}
