import type { VNode } from 'vue'
import type { Bar, ExerciseReport, PollSummary, ResultsReport } from '../content/results'
import { h } from 'vue'
import { cover, dataTable, htmlDocument, paragraph, smartQuotes } from './parts'

const WORD_COLOURS = ['var(--indigo)', 'var(--accent)', 'var(--ink)']

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

function number(value: number | null): string {
  return value === null ? '–' : value.toFixed(1).replace(/\.0$/, '')
}

function bars(list: readonly Bar[], scaleMax: number, tone: 'before' | 'after'): VNode {
  return h('div', { class: 'bars' }, list.flatMap(bar => [
    h('div', { class: 'bar-label' }, bar.label),
    h('div', { class: 'bar-track' }, h('div', { class: ['bar-fill', tone], style: { width: `${scaleMax > 0 ? (bar.count / scaleMax) * 100 : 0}%` } })),
    h('div', { class: 'bar-count' }, `${bar.count} · ${percent(bar.share)}`),
  ]))
}

function cloud(poll: PollSummary): VNode {
  if (poll.words.length === 0)
    return h('div', { class: 'cloud muted' }, 'No words were given.')
  return h('div', { 'class': 'cloud', 'role': 'img', 'aria-label': `Word cloud: ${poll.words.map(word => `${word.word} (${word.count})`).join(', ')}` }, poll.words.slice(0, 60).map((word, index) => h('span', {
    style: { fontSize: `${(9 + word.weight * 21).toFixed(1)}pt`, color: WORD_COLOURS[index % WORD_COLOURS.length], fontWeight: word.weight > 0.5 ? 700 : 400 },
    title: String(word.count),
  }, word.word)))
}

function stats(poll: PollSummary): string {
  const parts = [`${poll.total} ${poll.total === 1 ? 'answer' : 'answers'}`]
  if (poll.kind === 'scale')
    parts.push(`mean ${number(poll.mean)}`)
  if (poll.kind === 'estimate')
    parts.push(`median ${number(poll.median)}`, `mean ${number(poll.mean)}`)
  if (poll.kind === 'words')
    parts.push(`${poll.words.length} different words`)
  return parts.join(' · ')
}

function chart(poll: PollSummary, scaleMax: number, tone: 'before' | 'after' = 'before'): VNode[] {
  if (poll.privateAnswers !== null)
    return [h('p', { class: 'lead' }, `${poll.privateAnswers} ${poll.privateAnswers === 1 ? 'person' : 'people'} wrote an answer. Answers are private and are not printed.`)]
  if (poll.kind === 'words')
    return [cloud(poll)]
  const out = [bars(poll.bars, scaleMax, tone)]
  if (poll.scaleLabels)
    out.push(h('div', { class: 'chart-axis' }, [h('span', `${poll.bars[0]?.label ?? ''} = ${poll.scaleLabels.min}`), h('span', `${poll.bars.at(-1)?.label ?? ''} = ${poll.scaleLabels.max}`)]))
  return out
}

function maxCount(...polls: PollSummary[]): number {
  return Math.max(1, ...polls.flatMap(poll => poll.bars.map(bar => bar.count)))
}

function single(poll: PollSummary): VNode {
  return h('section', { class: 'poll-result' }, [
    h('h2', poll.question),
    ...chart(poll, maxCount(poll)),
    h('p', { class: 'stat' }, stats(poll)),
    poll.reveal ? h('p', { class: 'stat' }, [h('strong', `The research: ${poll.reveal.value}${poll.unit}. `), poll.reveal.label, ` (${poll.reveal.source})`]) : null,
  ])
}

