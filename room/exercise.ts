import type { ErrorCode, ExerciseAction, ExerciseClock, ExerciseCounts, ExerciseEndSummary, ExerciseId, ExercisePhoneView, ExerciseRoundFormat, ExerciseScreenView, ExerciseSummary, ExerciseTopicCount } from '../core/protocol'
import type { Variant } from '../core/talk/settings'
import type { GroupSize, Pairing, PairingCandidate } from '../exercises/pairing'
import type { TimelineEvent, TimelineState } from '../exercises/timeline'
import type { GroupToken } from '../exercises/tokens'
import type { ExerciseDefinition, ExerciseSchedule, Phase } from '../exercises/types'
import type { Submission, SubmissionIssue } from '../exercises/validate'
import type { PairingVersion, RunRow, StoredPairing } from './exercise-storage'
import { createHash, randomInt } from 'node:crypto'
import { EXERCISE_VARIANT_RANGE } from '../core/protocol'
import { DEFAULT_EXERCISE_ID, findExercise } from '../exercises/index'
import { historyOf, pair, placeLate, repairAfterLeave } from '../exercises/pairing'
import { scheduleFor } from '../exercises/schedule'
import { applyEvent, currentStep, initialTimeline, settle } from '../exercises/timeline'
import { roundSegment } from '../exercises/turn-plan'
import { MAX_PLACED_SIZE } from '../exercises/types'
import { validateCommitment, validateSubmission } from '../exercises/validate'
import { ExerciseStorage } from './exercise-storage'

/**
 * The live exercise over storage: runs, the facilitator's timeline events,
 * submissions, pairings per round and commitments. Every view is derived
 * from stored facts and `now`; the only timers are the grace periods after
 * which someone who left mid-round is repaired out of their group.
 */

export interface Presence {
  isConnected: (participantId: string) => boolean
  connectedIds: () => string[]
}

export interface ExerciseRoomOptions {
  db: ConstructorParameters<typeof ExerciseStorage>[0]
  session: string
  now: () => number
  presence: Presence
  /** How long someone may be gone mid-round before their group is repaired, ms. */
  graceMs: number
  /**
   * The workshop length, in minutes, of a run whose `start-prepare` names none
   * (the slides always name the deck's). @default 60
   */
  defaultVariant?: Variant
  /**
   * Wraps the writes no message asked for (a repair after the grace period),
   * so a failed one shows in the room's storage health like any other.
   * @default runs the work as it is
   */
  guard?: <T>(work: () => T) => T
}

/**
 * `state`: phase, step or groups changed (every phone and screen);
 * `counts`: submissions or commitments changed (screens, batched);
 * `mine`: one participant's own view changed (their phones).
 */
export type ExerciseEvent = { kind: 'state' } | { kind: 'counts' } | { kind: 'mine', participantId: string }

export interface ExerciseFailure { ok: false, code: ErrorCode, message: string, issues?: SubmissionIssue[] }
export type ExerciseOutcome = { ok: true, run: number } | ExerciseFailure

const PAIRED_PHASES: readonly Phase[] = ['pairing', 'rounds']

function fail(code: ErrorCode, message: string, issues?: SubmissionIssue[]): ExerciseFailure {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message }
}

function parseToken(text: string): GroupToken {
  try {
    return JSON.parse(text) as GroupToken
  }
  catch {
    return { colour: 'Grey', hex: '#BDBDBD', ink: '#000000', number: 0, label: 'Grey 0' }
  }
}

/** A round's format and planned group size, from the schedule. */
function roundShape(schedule: ExerciseSchedule, round: number): { format: ExerciseRoundFormat, groupSize: GroupSize } {
  const segment = roundSegment(schedule, round)
  const size = segment?.groupSize
  return { format: segment?.format ?? 'groups', groupSize: size === 3 || size === 4 ? size : 2 }
}

function toPairing(stored: StoredPairing, run: RunRow, schedule: ExerciseSchedule): Pairing {
  return {
    round: stored.round,
    seed: run.seed,
    groupSize: roundShape(schedule, stored.round).groupSize,
    groups: stored.groups.map(group => ({ token: parseToken(group.token), members: group.members.map(m => ({ id: m.id, ids: [m.id], passed: m.passed })), score: 0, repeats: 0 })),
    alone: stored.alone === null ? null : { id: stored.alone, ids: [stored.alone], passed: false },
  }
}

