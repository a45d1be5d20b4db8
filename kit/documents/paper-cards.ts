import type { VNode } from 'vue'
import type { PaperCard, PaperCards } from '../../exercises/paper-cards'
import type { TopicTag } from '../../exercises/types'
import { h } from 'vue'
import { clock } from '../../exercises/paper-cards'
import { bullets, dataTable, htmlDocument, keyValues, paragraph } from './parts'

/**
 * The exercise's paper fallback: how it runs, the facilitator's timer script,
 * the roles, one cut-out card per person (content from exercises/paper-cards.ts)
 * and fold-in-half topic signs for the tables.
 */

/** Eight cards to a sheet: 2 × 4 fits the printable area of both A4 and US Letter. */
const CARDS_PER_SHEET = 8

const CARD_CSS = `
.intro h1 { font-size: 20pt; margin-bottom: 3mm; }
ol.runs { padding-left: 5mm; font-size: 10.5pt; }
ol.runs li { margin-bottom: 1.6mm; }
/* No gaps: neighbouring cards share one dashed line, so each line is cut once. */
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 60mm; break-before: page; page-break-before: always; border-top: 0.4mm dashed #777; border-left: 0.4mm dashed #777; }
.card { break-inside: avoid; border-right: 0.4mm dashed #777; border-bottom: 0.4mm dashed #777; padding: 3.5mm 4mm 3mm; display: flex; flex-direction: column; gap: 1.6mm; overflow: hidden; }
.card-token { display: flex; align-items: center; gap: 3mm; padding: 1.8mm 3mm; border-radius: 1.5mm; font-weight: 800; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.card-colour { font-size: 16pt; line-height: 1; }
.card-number { font-size: 24pt; line-height: 1; }
.card-seat { margin-left: auto; font-size: 10pt; font-weight: 800; border: 0.6mm solid currentColor; border-radius: 1mm; padding: 0.6mm 1.6mm; }
.card-note { margin: 0; font-size: 9.5pt; line-height: 1.3; font-weight: 700; }
.card-find { margin: 0; font-size: 8.5pt; line-height: 1.3; }
.card-ring { display: flex; align-items: center; gap: 2.5mm; border: 0.5mm solid var(--ink); border-radius: 1.5mm; padding: 1mm 2.5mm; font-size: 8.5pt; line-height: 1.25; }
.card-ring strong { font-size: 13pt; white-space: nowrap; }
.card-foot { margin-top: auto; display: flex; justify-content: space-between; font-size: 7.5pt; color: var(--muted); }
table.data.script th:nth-child(1) { width: 13mm; }
table.data.script th:nth-child(2) { width: 34mm; }
table.data.script th:nth-child(3) { width: 15mm; }
table.data.script tr.total td { font-weight: 800; }
.sign { height: 238mm; display: flex; flex-direction: column; break-before: page; page-break-before: always; }
.sign-half { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; }
.sign-half.upside { transform: rotate(180deg); }
.sign-fold { border-top: 0.4mm dashed #777; text-align: center; font-size: 8pt; color: var(--muted); padding-top: 1mm; }
.sign-topic { font-family: var(--display); font-size: 64pt; font-weight: 700; line-height: 1.1; }
.sign-hint { font-size: 13pt; color: var(--muted); margin-top: 4mm; }
`

function card(c: PaperCard, cards: PaperCards): VNode {
  const role = cards.roles[c.firstRole]
  const others = c.trio ? `The other two ${c.token.label} cards are your trio.` : `Your partner holds the other ${c.token.label} card.`
  return h('div', { 'class': 'card', 'aria-label': `${c.token.label}, card ${c.seat}` }, [
    h('div', { class: 'card-token', style: `background:${c.token.hex};color:${c.token.ink}` }, [
      h('span', { class: 'card-colour' }, c.token.colour),
      h('span', { class: 'card-number' }, String(c.token.number)),
      h('span', { class: 'card-seat' }, `Card ${c.seat}`),
    ]),
    h('p', { class: 'card-note' }, c.note),
    h('p', { class: 'card-find' }, [`Round 1: ${others.charAt(0).toLowerCase()}${others.slice(1)} `, h('span', { class: 'muted' }, `${role.label}: ${role.prompts[0]}`)]),
    c.ring === null
      // One round: the room the ring would take goes to a second prompt.
      ? (role.prompts[1] ? h('p', { class: 'card-find muted' }, `${role.label}: ${role.prompts[1]}`) : null)
      : h('div', { class: 'card-ring' }, [
          h('strong', `Round 2 · Ring ${c.ring}`),
          h('span', cards.rings > 1 ? `Stay at your table; find the others with ring ${c.ring}. Each of you asks the ring once.` : 'Everyone together: each of you asks the group once.'),
        ]),
    h('div', { class: 'card-foot' }, [
      h('span', `Table set ${c.set} · card ${c.inSet} of ${c.setSize}`),
      h('span', `${c.token.label} ${c.seat}${c.ring === null ? '' : ` · ring ${c.ring}`}`),
    ]),
  ])
}

