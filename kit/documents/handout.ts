import type { VNode } from 'vue'
import type { HandoutContent } from '../content/handout'
import { h } from 'vue'
import { essay } from '../../core/talk/essay'
import * as text from '../content/handout-text'
import { bullets, cover, htmlDocument, inline, paragraph } from './parts'

function fillLines(count: number, label?: string): VNode[] {
  return [...Array.from({ length: count }, () => h('div', { class: 'fill-line' })), label ? h('div', { class: 'fill-label' }, label) : null].filter((node): node is VNode => node !== null)
}

function keyIdeas(content: HandoutContent): VNode {
  return h('section', { class: 'part' }, [
    h('h1', 'Key ideas'),
    paragraph(`Lines from the essay “${essay.title}”, word for word, under the essay’s own headings and in its order.`, 'muted'),
    h('div', { class: 'columns' }, content.keyIdeas.map(group => h('div', { class: 'keep' }, [
      h('h3', group.section),
      ...group.quotes.map(quote => h('div', { class: 'quote' }, quote)),
    ]))),
  ])
}

function evidence(content: HandoutContent): VNode | null {
  if (content.evidence.length === 0)
    return null
  return h('section', { class: 'part' }, [
    h('h1', 'What the research says'),
    paragraph('The essay cites no research: these studies are the workshop’s additions, with who took part and what they cannot tell us.', 'muted'),
    ...content.evidence.map(item => h('div', { class: 'box keep' }, [
      h('h4', { style: 'margin-top:0' }, `${item.authors.join(', ')} (${item.year})`),
      h('p', { style: 'margin:0 0 1.5mm' }, inline(item.finding)),
      h('p', { class: 'small', style: 'margin:0 0 1mm' }, [h('strong', 'Who took part: '), item.participants]),
      h('p', { class: 'small', style: 'margin:0 0 1.5mm' }, [h('strong', 'Limits: '), item.limits]),
      h('p', { class: 'small muted', style: 'margin:0' }, inline(item.citation)),
      item.summary ? h('p', { class: 'small muted', style: 'margin:0.8mm 0 0' }, ['Figure on the slide from: ', ...inline(item.summary)]) : null,
    ])),
  ])
}

function worksheet(content: HandoutContent): VNode {
  return h('section', { class: 'part' }, [
    h('h1', 'My SMART ask'),
    paragraph(`Sentence starter: ${content.sentenceStarter}`, 'lead'),
    ...text.smart.map(row => h('div', { class: 'smart-row' }, [
      h('div', { class: 'smart-letter' }, row.letter),
      h('div', [h('strong', `${row.word}: `), h('span', { class: 'muted' }, row.prompt), h('div', { class: 'fill-line' })]),
    ])),
    h('h3', 'My ask, in one sentence'),
    ...fillLines(3),
    h('h2', 'Tips for asking'),
    bullets(text.askerTips),
  ])
}

function offers(): VNode {
  return h('section', { class: 'part' }, [
    h('h1', 'What I can offer'),
    paragraph('Write one to three offers, each with a topic word, so a partner with a matching ask can find you.', 'muted'),
    ...text.offerPrompts.map((prompt, index) => h('div', { class: 'box' }, [
      h('h4', `Offer ${index + 1} · ${prompt}`),
      ...fillLines(2),
      h('div', { class: 'fill-label' }, 'Topic word: ____________________'),
    ])),
    h('h2', 'Rules for helpers'),
    h('table', { class: 'data kv' }, h('tbody', text.helperRules.map(rule => h('tr', [h('th', { style: 'width:55mm' }, rule.rule), h('td', rule.why)])))),
  ])
}

function commitmentCard(): VNode {
  const card = () => h('div', { class: 'cut' }, [
    h('div', { class: 'cut-hint' }, '✂ cut along the dashed line · keep it, nobody collects it'),
    h('h3', 'My commitment'),
    h('p', { class: 'lead' }, 'I will ask'),
    h('div', { class: 'fill-line' }),
    h('div', { class: 'fill-label' }, 'who'),
    h('p', { class: 'lead', style: 'margin-top:3mm' }, 'for'),
    h('div', { class: 'fill-line' }),
    h('div', { class: 'fill-label' }, 'what'),
    h('p', { class: 'lead', style: 'margin-top:3mm' }, 'by'),
    h('div', { class: 'fill-line' }),
    h('div', { class: 'fill-label' }, 'when'),
  ])
  return h('section', { class: 'part' }, [
    h('h1', 'Commitment card'),
    paragraph('“Who will I ask, for what, by when?” Set a reminder on your phone before you leave.', 'muted'),
    card(),
    card(),
  ])
}

function references(content: HandoutContent): VNode {
  return h('section', { class: 'part' }, [
    h('h1', 'References'),
    content.references.length ? h('ol', content.references.map(reference => h('li', { style: 'margin-bottom:2.5mm' }, inline(reference)))) : null,
    h('h2', 'Exercises this workshop draws on'),
    bullets([
      'Reciprocity Ring: Wayne and Cheryl Baker, Give and Take Inc.',
      'Troika Consulting, Impromptu Networking, 1-2-4-All: Liberating Structures (liberatingstructures.com).',
      'Schein, E. H. (2009). *Helping: How to offer, give, and receive help.* Berrett-Koehler.',
    ]),
  ])
}

/** The participant handout as one HTML document. */
export function handoutDocument(content: HandoutContent, css: string): VNode {
  return htmlDocument({
    title: `${content.title} — Participant handout`,
    css,
    body: [
      cover({
        kicker: 'Participant handout',
        title: content.title,
        subtitle: 'Key ideas, the evidence, and a worksheet for your own ask',
        meta: [],
        contents: ['Key ideas', ...(content.evidence.length ? ['What the research says'] : []), 'My SMART ask', 'What I can offer', 'Commitment card', 'References'],
      }),
      keyIdeas(content),
      evidence(content),
      worksheet(content),
      offers(),
      commitmentCard(),
      references(content),
    ],
  })
}