function toStored(pairing: Pairing, version: number): StoredPairing {
  return {
    round: pairing.round,
    version,
    alone: pairing.alone?.id ?? null,
    groups: pairing.groups.map(group => ({ token: JSON.stringify(group.token), members: group.members.map(m => ({ id: m.id, passed: m.passed })) })),
  }
}

interface Snapshot {
  run: RunRow
  definition: ExerciseDefinition
  schedule: ExerciseSchedule
  timeline: TimelineState
  now: number
  clock: ExerciseClock
  pairings: StoredPairing[]
  /** The pairing of the round now being paired or run; null outside those phases. */
  current: StoredPairing | null
  submissions: Map<string, Submission>
}

export class ExerciseRoom {
  readonly store: ExerciseStorage
  private readonly session: string
  private readonly now: () => number
  private readonly presence: Presence
  private readonly graceMs: number
  private readonly defaultVariant: Variant
  private readonly listeners = new Set<(event: ExerciseEvent) => void>()
  private readonly leaving = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly guard: <T>(work: () => T) => T

  constructor(options: ExerciseRoomOptions) {
    this.guard = options.guard ?? (work => work())
    this.store = new ExerciseStorage(options.db)
    this.session = options.session
    this.now = options.now
    this.presence = options.presence
    this.graceMs = options.graceMs
    this.defaultVariant = options.defaultVariant ?? 60
    // After a restart nobody is connected yet: whoever does not come back within the grace period leaves their group.
    const snap = this.snapshot()
    for (const group of snap?.current?.groups ?? []) {
      for (const member of group.members)
        this.presenceChanged(member.id)
    }
  }

  on(listener: (event: ExerciseEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(event: ExerciseEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      }
      catch {
        // A failing listener must not undo or hide a committed change.
      }
    }
  }

  close(): void {
    for (const timer of this.leaving.values())
      clearTimeout(timer)
    this.leaving.clear()
    this.listeners.clear()
  }

  // ---- derived state ----

  private snapshot(): Snapshot | null {
    const run = this.store.latestRun(this.session)
    const definition = run && findExercise(run.exerciseId)
    if (!run || !definition)
      return null
    const schedule = scheduleFor(definition, run.variant)
    const timeline = this.store.timeline(this.session, run.run) ?? initialTimeline()
    const now = this.now()
    const view = currentStep(timeline, schedule, now)
    const clock: ExerciseClock = {
      timeline,
      status: view.status,
      phase: view.phase,
      round: view.round,
      rounds: schedule.rounds,
      stepId: view.step?.id ?? null,
      stepIndex: view.stepIndex,
      stepsInPhase: view.stepsInPhase,
      turn: view.turn,
      swap: view.swap,
      remainingMs: view.remainingMs,
      overtimeMs: view.overtimeMs,
      endsAt: view.endsAt,
    }
    const pairings = this.store.pairings(this.session, run.run)
    const current = PAIRED_PHASES.includes(view.phase) ? pairings.find(p => p.round === view.round) ?? null : null
    const submissions = this.store.submissions(this.session, run.run)
    return { run, definition, schedule, timeline, now, clock, pairings, current, submissions }
  }

  /** The run in progress or last run, and its phase now; null before any run. */
  status(): { run: number, phase: Phase, round: number } | null {
    const snap = this.snapshot()
    return snap && { run: snap.run.run, phase: snap.clock.phase, round: snap.clock.round }
  }

  // ---- facilitator ----

