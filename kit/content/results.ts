import type { PollDefinition } from '../../core/polls/definition'
import type { ExerciseSummary, PollResult } from '../../core/protocol'
import type { Talk } from '../../core/talk/deck'
import { estimateBins } from '../../core/polls/bins'
import { toCsv } from '../../core/polls/csv'
import { pollPairs, talkPolls } from '../../core/talk/deck'
import { findExercise } from '../../exercises/index'

export interface Bar {
  label: string
  count: number
  /** Share of the people who answered, 0..1; for multi-select the shares may add up to more than 1. */
  share: number
}

export interface CloudWord {
  word: string
  count: number
  /** 0..1 relative to the most frequent word. */
  weight: number
}

export interface PollSummary {
  pollId: string
  question: string
  kind: PollDefinition['kind']
  /** People who answered. */
  total: number
  bars: Bar[]
  words: CloudWord[]
  mean: number | null
  median: number | null
  /** For estimates with a known answer. */
  reveal: { value: number, label: string, source: string } | null
  /** Unit of an estimate, e.g. "%". */
  unit: string
  /** Open text is private: only the number of answers is reported. */
  privateAnswers: number | null
  scaleLabels: { min: string, max: string } | null
}

export type ReportItem
  = | { type: 'single', poll: PollSummary }
    | { type: 'pair', before: PollSummary, after: PollSummary }

/**
 * The live exercise in the report: counts, topic themes and the commitment
 * sentences their authors chose to share. Never the text of an ask, an offer
 * or a private commitment, and no names or ids.
 */
export interface ExerciseReport {
  exerciseId: string
  title: string
  variant: number
  /** Where the run stood when the report was made, e.g. "done" or "rounds". */
  phase: string
  /** People who wrote an ask or passed. */
  submissions: number
  asks: number
  passes: number
  /** Rounds that were paired, with their group sizes. */
  rounds: Array<{ round: number, groups: number, pairs: number, trios: number, people: number }>
  /** Asks per topic tag; share of the asks (one ask may carry several tags). */
  askTopics: Bar[]
  /** Offers per topic tag; share of the people who wrote an ask or passed. */
  offerTopics: Bar[]
  commitments: number
  /** Shared by their authors, without names; in the order they were shared. */
  sharedCommitments: string[]
}

export interface ResultsReport {
  /** The deck's title, for the cover. */
  title: string
  session: string
  exportedAt: string
  participants: number
  items: ReportItem[]
  /** How many people answered the deck's commitment poll (its last private open-text poll): counts only, never the text. */
  commitments: number | null
  /** That poll's question, e.g. "Who will I ask, for what, by when?"; null when the deck has none. */
  commitmentQuestion: string | null
  /** The live exercise's counts and themes; null when no exercise ran in the session. */
  exercise: ExerciseReport | null
}

function share(count: number, total: number): number {
  return total > 0 ? count / total : 0
}

/** What a results page may show of one poll: anonymous, counts for open text. */
export function summarize(result: PollResult): PollSummary {
  const { poll, tally, total } = result
  const base: PollSummary = { pollId: poll.id, question: poll.question, kind: poll.kind, total, bars: [], words: [], mean: null, median: null, reveal: null, privateAnswers: null, scaleLabels: null, unit: poll.kind === 'estimate' ? poll.unit ?? '' : '' }
  switch (tally.kind) {
    case 'choice':
    case 'multi': {
      const options = poll.kind === 'choice' || poll.kind === 'multi' ? poll.options : []
      return { ...base, bars: tally.counts.map((count, i) => ({ label: options[i] ?? `Option ${i + 1}`, count, share: share(count, total) })) }
    }
    case 'scale': {
      const min = poll.kind === 'scale' ? poll.min : 1
      const labels = poll.kind === 'scale' ? { min: poll.minLabel, max: poll.maxLabel } : null
      return { ...base, bars: tally.counts.map((count, i) => ({ label: String(min + i), count, share: share(count, total) })), mean: tally.mean, scaleLabels: labels }
    }
    case 'estimate': {
      const reveal = poll.kind === 'estimate' ? poll.reveal ?? null : null
      return { ...base, bars: poll.kind === 'estimate' ? estimateBars(tally.values, poll, total) : [], mean: tally.mean, median: tally.median, reveal }
    }
    case 'words': {
      const visible = tally.words.filter(word => !word.hidden)
      const top = Math.max(1, ...visible.map(word => word.count))
      return { ...base, words: visible.map(word => ({ word: word.word, count: word.count, weight: word.count / top })) }
    }
    case 'text':
      return { ...base, privateAnswers: total }
  }
}

/** The estimate's columns as the slide bins them, labelled as ranges for print. */
export function estimateBars(values: readonly number[], poll: { min: number, max: number, unit?: string }, total: number): Bar[] {
  const unit = poll.unit ?? ''
  return estimateBins(poll, values).map(bin => ({ label: `${formatEdge(bin.from)}–${formatEdge(bin.to)}${unit}`, count: bin.count, share: share(bin.count, total) }))
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1)
}

