import type { VNode } from 'vue'
import type { Cue } from '../content/cues'
import type { DeckSlide } from '../content/deck'
import type { GuideContent } from '../content/guide'
import type { Column } from './parts'
import { h } from 'vue'
import { pollKindLabel } from '../../core/talk/poll-display'
import * as text from '../content/guide-text'
import { formatMinutes } from '../content/run-of-show'
import { bullets, cells, cover, dataTable, htmlDocument, inline, keyValues, paragraph, smartQuotes } from './parts'

export const GUIDE_PARTS = [
  'Purpose and outcomes',
  'Run of show',
  'Before the session',
  'Running the live room',
  'The exercise: ask and offer',
  'The script, slide by slide',
  'Variations',
  'Accessibility',
  'Debrief question bank',
  'Follow-up',
] as const

function part(title: typeof GUIDE_PARTS[number], children: Array<VNode | null>, first = false): VNode {
  return h('section', { class: first ? undefined : 'part' }, [h('h1', title), ...children])
}

function minutesLabel(minutes: number): string {
  return `${formatMinutes(minutes)} min`
}

function purposePart(content: GuideContent): VNode {
  const { settings } = content
  return part('Purpose and outcomes', [
    paragraph(text.purpose, 'lead'),
    h('h2', 'By the end, participants will'),
    bullets(content.outcomes.length ? content.outcomes : ['(The purpose slide lists no outcomes yet.)']),
    h('h2', 'Who it is for'),
    keyValues([
      ['Audience', text.audience.who],
      ['Group size', text.audience.groupSize],
      ['Length', `${settings.variant} minutes (this guide), from ${content.runOfShow.start} to ${content.runOfShow.end}. For the other length: \`npm run export -- --variant ${settings.variant === 90 ? 60 : 90}\`.`],
      ['Preparation', text.audience.prerequisites],
    ]),
    h('h2', 'How to read the script'),
    h('div', { class: 'cue cue-do' }, [h('span', { class: 'cue-tag' }, 'Do'), 'What you do: stage directions, in a grey box.']),
    h('div', { class: 'cue cue-say' }, '“What you say, in quotes. Say it in your own words once you know it.”'),
    paragraph('Every time, duration and line in this guide is generated from the deck itself (slides.md and the talk outline), so the guide and the slides always agree. Change the deck, then run `npm run export` again.', 'muted small'),
  ], true)
}

const RUN_COLUMNS: Column[] = [
  { label: 'Clock', className: 'time' },
  { label: 'Min', className: 'num' },
  { label: '#', className: 'num' },
  { label: 'Slide' },
  { label: 'Activity' },
  { label: 'Grouping' },
  { label: 'Materials' },
]

function runOfShowPart(content: GuideContent): VNode {
  const show = content.runOfShow
  const rows: VNode[] = []
  for (const block of show.blocks) {
    rows.push(h('tr', { class: 'block' }, [
      h('td', { class: 'time' }, block.start),
      h('td', { class: 'num' }, formatMinutes(block.minutes)),
      h('td', { colspan: 5 }, block.title),
    ]))
    for (const row of block.rows)
      rows.push(h('tr', cells([row.start, formatMinutes(row.minutes), String(row.number), row.title, row.activity, row.grouping, row.materials], RUN_COLUMNS)))
  }
  rows.push(h('tr', { class: 'total' }, [
    h('td', { class: 'time' }, show.end),
    h('td', { class: 'num' }, formatMinutes(show.totalMinutes)),
    h('td', { colspan: 5 }, `Total: ${formatMinutes(show.totalMinutes)} minutes, ${show.start}–${show.end}`),
  ]))
  return part('Run of show', [
    paragraph(`The ${content.settings.variant}-minute run, starting at ${show.start}${content.settings.start ? ' (workshop.start in slides.md)' : ' (no workshop.start set; 09:00 assumed)'}. Slide numbers match the deck. Times are rounded down to the minute; half minutes are written ½.`, 'muted'),
    dataTable(RUN_COLUMNS, rows, undefined, 'run'),
  ])
}