  control(action: ExerciseAction): ExerciseOutcome {
    const now = this.now()
    if (action.kind === 'start-prepare')
      return this.startPrepare(action.exerciseId ?? DEFAULT_EXERCISE_ID, action.variant ?? this.defaultVariant, action.restart === true, now)
    const snap = this.snapshot()
    if (!snap)
      return fail('no-exercise', 'No exercise is running. Start the prepare phase first.')
    const { schedule } = snap
    const before = settle(snap.timeline, schedule, now)
    if (before.phase === 'done' && action.kind !== 'end')
      return fail('exercise-refused', 'The exercise is over. Start a new run if you want another one.')
    if (action.kind === 'place-late')
      return this.placeWaiting(snap, before, action.key, action.group, now)

    let events: TimelineEvent[]
    let target: Phase | null = null
    switch (action.kind) {
      case 'form-pairs':
        if (before.phase !== 'prepare')
          return fail('exercise-refused', 'Pairs are formed at the end of the prepare phase; use “next round” to pair people again.')
        events = [{ type: 'next' }]
        break
      case 'start-round':
        if (before.phase !== 'pairing')
          return fail('exercise-refused', 'A round starts once pairs are formed.')
        events = [{ type: 'next' }]
        break
      case 'end-round':
        if (before.phase !== 'rounds')
          return fail('exercise-refused', 'No round is running.')
        events = [{ type: 'next' }]
        break
      case 'extend':
        events = [{ type: 'extend', seconds: action.seconds }]
        break
      case 'next-round': {
        // A stale or slipped "Next round" must not cut a round short: that takes a confirmation.
        const status = currentStep(before, schedule, now).status
        const midRound = before.phase === 'pairing' || (before.phase === 'rounds' && status !== 'overtime')
        if (midRound && action.force !== true && before.round < schedule.rounds)
          return fail('exercise-confirm', 'This round still has time left. Confirm to end it now and pair people for the next round.')
        events = [{ type: 'next-round' }]
        break
      }
      case 'start-debrief':
      case 'start-commitment':
        target = action.kind === 'start-debrief' ? 'debrief' : 'commitment'
        if (before.phase === target)
          return { ok: true, run: snap.run.run }
        events = []
        break
      default:
        events = [{ type: action.kind }]
    }

    let state = before
    const apply = (event: TimelineEvent): ExerciseFailure | null => {
      const result = applyEvent(state, event, schedule, now)
      if (!result.ok)
        return fail('exercise-refused', result.message)
      state = result.state
      return null
    }
    for (const event of events) {
      const refused = apply(event)
      if (refused)
        return refused
    }
    if (target) {
      // Walk forward phase by phase; skipped rounds are not paired.
      for (let i = 0; i < schedule.segments.length + 1 && state.phase !== target; i++) {
        if (state.phase === 'done')
          break
        const refused = apply({ type: 'next' })
        if (refused)
          return refused
      }
      if (state.phase !== target)
        return fail('exercise-refused', `This exercise has no ${target} phase after the current one.`)
    }

    const entersPairing = state.phase === 'pairing' && (before.phase !== 'pairing' || before.round !== state.round)
    this.store.transaction(() => {
      this.store.insertEvent(this.session, snap.run.run, action.kind, now, state)
      if (entersPairing)
        this.formPairs(snap, state.round, now)
    })
    if (entersPairing) {
      for (const id of [...this.leaving.keys()])
        this.clearLeaving(id)
    }
    this.emit({ kind: 'state' })
    return { ok: true, run: snap.run.run }
  }

  private startPrepare(exerciseId: ExerciseId, variant: Variant, restart: boolean, now: number): ExerciseOutcome {
    const snap = this.snapshot()
    if (snap && snap.clock.phase !== 'done') {
      if (snap.clock.phase === 'prepare' && snap.run.exerciseId === exerciseId && snap.run.variant === variant)
        return { ok: true, run: snap.run.run }
      return fail('exercise-refused', 'An exercise is already running; end it before starting a new one.')
    }
    if (snap && !restart)
      return fail('exercise-confirm', 'The exercise has ended. Confirm to start a new run: everyone writes again from an empty form.')
    const definition = findExercise(exerciseId)
    if (!definition)
      return fail('exercise-refused', 'There is no exercise with this id.')
    // The socket's schema checks this already; callers in this process (the kit, tests) are held to the same range.
    if (!Number.isInteger(variant) || variant < EXERCISE_VARIANT_RANGE.min || variant > EXERCISE_VARIANT_RANGE.max)
      return fail('exercise-refused', `A run is for a workshop of ${EXERCISE_VARIANT_RANGE.min} to ${EXERCISE_VARIANT_RANGE.max} whole minutes, not ${String(variant)}.`)
    const run: RunRow = { run: (snap?.run.run ?? 0) + 1, exerciseId, variant, seed: randomInt(0, 2 ** 31), createdAt: now }
    const started = applyEvent(initialTimeline(), { type: 'start' }, scheduleFor(definition, variant), now)
    if (!started.ok)
      return fail('exercise-refused', started.message)
    this.store.transaction(() => {
      this.store.insertRun(this.session, run)
      this.store.insertEvent(this.session, run.run, 'start-prepare', now, started.state)
    })
    this.emit({ kind: 'state' })
    return { ok: true, run: run.run }
  }

