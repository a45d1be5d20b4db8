import type { VNode } from 'vue'
import type { PaperCard, PaperCards } from '../../exercises/paper-cards'
import { h } from 'vue'
import { formatMinutes } from '../content/run-of-show'
import { bullets, cover, dataTable, htmlDocument, paragraph } from './parts'

/**
 * The exercise's paper fallback: the facilitator's timer script and cut-out
 * cards with pair colours and numbers (content from exercises/paper-cards.ts).
 */

const CARD_CSS = `
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { break-inside: avoid; border: 0.4mm dashed #888; border-radius: 2mm; padding: 4mm; min-height: 60mm; }
.card-token { display: flex; align-items: baseline; justify-content: space-between; padding: 2.5mm 4mm; border-radius: 1.5mm; font-weight: 800; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.card-colour { font-size: 15pt; text-transform: uppercase; letter-spacing: 0.04em; }
.card-number { font-size: 26pt; line-height: 1; }
.card-seat { margin: 3mm 0 1mm; font-weight: 700; }
.card ul { margin: 1mm 0 0; padding-left: 4mm; font-size: 9pt; }
table.data.script th:nth-child(1) { width: 13mm; }
table.data.script th:nth-child(2) { width: 36mm; }
table.data.script th:nth-child(3) { width: 16mm; }
`

function card(c: PaperCard, cards: PaperCards): VNode {
  const role = cards.roles[c.firstRole]
  return h('div', { class: 'card' }, [
    h('div', { class: 'card-token', style: `background:${c.token.hex};color:${c.token.ink}` }, [
      h('span', { class: 'card-colour' }, c.token.colour),
      h('span', { class: 'card-number' }, String(c.token.number)),
    ]),
    h('p', { class: 'card-seat' }, `Card ${c.seat} · ${c.note}`),
    h('p', { class: 'small muted', style: 'margin:0' }, `Find the card with the same colour and number: ${c.token.label}.`),
    h('ul', role.prompts.slice(0, 3).map(prompt => h('li', prompt))),
  ])
}

/** Paper cards and the timer script as one HTML document, styled like the kit's other documents. */
export function paperCardsDocument(cards: PaperCards, css: string): VNode {
  const columns = [{ label: 'Clock' }, { label: 'Step' }, { label: 'Minutes', className: 'num' }, { label: 'Say' }]
  const rows = cards.script.map(row => h('tr', [
    h('td', { class: 'time' }, row.at),
    h('td', row.round ? `${row.label} (round ${row.round})` : row.label),
    h('td', { class: 'num' }, formatMinutes(row.seconds / 60)),
    h('td', row.say),
  ]))
  return htmlDocument({
    title: `${cards.title} — paper cards`,
    css: `${css}\n${CARD_CSS}`,
    body: [
      cover({
        kicker: 'Paper fallback',
        title: cards.title,
        subtitle: 'For a room without phones or Wi-Fi: hand out the cards, run the clock, keep the same steps.',
        meta: [['Variant', `${cards.variant} minutes`], ['Exercise time', `${formatMinutes(cards.totalMinutes)} minutes`], ['Cards', String(cards.cards.length)]],
        contents: ['Timer script', 'Roles', 'Cards to cut out'],
      }),
      h('section', { class: 'part' }, [
        h('h1', 'Timer script'),
        paragraph('Start a stopwatch at the first step. Call each step as the clock reaches it; pause or extend when the room needs it.', 'muted'),
        dataTable(columns, rows, undefined, 'script'),
      ]),
      h('section', { class: 'part' }, [
        h('h1', 'Roles'),
        ...(['focus', 'support'] as const).map(side => h('div', { class: 'box keep' }, [
          h('h3', `${cards.roles[side].label}: ${cards.roles[side].summary}`),
          bullets(cards.roles[side].prompts),
        ])),
        paragraph(`Close with the commitment: “${cards.commitment}”. Anyone may pass.`),
      ]),
      h('section', { class: 'part' }, [
        h('h1', 'Cards to cut out'),
        h('div', { class: 'cards' }, cards.cards.map(c => card(c, cards))),
      ]),
    ],
  })
}