function preparationPart(): VNode {
  return part('Before the session', [
    h('h2', 'Preparation timeline'),
    ...text.preparation.map(step => h('div', { class: 'keep' }, [h('h3', step.when), bullets(step.items)])),
    h('h2', 'Roles'),
    dataTable([{ label: 'Role' }, { label: 'Does' }], text.roles.map(role => h('tr', [h('td', h('strong', role.role)), h('td', role.does)]))),
    h('div', { class: 'box box-tint' }, [
      h('h3', 'Pre-session checklist (do not present)'),
      h('ul', { style: 'list-style:none;padding-left:0' }, text.checklist.map(item => h('li', ['☐  ', ...inline(item)]))),
    ]),
    h('h2', 'Materials'),
    dataTable([{ label: 'Item' }, { label: 'How many' }], text.materials.map(item => h('tr', [h('td', item.item), h('td', item.amount)]))),
    h('h2', 'Room set-up'),
    bullets(text.roomSetup),
  ])
}

function liveRoomPart(content: GuideContent): VNode {
  const room = text.liveRoom
  return part('Running the live room', [
    paragraph(room.start, 'lead'),
    h('h2', 'The two addresses'),
    bullets(room.urls),
    h('h2', 'The presenter secret'),
    paragraph(room.secret),
    h('h2', 'The QR code'),
    paragraph(room.qr),
    h('h2', 'After the session'),
    paragraph(room.results),
    h('div', { class: 'box box-tint' }, [h('h3', 'When the Wi-Fi fails'), bullets(room.wifiFails)]),
    h('h2', 'Every poll, with its paper version'),
    dataTable(
      [{ label: 'Clock', className: 'time' }, { label: '#', className: 'num' }, { label: 'Question' }, { label: 'Kind' }, { label: 'Without phones' }],
      content.polls.map(entry => h('tr', cells([entry.at, String(entry.number), entry.poll.question, pollKindLabel(entry.poll), entry.fallback], [{ label: '', className: 'time' }, { label: '', className: 'num' }]))),
    ),
  ])
}

function exercisePart(content: GuideContent): VNode {
  const { exercise } = content
  const where = exercise.slideNumber ? ` (slide ${exercise.slideNumber}, from ${exercise.at})` : ''
  return part('The exercise: ask and offer', [
    paragraph(`After the Reciprocity Ring (Wayne and Cheryl Baker) and Troika Consulting (Liberating Structures): everyone asks, everyone offers, and helpers ask before they advise. ${exercise.rounds === 1 ? 'One round' : `${exercise.rounds} rounds`}, ${minutesLabel(exercise.totalMinutes)} in all${where}.`, 'lead'),
    keyValues([
      ['Invitation', text.exerciseElements.invitation],
      ['Space and materials', text.exerciseElements.space],
      ['Participation', text.exerciseElements.participation],
      ['Configuration', text.exerciseElements.configuration],
    ]),
    h('h2', 'Steps and timing'),
    dataTable(
      [{ label: 'Timer', className: 'time' }, { label: 'Min', className: 'num' }, { label: 'Step' }, { label: 'Who does what' }],
      [
        ...exercise.steps.map(step => h('tr', cells([step.at, formatMinutes(step.minutes), h('strong', step.label), step.who], [{ label: '', className: 'time' }, { label: '', className: 'num' }]))),
        h('tr', { class: 'total' }, [h('td'), h('td', { class: 'num' }, formatMinutes(exercise.totalMinutes)), h('td', { colspan: 2 }, 'Total')]),
      ],
    ),
    h('h2', 'Before the rounds'),
    bullets([
      'Participants write one SMART ask (Specific, Meaningful, Action-oriented, Realistic, Time-bound) and one to three offers, each with a topic word: on their phone or on the handout.',
      'Give your own example first, with the sentence starter on the slide.',
      'Pairs find each other by the colour and number on their phones; on paper, hand out the pair cards.',
    ]),
    h('h2', 'While it runs'),
    bullets([
      'Call each step aloud as the timer turns; the phones show the same timer.',
      'Hold the line on “questions first”: the helper’s first move is a question, not advice (Schein: the client owns the problem).',
      'Watch for pairs that stall; offer a prompt: “What would you love to be finished by the end of the month?”',
      'A pass is fine. A person who passes can observe a neighbouring pair.',
    ]),
  ])
}

function cueNode(cue: Cue): VNode {
  if (cue.kind === 'do')
    return h('div', { class: 'cue cue-do' }, [h('span', { class: 'cue-tag' }, 'Do'), ...inline(smartQuotes(cue.text))])
  if (cue.kind === 'say')
    return h('div', { class: 'cue cue-say' }, ['“', ...inline(smartQuotes(cue.text)), '”'])
  return h('div', { class: 'cue cue-note' }, inline(smartQuotes(cue.text)))
}

