import type { Variant } from '../core/talk/settings'
import type { GroupToken } from './tokens'
import type { ExerciseDefinition, RoleSide, TimedPhase } from './types'
import { scheduleFor } from './schedule'
import { TOKEN_PALETTE, tokenAt } from './tokens'

/**
 * The exercise on paper, for a room without phones or Wi-Fi: numbered cards
 * in pairs (the same colour and number on both), the prompts for each role,
 * and the facilitator's timer script, all read from the exercise definition.
 * Pure content; kit/documents/paper-cards.ts prints it.
 */

export interface TimerScriptRow {
  /** "m:ss" on a stopwatch started at the first step. */
  at: string
  phase: TimedPhase
  /** 1-based for pairing and rounds; 0 elsewhere. */
  round: number
  label: string
  seconds: number
  /** What the facilitator says when the step begins. */
  say: string
}

export interface PaperCard {
  /** 1-based group number, printed large next to the colour. */
  group: number
  token: GroupToken
  /** A: asks first; B: helps first; C: the third person of a trio, helps in every turn. */
  seat: 'A' | 'B' | 'C'
  firstRole: RoleSide
  note: string
}

export interface PaperCards {
  title: string
  variant: Variant
  cards: PaperCard[]
  roles: Record<RoleSide, { label: string, summary: string, prompts: readonly string[] }>
  script: TimerScriptRow[]
  commitment: string
  totalMinutes: number
}

function clock(seconds: number): string {
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Every step of a variant with the stopwatch reading at which it starts. */
export function timerScript(definition: ExerciseDefinition, variant: Variant): TimerScriptRow[] {
  const rows: TimerScriptRow[] = []
  let at = 0
  for (const segment of scheduleFor(definition, variant).segments) {
    for (const step of segment.steps) {
      const who = step.turn === null ? '' : ` (turn ${step.turn + 1}: card ${step.turn === 0 ? 'A' : 'B'} asks)`
      rows.push({ at: clock(at), phase: step.phase, round: step.round, label: step.label, seconds: step.seconds, say: `${step.instruction}${who}` })
      at += step.seconds
    }
  }
  return rows
}

/**
 * Cards for `groups` pairs (tokens in the palette's fixed order, so a printed
 * set never depends on a seed), with one trio card per group for odd rooms.
 */
export function paperCards(definition: ExerciseDefinition, variant: Variant, options: { groups?: number } = {}): PaperCards {
  const groups = Math.max(1, Math.min(options.groups ?? 12, 60))
  const cards: PaperCard[] = []
  const { focus, support } = definition.roles
  for (let i = 0; i < groups; i++) {
    const token = tokenAt(TOKEN_PALETTE, i)
    cards.push(
      { group: i + 1, token, seat: 'A', firstRole: 'focus', note: `You ask first (${focus.label.toLowerCase()}), then you help.` },
      { group: i + 1, token, seat: 'B', firstRole: 'support', note: `You help first (${support.label.toLowerCase()}), then you ask.` },
    )
    if (definition.groupSize === 3 || i === 0)
      cards.push({ group: i + 1, token, seat: 'C', firstRole: 'support', note: definition.groupSize === 3 ? 'You ask third; help in the other turns.' : 'If you are three: you help in every turn, and may ask in the last minute.' })
  }
  const script = timerScript(definition, variant)
  const totalSeconds = scheduleFor(definition, variant).segments.reduce((sum, s) => sum + s.steps.reduce((n, step) => n + step.seconds, 0), 0)
  return {
    title: definition.title,
    variant,
    cards,
    roles: {
      focus: { label: focus.label, summary: focus.summary, prompts: focus.prompts },
      support: { label: support.label, summary: support.summary, prompts: support.prompts },
    },
    script,
    commitment: definition.commitment.blank,
    totalMinutes: Math.round(totalSeconds / 6) / 10,
  }
}
