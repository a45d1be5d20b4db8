import type { PollProgress, PollResult } from '../core/protocol'

/**
 * What a poll slide shows, decided from facts alone (no Vue), so every state
 * the projector can be in is tested directly. The projector (audience view)
 * only ever gets results the presenter revealed; the presenter view sees
 * everything, marked when the room does not.
 */

export type StageView
  /** The room server cannot be reached and this screen has nothing to show. */
  = | { kind: 'unreachable' }
  /** Nothing asked yet. */
    | { kind: 'idle' }
    | { kind: 'open', answers: number | null, private: boolean }
    | { kind: 'closed', answers: number, private: boolean }
  /** The presenter's view of a private poll: how many answered, never what. */
    | { kind: 'private', answers: number, open: boolean }
    | { kind: 'results', result: PollResult, hiddenFromRoom: boolean }
    | { kind: 'compare', before: PollResult, after: PollResult, hiddenFromRoom: boolean }

export interface StageFacts {
  presenterView: boolean
  /** The poll is private: its answers never go on a screen. */
  private: boolean
  /** This screen's result for the poll (an audience screen holds revealed ones only). */
  result: PollResult | null
  progress: PollProgress | null
  /** The room announced this poll as the open one (before any results arrived). */
  announcedOpen: boolean
  unreachable: boolean
  /** For a before/after slide: this screen's result for the first round. */
  before?: PollResult | null
}

function hasAnswers(r: PollResult | null | undefined): r is PollResult {
  return !!r && r.total > 0
}

function waiting(facts: StageFacts): StageView {
  const { progress } = facts
  const open = progress ? progress.status === 'open' : facts.announcedOpen
  if (open)
    return { kind: 'open', answers: progress?.total ?? null, private: facts.private }
  if (progress)
    return { kind: 'closed', answers: progress.total, private: facts.private }
  return facts.unreachable ? { kind: 'unreachable' } : { kind: 'idle' }
}

export function stageView(facts: StageFacts): StageView {
  const { result, before } = facts
  if (facts.private) {
    // Not even the presenter's screen draws the answers: it is the laptop the room may glimpse.
    if (facts.presenterView && (facts.progress || result))
      return { kind: 'private', answers: facts.progress?.total ?? result?.total ?? 0, open: (facts.progress?.status ?? result?.status) === 'open' }
    return waiting(facts)
  }
  if (facts.presenterView) {
    // Side by side once the room can see the first round too, so the presenter sees the room's layout.
    if (before?.revealed && hasAnswers(before) && result && before.total + result.total > 0)
      return { kind: 'compare', before, after: result, hiddenFromRoom: !result.revealed }
    if (result)
      return { kind: 'results', result, hiddenFromRoom: !result.revealed }
    return waiting(facts)
  }
  const shown = result?.revealed ? result : null
  if (shown && before?.revealed && before.total + shown.total > 0)
    return { kind: 'compare', before, after: shown, hiddenFromRoom: false }
  if (shown)
    return { kind: 'results', result: shown, hiddenFromRoom: false }
  return waiting(facts)
}

/**
 * The presenter's warning on a before/after slide: the first round has answers
 * the room never saw, so the room will see only "Now". Null when the room sees both.
 */
export function roomSeesOnlyNow(facts: Pick<StageFacts, 'presenterView' | 'before'>): { beforeId: string, answers: number } | null {
  const { before } = facts
  if (!facts.presenterView || !hasAnswers(before) || before.revealed)
    return null
  return { beforeId: before.poll.id, answers: before.total }
}

function answersText(n: number): string {
  return `${n} ${n === 1 ? 'answer' : 'answers'}`
}

/** The projector's sentence for a waiting state; the open state's call to action is styled apart. */
export function waitingText(view: StageView): { lead: string, detail: string } | null {
  switch (view.kind) {
    case 'unreachable':
      return { lead: 'The live room is not reachable right now', detail: 'let’s do this one on paper.' }
    case 'idle':
      return { lead: 'Get your phone ready', detail: 'the poll opens in a moment.' }
    case 'open': {
      const count = view.answers === null ? '' : `${answersText(view.answers)} so far · `
      return { lead: 'Answer on your phone', detail: `${count}${view.private ? 'private: answers are never shown' : 'results after the reveal'}` }
    }
    case 'closed':
      return { lead: `Poll closed, ${answersText(view.answers)}`, detail: view.private ? 'private: answers are never shown.' : 'results when the presenter shows them.' }
    default:
      return null
  }
}
