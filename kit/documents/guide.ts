import type { VNode } from 'vue'
import type { Cue } from '../../core/talk/cues'
import type { DeckSection, DeckSlide } from '../content/deck'
import type { EvidenceBrief, GuideContent, SlidePage } from '../content/guide'
import type { Column } from './parts'
import { h } from 'vue'
import { pollKindLabel } from '../../core/talk/poll-display'
import * as text from '../content/guide-text'
import { materialsList } from '../content/materials'
import { formatMinutes } from '../content/run-of-show'
import { bullets, cells, cover, dataTable, htmlDocument, inline, keyValues, paragraph, smartQuotes } from './parts'

export const GUIDE_PARTS = [
  'Purpose and outcomes',
  'The essay in brief',
  'Run of show',
  'Before the session',
  'Running the live room',
  'The exercise: ask and offer',
  'The script, slide by slide',
  'The evidence, study by study',
  'Tricky moments',
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

/** How to print the guide for the deck's other lengths, if it has any. */
function otherLengths(content: GuideContent): string {
  const others = content.lengths.filter(length => length !== content.settings.variant)
  if (others.length === 0)
    return ''
  const commands = others.map(length => `\`${text.command('npm run export', content.file, [`--variant ${length}`])}\``)
  return ` For the ${text.lengthsInWords(others)}-minute run: ${commands.join(' or ')}.`
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
      ['Length', `${settings.variant} minutes (this guide), from ${content.runOfShow.start} to ${content.runOfShow.end}.${otherLengths(content)}`],
      ['Preparation', text.audience.prerequisites],
    ]),
    h('h2', 'How to read the script'),
    paragraph('Each slide comes with a picture of it and everything it shows in words, so you can run the session from this guide alone, then what you do and what you say.'),
    h('div', { class: 'cue cue-do' }, [h('span', { class: 'cue-tag' }, 'Do'), 'What you do, in a grey box.']),
    h('div', { class: 'cue cue-say' }, '“What you say, in quotes. Say it in your own words once you know it.”'),
    paragraph(`Every time, duration and line in this guide comes from the deck itself (${content.file}: each slide’s minutes, poll and notes), so the guide and the slides agree. Change the deck, then run \`${text.command('npm run export', content.file)}\` again.`, 'muted small'),
  ], true)
}

function essayPart(content: GuideContent): VNode {
  const essay = text.essayInBrief
  const essaySections = content.script.filter(section => section.slides[0]?.sectionKind === 'essay')
  return part('The essay in brief', [
    h('p', { class: 'lead' }, [h('strong', `“${essay.title}”. `), ...inline(essay.credit)]),
    ...essay.paragraphs.map(line => paragraph(line)),
    h('h2', 'The key message of each part'),
    paragraph('The talk follows the essay’s order. If a part runs short, make sure this much lands.', 'muted'),
    dataTable(
      [{ label: 'Part of the talk' }, { label: 'Slides', className: 'num' }, { label: 'Key message' }],
      essaySections.map(section => h('tr', [
        h('td', h('strong', section.title)),
        h('td', { class: 'num' }, slideRange(section)),
        h('td', inline(text.keyMessages[section.id] ?? '')),
      ])),
      undefined,
      'messages keep',
    ),
    h('div', { class: 'keep' }, [
      h('h2', 'Words this guide uses'),
      keyValues(text.glossary.map(entry => [entry.term, entry.meaning] as const)),
    ]),
  ])
}