  /** An opaque handle for a waiting person on the screen view: the presenter's page never sees participant ids. */
  private waitingKey(participantId: string): string {
    return createHash('sha256').update(`${this.session}\u0000${participantId}`).digest('hex').slice(0, 16)
  }

  /** People present without a group while pairs run: late joiners, and someone left alone. */
  private waitingIn(snap: Snapshot): Array<{ id: string, asks: boolean, alone: boolean }> {
    const current = snap.current
    if (!current)
      return []
    const grouped = new Set(current.groups.flatMap(g => g.members.map(m => m.id)))
    // Someone left alone at pairing has waited longest: they come first.
    return [...new Set(this.presence.connectedIds())]
      .filter(id => !grouped.has(id))
      .map((id) => {
        const s = snap.submissions.get(id)
        return { id, asks: s !== undefined && !s.pass, alone: current.alone === id }
      })
      .sort((a, b) => Number(b.alone) - Number(a.alone))
  }

  private placeWaiting(snap: Snapshot, before: TimelineState, key: string | undefined, groupLabel: string | undefined, now: number): ExerciseOutcome {
    const current = snap.current
    if (!current || !PAIRED_PHASES.includes(before.phase))
      return fail('exercise-refused', 'Late joiners are placed while pairs run: during the pair-up or a round.')
    const waiting = this.waitingIn(snap)
    const target = key === undefined ? waiting[0] : waiting.find(w => this.waitingKey(w.id) === key)
    if (!target)
      return fail('exercise-refused', key === undefined ? 'Nobody is waiting for a group.' : 'That person is no longer waiting: they left, or have a group already.')
    const { format } = roundShape(snap.schedule, current.round)
    const history = historyOf(snap.pairings.filter(p => p.round < current.round).map(p => toPairing(p, snap.run, snap.schedule)))
    // Placed during the pair-up, an ask gets its turn; once turns run, a newcomer helps so nobody's turn moves.
    const member = { id: target.id, ids: [target.id], passed: before.phase === 'rounds' || !target.asks }
    const placed = placeLate(toPairing(current, snap.run, snap.schedule), member, { maxSize: MAX_PLACED_SIZE[format], history, group: groupLabel })
    if (!placed.ok) {
      const message = {
        'full': format === 'ring' ? 'Every table already has five people.' : 'Every group already has three people: there is no pair left to make a trio.',
        'unknown-group': 'No group has that token in this round.',
        'already-grouped': 'That person already has a group.',
        'no-groups': 'There is no group to place them in yet.',
      }[placed.reason]
      return fail('exercise-refused', groupLabel !== undefined && placed.reason === 'full' ? `${groupLabel} is full. Choose another group.` : message)
    }
    this.store.insertPairing(this.session, snap.run.run, toStored(placed.pairing, current.version + 1), 'place', now)
    this.emit({ kind: 'state' })
    return { ok: true, run: snap.run.run }
  }

  /** Pair everyone connected now (one person per participant id, so two tabs count once); late joiners wait for the next round. */
  private formPairs(snap: Snapshot, round: number, now: number): void {
    const submissions = snap.submissions
    const candidates: PairingCandidate[] = [...new Set(this.presence.connectedIds())].sort().map((id) => {
      const s = submissions.get(id)
      // Nobody is asked to speak without an ask: no submission pairs like a pass.
      return { id, askTopics: s?.askTopics ?? [], offerTopics: s?.offerTopics ?? [], passed: s ? s.pass : true }
    })
    const earlier = snap.pairings.filter(p => p.round < round).map(p => toPairing(p, snap.run, snap.schedule))
    const pairing = pair(candidates, { seed: snap.run.seed, round, groupSize: roundShape(snap.schedule, round).groupSize, history: historyOf(earlier) })
    const version = (snap.pairings.find(p => p.round === round)?.version ?? 0) + 1
    this.store.insertPairing(this.session, snap.run.run, toStored(pairing, version), 'paired', now)
  }