function pair(before: PollSummary, after: PollSummary): VNode {
  const top = maxCount(before, after)
  const column = (label: string, poll: PollSummary, tone: 'before' | 'after') => h('div', [
    h('div', { class: 'chart-title' }, label),
    ...chart(poll, top, tone),
    h('p', { class: 'stat' }, stats(poll)),
  ])
  return h('section', { class: 'poll-result' }, [
    h('h2', before.question),
    paragraph('Asked at the start and again at the end: same statement, same scale.', 'muted small'),
    h('div', { class: 'pair' }, [column('Before', before, 'before'), column('After', after, 'after')]),
  ])
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

const PHASE_NAMES: Record<string, string> = { idle: 'not started', prepare: 'writing asks', pairing: 'forming pairs', rounds: 'in a round', debrief: 'the debrief', commitment: 'writing commitments', done: 'finished' }

function figure(value: number, label: string): VNode {
  return h('div', { class: 'figure' }, [h('div', { class: 'figure-value' }, String(value)), h('div', { class: 'figure-label' }, label)])
}

/** Counts, rounds, topic themes and shared commitments; never the text of an ask, an offer or a private commitment. */
function exerciseSection(exercise: ExerciseReport | null): VNode[] {
  if (!exercise)
    return [h('h2', 'The ask-and-offer exercise'), paragraph('No exercise was run in this session.')]
  const top = Math.max(1, ...exercise.askTopics.map(bar => bar.count), ...exercise.offerTopics.map(bar => bar.count))
  const pairs = exercise.rounds.reduce((n, round) => n + round.pairs, 0)
  const trios = exercise.rounds.reduce((n, round) => n + round.trios, 0)
  const phase = PHASE_NAMES[exercise.phase] ?? exercise.phase
  const shared = exercise.sharedCommitments
  return [
    h('h2', `The exercise: ${exercise.title}`),
    paragraph(`${exercise.variant}-minute run (${phase === 'finished' ? 'finished' : `at export: ${phase}`}). Asks, offers and commitments stay private: this page counts them and their topic tags, and prints a commitment only where its author chose to share it.`, 'muted'),
    h('div', { class: 'figures' }, [
      figure(exercise.asks, exercise.asks === 1 ? 'ask written' : 'asks written'),
      figure(exercise.passes, exercise.passes === 1 ? 'pass' : 'passes'),
      figure(exercise.rounds.length, exercise.rounds.length === 1 ? 'round run' : 'rounds run'),
      figure(exercise.commitments, exercise.commitments === 1 ? 'commitment' : 'commitments'),
    ]),
    exercise.rounds.length
      ? dataTable(
          [{ label: 'Round' }, { label: 'Pairs', className: 'num' }, { label: 'Trios', className: 'num' }, { label: 'People', className: 'num' }],
          exercise.rounds.map(round => h('tr', [h('td', String(round.round)), h('td', { class: 'num' }, String(round.pairs)), h('td', { class: 'num' }, String(round.trios)), h('td', { class: 'num' }, String(round.people))])),
          `${plural(pairs, 'pair', 'pairs')} and ${plural(trios, 'trio', 'trios')} over ${plural(exercise.rounds.length, 'round', 'rounds')}.`,
          'rounds',
        )
      : paragraph('No round was paired.', 'muted'),
    h('section', { class: 'poll-result' }, [
      h('h3', 'Themes: topic tags'),
      h('div', { class: 'pair' }, [
        h('div', [h('div', { class: 'chart-title' }, 'Asks by topic'), bars(exercise.askTopics, top, 'before'), h('p', { class: 'stat' }, `${plural(exercise.asks, 'ask', 'asks')}; an ask may carry up to three tags`)]),
        h('div', [h('div', { class: 'chart-title' }, 'Offers by topic'), bars(exercise.offerTopics, top, 'after'), h('p', { class: 'stat' }, `from ${plural(exercise.submissions, 'person', 'people')} who wrote an ask or passed`)]),
      ]),
    ]),
    h('div', { class: 'box box-tint' }, [
      h('h3', 'Commitments from the exercise'),
      paragraph(`${plural(exercise.commitments, 'person', 'people')} wrote a commitment in the exercise; ${shared.length === 0 ? 'none was shared, so none is printed.' : `${shared.length} chose to share theirs.`}`),
      shared.length ? h('div', { class: 'chart-title' }, 'Shared by their authors, without names') : null,
      shared.length ? h('ul', { class: 'shared' }, shared.map(sentence => h('li', `“${smartQuotes(sentence)}”`))) : null,
    ]),
  ]
}

function commitmentLine(report: ResultsReport): string {
  if (report.commitmentQuestion === null)
    return 'This deck has no commitment poll (a private open-text poll).'
  if (report.commitments === null)
    return `The commitment poll, “${report.commitmentQuestion}”, was not opened in this session.`
  const stop = /[.?!…]$/.test(report.commitmentQuestion) ? '' : '.'
  return `${plural(report.commitments, 'person', 'people')} answered “${report.commitmentQuestion}”${stop} The answers themselves stay private.`
}

/** The results report of one live session. */
export function resultsDocument(report: ResultsReport, css: string): VNode {
  const taken = new Date(report.exportedAt).toISOString().slice(0, 16).replace('T', ' ')
  return htmlDocument({
    title: `Workshop results — session ${report.session}`,
    css,
    body: [
      cover({
        kicker: 'Results report',
        title: 'What the room said',
        subtitle: `Live polls from the workshop “${report.title}”`,
        meta: [
          ['Session', report.session],
          ['Participants', String(report.participants)],
          ['Polls', String(report.items.reduce((n, item) => n + (item.type === 'pair' ? 2 : 1), 0))],
          ['Exercise', report.exercise ? `${plural(report.exercise.asks, 'ask', 'asks')}, ${plural(report.exercise.rounds.length, 'round', 'rounds')}` : 'not run'],
          ['Exported', `${taken} UTC`],
        ],
        contents: [],
      }),
      h('section', { class: 'part' }, [
        h('h1', 'Polls'),
        paragraph('Every answer is anonymous: the report holds counts, words and shares, never who said what. Open-text answers are private and appear only as counts; words hidden by the facilitator during the session are left out.', 'muted'),
        ...report.items.map(item => item.type === 'pair' ? pair(item.before, item.after) : single(item.poll)),
      ]),
      h('section', { class: 'part' }, [
        h('h1', 'Commitments and the exercise'),
        h('div', { class: 'box box-tint' }, [
          h('h3', 'The commitment poll'),
          paragraph(commitmentLine(report)),
        ]),
        ...exerciseSection(report.exercise),
      ]),
    ],
  })
}