function slideRange(section: DeckSection): string {
  const first = section.slides[0]?.number
  const last = section.slides.at(-1)?.number
  return first === last ? String(first) : `${first}–${last}`
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
  // One tbody per block, kept whole on a page, so no block heading is left alone at a page foot;
  // the total rides with the last block so it never sits on a page of its own.
  const bodies = show.blocks.map((block, index) => {
    const rows: VNode[] = [h('tr', { class: block.buffer ? 'block buffer' : 'block' }, [
      h('td', { class: 'time' }, block.start),
      h('td', { class: 'num' }, formatMinutes(block.minutes)),
      h('td', { colspan: 5 }, block.buffer ? `${block.title}. No slide: spare minutes you can spend where the room needs them.` : block.title),
    ])]
    for (const row of block.rows)
      rows.push(h('tr', cells([row.start, formatMinutes(row.minutes), String(row.number), row.title, row.activity, row.grouping, row.materials], RUN_COLUMNS)))
    if (index === show.blocks.length - 1) {
      rows.push(h('tr', { class: 'total' }, [
        h('td', { class: 'time' }, show.end),
        h('td', { class: 'num' }, formatMinutes(show.totalMinutes)),
        h('td', { colspan: 5 }, `Total: ${formatMinutes(show.totalMinutes)} minutes, ${show.start}–${show.end}`),
      ]))
    }
    return h('tbody', { class: 'keep' }, rows)
  })
  return part('Run of show', [
    paragraph(`The ${content.settings.variant}-minute run, starting at ${show.start}${content.settings.start ? ` (workshop.start in ${content.file})` : ' (no workshop.start set; 09:00 assumed)'}. Slide numbers match the deck. Lengths are minutes, or minutes and seconds (1:30 is a minute and a half); clock times are rounded down to the minute. 1-2-4-All and the other methods are explained under “Words this guide uses”, at the end of “The essay in brief”.`, 'muted'),
    h('table', { class: 'data run' }, [
      h('thead', h('tr', RUN_COLUMNS.map(column => h('th', { class: column.className }, column.label)))),
      ...bodies,
    ]),
  ])
}

function preparationPart(content: GuideContent): VNode {
  return part('Before the session', [
    h('h2', 'Preparation timeline'),
    ...text.preparation(content.lengths, content.file).map(step => h('div', { class: 'keep' }, [h('h3', step.when), bullets(step.items)])),
    h('h2', 'Roles'),
    dataTable([{ label: 'Role' }, { label: 'Does' }], text.roles.map(role => h('tr', [h('td', h('strong', role.role)), h('td', role.does)]))),
    h('div', { class: 'box box-tint' }, [
      h('h3', 'Pre-session checklist (do not present)'),
      h('ul', { style: 'list-style:none;padding-left:0' }, text.checklist.map(item => h('li', ['☐  ', ...inline(item)]))),
    ]),
    h('div', { class: 'keep' }, [
      h('h2', 'Materials'),
      paragraph(`Print for your head count: \`${text.command('npm run export', content.file, ['--people N'])}\` prints the paper cards for N people.`, 'muted'),
      dataTable([{ label: 'Item' }, { label: 'How many' }], materialsList({ polls: content.polls.map(entry => entry.poll), file: content.file }).map(item => h('tr', [h('td', item.item), h('td', item.amount)]))),
    ]),
    h('h2', 'Room set-up'),
    bullets(text.roomSetup),
  ])
}