function scriptSlide(slide: DeckSlide, clock: string, fallback: string | undefined): VNode {
  return h('article', { class: 'script-slide' }, [
    h('h3', [
      h('span', { class: 'slide-no' }, String(slide.number)),
      h('span', slide.title),
      h('span', { class: 'slide-timing' }, `${clock} · ${minutesLabel(slide.minutes)}`),
    ]),
    slide.heading ? h('p', { class: 'on-screen' }, [h('strong', 'On screen: '), slide.heading]) : null,
    slide.poll
      ? h('div', { class: 'cue-poll' }, [
          h('strong', `Poll (${pollKindLabel(slide.poll).toLowerCase()}): `),
          slide.poll.question,
          fallback ? h('div', { class: 'muted' }, `Without phones: ${fallback}`) : null,
        ])
      : null,
    ...(slide.cues.length ? slide.cues.map(cueNode) : [h('p', { class: 'muted small' }, 'No speaker notes for this slide yet.')]),
  ])
}

function scriptPart(content: GuideContent): VNode {
  const clocks = new Map(content.runOfShow.blocks.flatMap(block => block.rows.map(row => [row.slideId, row.start] as const)))
  const fallbacks = new Map(content.polls.map(entry => [entry.poll.id, entry.fallback] as const))
  return part('The script, slide by slide', [
    paragraph('Grouped by the parts of the essay and the workshop. Each slide: its number in the deck, clock time and length, what you do and what you say.', 'muted'),
    ...content.script.map(section => h('section', [
      h('h2', section.title),
      ...section.slides.map(slide => scriptSlide(slide, clocks.get(slide.id) ?? '', slide.poll ? fallbacks.get(slide.poll.id) : undefined)),
    ])),
  ])
}

function variationsPart(): VNode {
  return part('Variations', [
    h('div', { class: 'columns' }, text.sizeVariations.map(variation => h('div', { class: 'keep' }, [h('h3', variation.name), bullets(variation.how)]))),
  ])
}

function accessibilityPart(): VNode {
  return part('Accessibility', [bullets(text.accessibility)])
}

function debriefPart(): VNode {
  return part('Debrief question bank', [
    paragraph('Pick two or three questions; silence is part of the answer. The deck’s debrief follows What? / So what? / Now what?; Thiagi’s six phases give more.', 'muted'),
    h('h2', 'What? / So what? / Now what?'),
    ...text.debriefWhatSoWhatNowWhat.map(group => h('div', { class: 'keep' }, [h('h3', group.name), bullets(group.questions)])),
    h('h2', 'Thiagi’s six debrief phases'),
    h('div', { class: 'columns' }, text.debriefThiagi.map(group => h('div', { class: 'keep' }, [h('h3', group.name), bullets(group.questions)]))),
  ])
}

function followUpPart(): VNode {
  return part('Follow-up', [
    ...text.followUps.map(template => h('div', { class: 'keep' }, [
      h('h2', template.name),
      paragraph(template.when, 'muted'),
      h('div', { class: 'template' }, [h('div', { class: 'subject' }, `Subject: ${template.subject}`), ...template.body.map(line => paragraph(line))]),
    ])),
    h('h2', 'Facilitator retro'),
    paragraph('Within a day, while it is fresh; with your co-facilitator if you had one.', 'muted'),
    bullets(text.facilitatorRetro),
  ])
}

/** The facilitator guide as one HTML document. */
export function guideDocument(content: GuideContent, css: string): VNode {
  const { settings } = content
  const meta: Array<[string, string]> = [
    ['Length', `${settings.variant} minutes, ${content.runOfShow.start}–${content.runOfShow.end}`],
  ]
  if (settings.organization)
    meta.push(['Organization', settings.organization])
  if (settings.facilitator)
    meta.push(['Facilitator', settings.facilitator])
  if (settings.date)
    meta.push(['Date', settings.date])
  const title = `${content.title} — Facilitator guide (${settings.variant} min)`
  return htmlDocument({
    title,
    css,
    body: [
      cover({ kicker: 'Facilitator guide', title: content.title, subtitle: `A ${settings.variant}-minute workshop with live polls and an ask-and-offer exercise`, meta, contents: [...GUIDE_PARTS] }),
      purposePart(content),
      runOfShowPart(content),
      preparationPart(),
      liveRoomPart(content),
      exercisePart(content),
      scriptPart(content),
      variationsPart(),
      accessibilityPart(),
      debriefPart(),
      followUpPart(),
    ],
  })
}