/** What the report shows of the room's exercise summary (the one `/api/results` sends). */
export function exerciseReport(summary: ExerciseSummary | undefined): ExerciseReport | null {
  if (!summary)
    return null
  return {
    exerciseId: summary.exerciseId,
    title: findExercise(summary.exerciseId)?.title ?? summary.exerciseId,
    variant: summary.variant,
    phase: summary.phase,
    submissions: summary.submissions,
    asks: summary.asks,
    passes: summary.passes,
    rounds: summary.rounds.filter(round => round.groups > 0).map(round => ({ round: round.round, groups: round.groups, pairs: round.pairs, trios: round.trios, people: round.people })),
    askTopics: summary.topics.map(topic => ({ label: topic.label, count: topic.asks, share: share(topic.asks, summary.asks) })),
    offerTopics: summary.topics.map(topic => ({ label: topic.label, count: topic.offers, share: share(topic.offers, summary.submissions) })),
    commitments: summary.commitments,
    sharedCommitments: [...summary.sharedCommitments],
  }
}

/**
 * The report for one session: polls in the deck's order (polls the deck no
 * longer has follow, as they were opened), before/after pairs side by side,
 * private answers as counts only.
 */
export function resultsReport(input: { talk: Talk, title: string, session: string, exportedAt: Date, participants: number, polls: readonly PollResult[], exercise?: ExerciseSummary }): ResultsReport {
  const deckPolls = talkPolls(input.talk)
  const talkOrder = (pollId: string) => {
    const index = deckPolls.findIndex(poll => poll.id === pollId)
    return index === -1 ? deckPolls.length : index
  }
  const pairs = pollPairs(input.talk)
  const byId = new Map(input.polls.map(result => [result.poll.id, summarize(result)] as const))
  const ordered = [...byId.values()].sort((a, b) => talkOrder(a.pollId) - talkOrder(b.pollId))
  const paired = new Set<string>()
  const items: ReportItem[] = []
  for (const summary of ordered) {
    if (paired.has(summary.pollId))
      continue
    const pair = pairs.find(entry => entry.before === summary.pollId || entry.after === summary.pollId)
    const before = pair && byId.get(pair.before)
    const after = pair && byId.get(pair.after)
    if (pair && before && after) {
      paired.add(pair.before)
      paired.add(pair.after)
      items.push({ type: 'pair', before, after })
    }
    else {
      items.push({ type: 'single', poll: summary })
    }
  }
  // The commitment poll is the deck's closing private note: the last private open-text poll it runs.
  const commitment = deckPolls.filter(poll => poll.kind === 'text' && poll.private).at(-1)
  const commitments = commitment ? byId.get(commitment.id)?.privateAnswers ?? null : null
  return {
    title: input.title,
    session: input.session,
    exportedAt: input.exportedAt.toISOString(),
    participants: input.participants,
    items,
    commitments,
    commitmentQuestion: commitment?.question ?? null,
    exercise: exerciseReport(input.exercise),
  }
}

export function reportPolls(report: ResultsReport): PollSummary[] {
  return report.items.flatMap(item => item.type === 'pair' ? [item.before, item.after] : [item.poll])
}

/**
 * One row per answer option, scale value, bin or word; private text as a count.
 * The exercise follows as poll_id "exercise": asks and passes, groups per round,
 * topics, commitments as a count and the sentences their authors shared.
 */
export function reportCsv(report: ResultsReport): string {
  const rows: Array<Array<string | number | null>> = [['session', 'poll_id', 'kind', 'question', 'answered', 'answer', 'count']]
  for (const poll of reportPolls(report)) {
    const head = [report.session, poll.pollId, poll.kind, poll.question, poll.total]
    if (poll.privateAnswers !== null)
      rows.push([...head, '(private answers, not exported)', poll.privateAnswers])
    for (const bar of poll.bars)
      rows.push([...head, bar.label, bar.count])
    for (const word of poll.words)
      rows.push([...head, word.word, word.count])
    if (poll.privateAnswers === null && poll.bars.length === 0 && poll.words.length === 0)
      rows.push([...head, null, 0])
  }
  const exercise = report.exercise
  if (exercise) {
    const row = (question: string, answered: number, answer: string | null, count: number) => rows.push([report.session, 'exercise', exercise.exerciseId, question, answered, answer, count])
    row('Wrote an ask or passed', exercise.submissions, 'ask', exercise.asks)
    row('Wrote an ask or passed', exercise.submissions, 'pass', exercise.passes)
    for (const round of exercise.rounds) {
      row(`Round ${round.round} groups`, round.people, 'pairs', round.pairs)
      row(`Round ${round.round} groups`, round.people, 'trios', round.trios)
    }
    for (const bar of exercise.askTopics)
      row('Asks by topic', exercise.asks, bar.label, bar.count)
    for (const bar of exercise.offerTopics)
      row('Offers by topic', exercise.submissions, bar.label, bar.count)
    row('Commitments', exercise.commitments, '(private unless shared)', exercise.commitments)
    for (const sentence of exercise.sharedCommitments)
      row('Commitment shared by its author', exercise.commitments, sentence, 1)
  }
  return toCsv(rows)
}