function liveRoomPart(content: GuideContent): VNode {
  const room = text.liveRoom(content.lengths, content.settings.variant, content.file)
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
    paragraph(`After the Reciprocity Ring (Wayne and Cheryl Baker’s exercise in which everyone asks a group and everyone offers) and Troika Consulting (a Liberating Structure in which helpers ask questions before they advise): everyone asks, everyone offers, and helpers ask before they advise. ${exercise.rounds === 1 ? 'One round' : `${exercise.rounds} rounds`}, ${minutesLabel(exercise.totalMinutes)} in all${where}.`, 'lead'),
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
      'Pairs find each other by what their phones show; on paper, the cards from `paper-cards.pdf` say how to find a partner.',
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

/** What the audience sees, in words: the exported page's text when there is one, else the slide's source. */
function onScreen(slide: DeckSlide, page: SlidePage | undefined): VNode {
  if (page) {
    return h('div', { class: 'slide-face' }, [
      h('img', { class: 'thumb', src: page.image, alt: `Slide ${slide.number}` }),
      h('div', { class: 'on-screen' }, [
        h('div', { class: 'on-screen-label' }, 'On screen'),
        ...page.lines.map(line => h('div', { class: 'on-screen-line' }, line)),
      ]),
    ])
  }
  const lines = [slide.heading, ...slide.quotes, ...slide.listItems, slide.poll?.question, slide.citation].filter((line): line is string => Boolean(line))
  return h('div', { class: 'on-screen' }, [
    h('div', { class: 'on-screen-label' }, 'On screen'),
    ...(lines.length ? lines : [slide.title]).map(line => h('div', { class: 'on-screen-line' }, inline(line))),
  ])
}

function scriptSlide(slide: DeckSlide, clock: string, fallback: string | undefined, page: SlidePage | undefined): VNode {
  return h('article', { class: 'script-slide' }, [
    // The timing sits beside the heading, not in it, so the bookmark reads “9 At my best, in my shadow”.
    h('div', { class: 'slide-head' }, [
      h('h3', [h('span', { class: 'slide-no' }, String(slide.number)), ' ', slide.title]),
      h('span', { class: 'slide-timing' }, `${clock} · ${minutesLabel(slide.minutes)}`),
    ]),
    onScreen(slide, page),
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
    paragraph('Grouped by the parts of the essay and the workshop, each with its key message. Each slide: its number in the deck, clock time and length, what it shows, what you do and what you say.', 'muted'),
    ...content.script.map((section) => {
      const slides = section.slides.map(slide => scriptSlide(slide, clocks.get(slide.id) ?? '', slide.poll ? fallbacks.get(slide.poll.id) : undefined, content.pages.get(slide.number)))
      // The heading travels with its first slide as one unbreakable block, so it is never left at a page foot.
      return h('section', { class: 'script-section' }, [
        h('div', { class: 'keep' }, [
          h('h2', section.title),
          text.keyMessages[section.id] ? h('p', { class: 'key-message' }, [h('strong', 'Key message: '), ...inline(text.keyMessages[section.id]!)]) : null,
          slides[0] ?? null,
        ]),
        ...slides.slice(1),
      ])
    }),
  ])
}

function studyName(study: EvidenceBrief): string {
  const authors = study.authors.length > 2 ? `${study.authors.slice(0, -1).join(', ')} & ${study.authors.at(-1)}` : study.authors.join(' & ')
  return `${authors} (${study.year})`
}

function evidencePart(content: GuideContent): VNode {
  return part('The evidence, study by study', [
    paragraph('For the questions people ask: “Was that with colleagues or strangers?”, “How big was the study?”. The essay cites no research; these studies are the kit’s additions. Each brief says what the study found and no more.', 'muted'),
    content.evidence.length === 0 ? paragraph('This deck cites no study: none of its slides has a `::source::` reference or a poll whose reveal names one.') : null,
    ...content.evidence.map(study => h('div', { class: 'box keep brief' }, [
      h('div', { class: 'slide-head' }, [
        h('h3', studyName(study)),
        h('span', { class: 'slide-timing' }, study.slideNumber ? `slide ${study.slideNumber}` : `not in the ${content.settings.variant}-minute run`),
      ]),
      keyValues([
        ['Design', study.design],
        ['Who took part', study.participants],
        ['What was found', study.finding],
        ['Limits', study.limits],
      ]),
      h('p', { class: 'small muted', style: 'margin:1.5mm 0 0' }, inline(study.citation)),
      study.summary ? h('p', { class: 'small muted', style: 'margin:0.8mm 0 0' }, ['Figure on the slide from: ', ...inline(study.summary)]) : null,
    ])),
  ])
}

function trickyPart(): VNode {
  return part('Tricky moments', [
    paragraph('What tends to happen in a session on asking for help, and what has worked.', 'muted'),
    ...text.trickyMoments.map(moment => h('div', { class: 'keep tricky' }, [h('h3', moment.moment), bullets(moment.what.map(smartQuotes))])),
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
    meta.push(['Organisation', settings.organization])
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
      essayPart(content),
      runOfShowPart(content),
      preparationPart(content),
      liveRoomPart(content),
      exercisePart(content),
      scriptPart(content),
      evidencePart(content),
      trickyPart(),
      variationsPart(),
      accessibilityPart(),
      debriefPart(),
      followUpPart(),
    ],
  })
}
