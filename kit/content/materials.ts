import type { PollDefinition } from '../../core/polls/definition'
import { paperIsPrivate } from '../../core/talk/poll-display'
import { askOffer } from '../../exercises/ask-offer'
import { command } from './guide-text'

/**
 * What to bring and print. Every printed item names the file `npm run export`
 * writes, so nothing on the list exists only on the list; the paper things
 * (slips, sticky notes, signs) are the ones the polls' and the exercise's
 * paper versions use.
 */

export interface MaterialItem {
  item: string
  amount: string
  /** The export's file this item is printed from, if it is printed. */
  file?: string
}

export interface MaterialsOptions {
  /** Head count; unset says "per person" without a number. */
  people?: number
  /** The polls the session runs (the deck's polls in the chosen length). */
  polls: readonly PollDefinition[]
  /** The deck file, for the commands the list names. @default 'slides.md' */
  file?: string
}

function perPerson(people: number | undefined, each = 1, spare = 0): string {
  if (people === undefined)
    return each === 1 ? `one per person${spare ? ` + ${spare * 100}%` : ''}` : `${each} per person`
  return String(Math.ceil(people * each * (1 + spare)))
}

export function materialsList(options: MaterialsOptions): MaterialItem[] {
  const { people, polls } = options
  const privatePolls = polls.filter(paperIsPrivate).length
  const visiblePolls = polls.filter(poll => !paperIsPrivate(poll) && poll.kind !== 'text').length
  const topics = askOffer.topics.map(topic => topic.label).join(', ')
  // Each printed item names its file in the text too, so the printed list says what to print from.
  const items: MaterialItem[] = [
    { item: 'Projector or large screen; the laptop with the deck', amount: '1' },
    { item: 'Facilitator guide (facilitator-guide.pdf)', amount: 'one per facilitator', file: 'facilitator-guide.pdf' },
    { item: 'Participant handout (participant-handout.pdf); its last page is the commitment card', amount: perPerson(people, 1, 0.1), file: 'participant-handout.pdf' },
    { item: `Paper cards for the exercise (paper-cards.pdf), printed for your head count with ${command('npm run export', options.file ?? 'slides.md', ['--only cards', '--people N'])}; cut and bundled in table sets`, amount: people === undefined ? 'one card per person' : `${people} cards`, file: 'paper-cards.pdf' },
    { item: `Topic signs, one per table (${topics}): the last pages of paper-cards.pdf, or written on flipchart sheets beforehand`, amount: String(askOffer.topics.length), file: 'paper-cards.pdf' },
    ...(privatePolls
      ? [{ item: `Slips of paper and a box, bag or envelope for the ${privatePolls} private polls (answers folded, tallied by a co-facilitator)`, amount: `${perPerson(people, privatePolls)} slips; 1 box` }]
      : []),
    ...(visiblePolls
      ? [{ item: `Sticky notes for the ${visiblePolls} word and guess polls, and a clear wall or flipchart to put them on`, amount: 'a pad per table; 1 wall' }]
      : []),
    { item: 'Pens', amount: perPerson(people) },
    { item: 'A visible timer (phone, kitchen timer or on screen)', amount: '1' },
  ]
  return items
}