function sheets(cards: PaperCards): VNode[] {
  const out: VNode[] = []
  for (let i = 0; i < cards.cards.length; i += CARDS_PER_SHEET)
    out.push(h('div', { class: 'sheet' }, cards.cards.slice(i, i + CARDS_PER_SHEET).map(c => card(c, cards))))
  return out
}

/** A tent card for a topic table: fold along the middle and stand it up; the label reads from both sides. */
function topicSign(topic: TopicTag): VNode {
  const half = (upside: boolean) => h('div', { class: ['sign-half', upside && 'upside'] }, [
    h('div', { class: 'sign-topic' }, topic.label),
    h('div', { class: 'sign-hint' }, 'Asks on this topic meet here'),
  ])
  return h('section', { class: 'sign' }, [half(true), h('div', { class: 'sign-fold' }, 'fold here'), half(false)])
}

/** Paper cards, the timer script and topic signs as one HTML document, styled like the kit's other documents. */
export function paperCardsDocument(cards: PaperCards, css: string): VNode {
  const topics = cards.topics
  const columns = [{ label: 'Clock' }, { label: 'Step' }, { label: 'Length', className: 'num' }, { label: 'Say' }]
  const script = cards.sections.flatMap(section => [
    ...section.rows.map(row => h('tr', [
      h('td', { class: 'time' }, row.at),
      h('td', row.round ? `${row.label} (round ${row.round})` : row.label),
      h('td', { class: 'num' }, row.duration),
      h('td', row.say),
    ])),
    h('tr', { class: 'total' }, [h('td'), h('td', section.title), h('td', { class: 'num' }, section.total), h('td', section.phases.includes('rounds') ? 'The same total as the exercise-rounds slide.' : '')]),
  ])
  const roundsClock = cards.sections.find(section => section.phases.includes('rounds'))?.total ?? '0:00'
  const allClock = clock(cards.totalSeconds)
  const sheetCount = Math.ceil(cards.cards.length / CARDS_PER_SHEET)
  return htmlDocument({
    title: `${cards.title} — paper cards for ${cards.people} people`,
    css: `${css}\n${CARD_CSS}`,
    body: [
      h('section', { class: 'intro' }, [
        h('h1', `${cards.title}: paper cards`),
        paragraph('For a room without phones or Wi-Fi: the same steps and timings as the live exercise, with a card per person.', 'lead'),
        keyValues([
          ['Printed for', `${cards.people} people: ${cards.cards.length} cards in ${cards.sets} table ${cards.sets === 1 ? 'set' : 'sets'}${cards.rounds > 1 ? `, ${cards.rings} rings in round 2` : ''}`],
          ['Variant', `${cards.variant} minutes, ${cards.rounds === 1 ? 'one round' : `${cards.rounds} rounds`}`],
          ['Pair up and rounds', `${roundsClock} (as on the slide); ${allClock} with writing, debrief and commitment`],
          ['Another head count', '`npm run export -- --only cards --people N`'],
        ]),
        h('h2', 'How it runs on paper'),
        h('ol', { class: 'runs' }, cards.howItRuns.map(step => h('li', step))),
      ]),
      h('section', { class: 'part' }, [
        h('h1', 'Timer script'),
        paragraph('Start a stopwatch at the first step. Call each step as the clock reaches it; pause or extend when the room needs it.', 'muted'),
        dataTable(columns, script, undefined, 'script'),
      ]),
      h('section', { class: 'part' }, [
        h('h1', 'Roles'),
        ...(['focus', 'support'] as const).map(side => h('div', { class: 'box keep' }, [
          h('h3', `${cards.roles[side].label}: ${cards.roles[side].summary}`),
          bullets(cards.roles[side].prompts),
        ])),
        paragraph(cards.trioRule),
        paragraph(`Close with the commitment: “${cards.commitment}”. Anyone may pass.`),
        h('h2', 'Cards to cut out'),
        paragraph(`The next ${sheetCount} ${sheetCount === 1 ? 'page holds' : 'pages hold'} one card per person, eight to a page. Cut along the dashed lines and keep each table set together: the set is at the foot of every card.`),
        topics.length
          ? [h('h2', 'Topic signs'), paragraph(`The last ${topics.length} pages are one sign per topic (${topics.map(topic => topic.label).join(', ')}). Print the ones your room needs, fold each along the middle and stand it on a table, or copy them onto flipchart sheets.`)]
          : null,
      ]),
      ...sheets(cards),
      ...topics.map(topicSign),
    ],
  })
}