  // ---- participants ----

  submit(participantId: string, input: Record<string, unknown>): ExerciseOutcome {
    const snap = this.snapshot()
    if (!snap || snap.clock.phase === 'done')
      return fail('no-exercise', 'No exercise is running right now.')
    if (snap.clock.phase !== 'prepare')
      return fail('exercise-locked', 'Pairs are formed, so your ask can no longer change. Bring it to your partner as it is.')
    const cleaned = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined))
    const check = validateSubmission(snap.definition, cleaned)
    if (!check.ok)
      return fail('invalid-submission', check.issues[0]?.message ?? 'The submission does not fit the exercise.', check.issues)
    this.store.upsertSubmission(this.session, snap.run.run, participantId, check.submission, this.now())
    this.emit({ kind: 'mine', participantId })
    this.emit({ kind: 'counts' })
    return { ok: true, run: snap.run.run }
  }

  commit(participantId: string, fields: Record<string, string>, shared: boolean): ExerciseOutcome {
    const snap = this.snapshot()
    if (!snap)
      return fail('no-exercise', 'No exercise has run in this room.')
    const check = validateCommitment(snap.definition.commitment, fields)
    if (!check.ok)
      return fail('invalid-commitment', check.issues[0]?.message ?? 'The commitment is incomplete.', check.issues)
    this.store.upsertCommitment(this.session, snap.run.run, participantId, JSON.stringify(check.values), shared, this.now())
    this.emit({ kind: 'mine', participantId })
    this.emit({ kind: 'counts' })
    return { ok: true, run: snap.run.run }
  }

  /** Call when a participant's first connection opens or last one closes. */
  presenceChanged(participantId: string): void {
    if (this.presence.isConnected(participantId)) {
      this.clearLeaving(participantId)
      return
    }
    if (this.leaving.has(participantId))
      return
    const snap = this.snapshot()
    const inGroup = snap?.current && (snap.current.alone === participantId || snap.current.groups.some(g => g.members.some(m => m.id === participantId)))
    if (!inGroup)
      return
    const timer = setTimeout(() => {
      this.leaving.delete(participantId)
      try {
        this.guard(() => this.leave(participantId))
      }
      catch (error) {
        console.error('[room] could not repair a group:', error)
      }
    }, this.graceMs)
    timer.unref?.()
    this.leaving.set(participantId, timer)
  }

  private clearLeaving(participantId: string): void {
    const timer = this.leaving.get(participantId)
    if (timer !== undefined) {
      clearTimeout(timer)
      this.leaving.delete(participantId)
    }
  }

  private leave(participantId: string): void {
    if (this.presence.isConnected(participantId))
      return
    const snap = this.snapshot()
    if (!snap?.current)
      return
    const history = historyOf(snap.pairings.filter(p => p.round < snap.current!.round).map(p => toPairing(p, snap.run, snap.schedule)))
    const before = toPairing(snap.current, snap.run, snap.schedule)
    const repaired = repairAfterLeave(before, participantId, { history })
    if (repaired.pairing === before)
      return
    if (snap.clock.phase === 'rounds') {
      // Once turns run, someone moved into another group only helps there, so that group's turns stay where they are.
      const tokenBefore = new Map(before.groups.flatMap(group => group.members.map(m => [m.id, group.token.label] as const)))
      for (const group of repaired.pairing.groups) {
        group.members = group.members.map((m) => {
          const was = tokenBefore.get(m.id)
          return was !== undefined && was !== group.token.label ? { ...m, passed: true } : m
        })
      }
    }
    this.store.insertPairing(this.session, snap.run.run, toStored(repaired.pairing, snap.current.version + 1), 'repair', this.now())
    this.emit({ kind: 'state' })
  }

  // ---- views ----

  /** How each member of the current round came into their group, read from the round's pairing versions. */
  private joinedIn(snap: Snapshot): Map<string, 'paired' | 'placed' | 'moved'> {
    const out = new Map<string, 'paired' | 'placed' | 'moved'>()
    const current = snap.current
    if (!current)
      return out
    const versions = this.store.pairingVersions(this.session, snap.run.run).filter(v => v.round === current.round)
    const first = new Map<string, { reason: PairingVersion['reason'], token: string }>()
    for (const version of versions) {
      for (const group of version.groups) {
        for (const m of group.members) {
          if (!first.has(m.id))
            first.set(m.id, { reason: version.reason, token: group.token })
        }
      }
    }
    for (const group of current.groups) {
      for (const m of group.members) {
        const seen = first.get(m.id)
        out.set(m.id, seen?.reason === 'place' ? 'placed' : seen && seen.token !== group.token ? 'moved' : 'paired')
      }
    }
    return out
  }

  phoneView(participantId: string, snap: Snapshot | null = this.snapshot(), joined?: Map<string, 'paired' | 'placed' | 'moved'>): ExercisePhoneView | null {
    if (!snap)
      return null
    const { run, clock, current } = snap
    const submission = snap.submissions.get(participantId) ?? null
    const commitmentRow = this.store.commitment(this.session, run.run, participantId)
    let commitment: ExercisePhoneView['commitment'] = null
    if (commitmentRow) {
      const values = JSON.parse(commitmentRow.fields) as Record<string, string>
      const check = validateCommitment(snap.definition.commitment, values)
      commitment = { values, sentence: check.ok ? check.sentence : '', shared: commitmentRow.shared }
    }
    let group: ExercisePhoneView['group'] = null
    let waiting: ExercisePhoneView['waiting'] = null
    if (current) {
      const found = current.groups.find(g => g.members.some(m => m.id === participantId))
      if (found) {
        const names = this.store.nicknames(this.session, found.members.map(m => m.id))
        const how = (joined ?? this.joinedIn(snap)).get(participantId) ?? 'paired'
        group = {
          round: current.round,
          format: roundShape(snap.schedule, current.round).format,
          token: parseToken(found.token),
          members: found.members.map(m => ({ nickname: names.get(m.id) ?? null, self: m.id === participantId, asks: !m.passed, passed: snap.submissions.get(m.id)?.pass === true })),
          turns: found.members.flatMap((m, i) => m.passed ? [] : [i]),
          position: found.members.findIndex(m => m.id === participantId),
          joined: how,
        }
      }
      else {
        waiting = current.alone === participantId ? 'alone' : 'late'
      }
    }
    return { run: run.run, exerciseId: run.exerciseId, variant: run.variant, clock, submission, editable: clock.phase === 'prepare', group, waiting, commitment }
  }

  /** Per-broadcast cache: one snapshot for every phone's view. */
  phoneViews(): (participantId: string) => ExercisePhoneView | null {
    const snap = this.snapshot()
    const joined = snap ? this.joinedIn(snap) : undefined
    return participantId => this.phoneView(participantId, snap, joined)
  }

  private topics(definition: ExerciseDefinition, submissions: Iterable<Submission>): ExerciseTopicCount[] {
    const counts = new Map(definition.topics.map(topic => [topic.id, { id: topic.id, label: topic.label, asks: 0, offers: 0 }]))
    for (const s of submissions) {
      for (const id of s.askTopics) {
        const c = counts.get(id)
        if (c)
          c.asks++
      }
      for (const id of s.offerTopics) {
        const c = counts.get(id)
        if (c)
          c.offers++
      }
    }
    return [...counts.values()]
  }

  screenView(): ExerciseScreenView | null {
    const snap = this.snapshot()
    if (!snap)
      return null
    const { run, clock, current, definition, submissions } = snap
    const all = [...submissions.values()]
    const present = [...new Set(this.presence.connectedIds())]
    const presentSet = new Set(present)
    const groups = current?.groups ?? []
    const paired = new Set(groups.flatMap(g => g.members.map(m => m.id)))
    const names = this.store.nicknames(this.session, [...paired])
    const here = present.map(id => submissions.get(id))
    const joined = this.joinedIn(snap)
    const waiting = this.waitingIn(snap)
    const waitingNames = this.store.nicknames(this.session, waiting.map(w => w.id))
    const counts: ExerciseCounts = {
      present: present.length,
      submitted: all.length,
      asks: here.filter(s => s !== undefined && !s.pass).length,
      passes: here.filter(s => s?.pass === true).length,
      notWritten: here.filter(s => s === undefined).length,
      left: [...submissions.keys()].filter(id => !presentSet.has(id)).length,
      groups: groups.length,
      pairs: groups.filter(g => g.members.length === 2).length,
      trios: groups.filter(g => g.members.length === 3).length,
      tables: groups.filter(g => g.members.length >= 4).length,
      paired: paired.size,
      waiting: waiting.length,
      placed: [...joined.values()].filter(how => how === 'placed').length,
      commitments: this.store.countCommitments(this.session, run.run),
    }
    return {
      run: run.run,
      exerciseId: run.exerciseId,
      variant: run.variant,
      clock,
      counts,
      topics: this.topics(definition, all),
      tokens: groups.map(g => ({
        token: parseToken(g.token),
        size: g.members.length,
        asks: g.members.filter(m => !m.passed).length,
        nicknames: g.members.map(m => names.get(m.id) ?? null).filter((n): n is string => n !== null),
      })),
      format: current ? roundShape(snap.schedule, current.round).format : null,
      waiting: waiting.map(w => ({ key: this.waitingKey(w.id), nickname: waitingNames.get(w.id) ?? null, asks: w.asks, alone: w.alone })),
      summary: clock.phase === 'done' ? this.endSummary(snap, present.length) : null,
    }
  }

  /** What the run did, over every round and every pairing version: the numbers after "End exercise". */
  private endSummary(snap: Snapshot, presentAtEnd: number): ExerciseEndSummary {
    const versions = this.store.pairingVersions(this.session, snap.run.run)
    const grouped = new Set(versions.flatMap(v => v.groups.flatMap(g => g.members.map(m => m.id))))
    const tokens = new Set(versions.flatMap(v => v.groups.map(g => `${v.round}:${g.token}`)))
    const all = [...snap.submissions.values()]
    const notWritten = [...grouped].filter(id => !snap.submissions.has(id)).length
    return {
      people: snap.submissions.size + notWritten,
      asks: all.filter(s => !s.pass).length,
      passes: all.filter(s => s.pass).length,
      notWritten,
      rounds: new Set(versions.map(v => v.round)).size,
      groupsFormed: tokens.size,
      commitments: this.store.countCommitments(this.session, snap.run.run),
      sharedCommitments: this.store.sharedCommitments(this.session, snap.run.run).length,
      presentAtEnd,
    }
  }

  /** Counts and themes of the latest run, for `/api/results`. */
  summary(): ExerciseSummary | undefined {
    const snap = this.snapshot()
    if (!snap)
      return undefined
    const submissions = [...snap.submissions.values()]
    const shared = this.store.sharedCommitments(this.session, snap.run.run).flatMap((fields) => {
      const check = validateCommitment(snap.definition.commitment, JSON.parse(fields) as unknown)
      return check.ok ? [check.sentence] : []
    })
    return {
      run: snap.run.run,
      exerciseId: snap.run.exerciseId,
      variant: snap.run.variant,
      phase: snap.clock.phase,
      submissions: submissions.length,
      asks: submissions.filter(s => !s.pass).length,
      passes: submissions.filter(s => s.pass).length,
      rounds: snap.pairings.map(p => ({
        round: p.round,
        groups: p.groups.length,
        pairs: p.groups.filter(g => g.members.length === 2).length,
        trios: p.groups.filter(g => g.members.length === 3).length,
        tables: p.groups.filter(g => g.members.length >= 4).length,
        people: p.groups.reduce((n, g) => n + g.members.length, 0),
      })),
      topics: this.topics(snap.definition, submissions),
      commitments: this.store.countCommitments(this.session, snap.run.run),
      sharedCommitments: shared,
    }
  }
}
