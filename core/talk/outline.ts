import type { Variant } from './settings'

export type SectionKind = 'essay' | 'workshop'

export interface TalkSection {
  id: string
  kind: SectionKind
  title: string
  /** Lines of the essay the deck quotes word for word in this section. */
  quotes: string[]
}

export interface AgendaBlockDefinition {
  id: string
  title: string
}

export interface OutlineSlide {
  id: string
  section: string
  agendaBlock: string
  title: string
  /** Planned minutes per variant; 0 leaves the slide out of that variant. */
  minutes: Record<Variant, number>
}

/**
 * Essay sections in the essay's order, interleaved with the workshop's own parts.
 * Essay quotes keep the essay's typography (curly apostrophes) so they match the deck verbatim.
 */
export const sections: TalkSection[] = [
  { id: 'opening', kind: 'workshop', title: 'Opening', quotes: [] },
  { id: 'confession', kind: 'essay', title: 'The confession', quotes: ['I hate asking for help.'] },
  {
    id: 'shadows',
    kind: 'essay',
    title: 'The Upside Down',
    quotes: ['Some of our most celebrated strengths become our most dangerous shadows when we stop paying attention.'],
  },
  {
    id: 'best-and-shadow',
    kind: 'essay',
    title: 'At my best, in my shadow',
    quotes: [
      'I can’t do it all alone. I don’t have to.',
      'Leadership was never meant to be a solo sport.',
      'I tell myself I should be able to handle it.',
      'It’s easier to do it myself.',
    ],
  },
  {
    id: 'quiet-irony',
    kind: 'essay',
    title: 'The quiet irony',
    quotes: [
      'I get tired. I get stretched thin. And eventually, I get annoyed that no one is helping me.',
      'I’m frustrated with others for not showing up, even though I never gave them the chance.',
    ],
  },
  {
    id: 'isolation',
    kind: 'essay',
    title: 'Independence isn’t the enemy. Isolation is.',
    quotes: [
      'Independence Isn’t the Enemy. Isolation Is.',
      'The problem begins when independence becomes armor rather than strength.',
      'I’ll just handle it.',
      'Who can help me think this through?',
      'One closes doors. The other opens them.',
      'Over time, people stop offering.',
      'Then we wonder why leadership feels lonely.',
    ],
  },
  {
    id: 'people-want-to-help',
    kind: 'essay',
    title: 'People want to help',
    quotes: [
      'Asking for help isn’t a burden. It’s an invitation.',
      'I trust you. I value your perspective. I can’t do this without you.',
      'Trust compounds. Support multiplies.',
    ],
  },
  {
    id: 'better-leaders',
    kind: 'essay',
    title: 'Asking for help builds better leaders',
    quotes: [
      'We show them it’s okay not to have all the answers.',
      'collaboration matters more than ego',
      'leadership isn’t about control. It’s about connection.',
      'Teams don’t grow when leaders carry everything.',
    ],
  },
  { id: 'exercise', kind: 'workshop', title: 'Practice: ask and offer', quotes: [] },
  { id: 'debrief', kind: 'workshop', title: 'Debrief', quotes: [] },
  {
    id: 'out-of-the-shadow',
    kind: 'essay',
    title: 'Staying out of the shadow',
    quotes: [
      'The shadow shows up when we confuse self-reliance with self-worth.',
      'What would be healthier right now?',
      'I need support.',
      'Leadership done right is shared weight, shared ownership, and shared wins.',
    ],
  },
  { id: 'close', kind: 'workshop', title: 'Commitments and close', quotes: [] },
]

export const agendaBlocks: AgendaBlockDefinition[] = [
  { id: 'welcome', title: 'Welcome and a first poll' },
  { id: 'upside-down', title: 'The Upside Down' },
  { id: 'isolation', title: 'Independence vs isolation' },
  { id: 'want-to-help', title: 'People want to help: the evidence' },
  { id: 'leaders', title: 'Asking builds better leaders' },
  { id: 'practice', title: 'Practice: ask and offer' },
  { id: 'debrief', title: 'Debrief' },
  { id: 'daylight', title: 'Staying out of the shadow' },
  { id: 'commit', title: 'Commitments and close' },
]

function slide(id: string, section: string, agendaBlock: string, title: string, sixty: number, ninety: number): OutlineSlide {
  return { id, section, agendaBlock, title, minutes: { 60: sixty, 90: ninety } }
}

/** The deck in order. Minutes per variant must add up to exactly 60 and 90. */
export const outlineSlides: OutlineSlide[] = [
  slide('title', 'opening', 'welcome', 'Title', 1, 1),
  slide('purpose', 'opening', 'welcome', 'Why we are here', 1, 2),
  slide('join', 'opening', 'welcome', 'Join the room', 1, 1.5),
  slide('agenda', 'opening', 'welcome', 'Agenda', 1, 1),
  slide('poll-weakness-before', 'opening', 'welcome', 'Poll: does asking look weak?', 1.5, 2),

  slide('confession', 'confession', 'upside-down', 'I hate asking for help', 2, 2.5),
  slide('poll-asking-feels', 'confession', 'upside-down', 'Poll: how asking feels', 1.5, 2.5),
  slide('upside-down', 'shadows', 'upside-down', 'Strengths become shadows', 1.5, 2.5),
  slide('best-vs-shadow', 'best-and-shadow', 'upside-down', 'At my best, in my shadow', 2, 2.5),
  slide('quiet-irony', 'quiet-irony', 'upside-down', 'The quiet irony', 1.5, 2),

  slide('isolation-title', 'isolation', 'isolation', 'Independence isn’t the enemy', 1, 1),
  slide('armor', 'isolation', 'isolation', 'Armor or strength', 1, 1.5),
  slide('closes-or-opens', 'isolation', 'isolation', 'One closes doors, the other opens them', 1.5, 2),
  slide('poll-when-stuck', 'isolation', 'isolation', 'Poll: when I am stuck', 1, 2),
  slide('people-stop-offering', 'isolation', 'isolation', 'People stop offering', 1, 1.5),
  slide('poll-barriers', 'isolation', 'isolation', 'Poll: what stops us', 0, 2),

  slide('invitation', 'people-want-to-help', 'want-to-help', 'An invitation, not a burden', 1.5, 2),
  slide('poll-yes-estimate', 'people-want-to-help', 'want-to-help', 'Predict: how often people say yes', 1.5, 2),
  slide('evidence-flynn-lake', 'people-want-to-help', 'want-to-help', 'Evidence: we underestimate yes', 1.5, 1.5),
  slide('evidence-bohns', 'people-want-to-help', 'want-to-help', 'Evidence: 48% on average', 1, 1.5),
  slide('evidence-zhao-epley', 'people-want-to-help', 'want-to-help', 'Evidence: helpers feel good', 1, 1.5),
  slide('poll-being-asked-feels', 'people-want-to-help', 'want-to-help', 'Poll: how being asked feels', 0, 2),
  slide('evidence-in-person', 'people-want-to-help', 'want-to-help', 'Evidence: ask in person', 0.5, 1),
  slide('trust-compounds', 'people-want-to-help', 'want-to-help', 'Trust compounds', 1, 1.5),

  slide('better-leaders', 'better-leaders', 'leaders', 'What asking models', 1.5, 2),
  slide('evidence-brooks', 'better-leaders', 'leaders', 'Evidence: askers look competent', 1, 1.5),
  slide('evidence-caveat', 'better-leaders', 'leaders', 'Caveat: context matters', 1, 1.5),
  slide('evidence-edmondson', 'better-leaders', 'leaders', 'Evidence: psychological safety', 1, 1.5),
  slide('poll-safety', 'better-leaders', 'leaders', 'Poll: is it safe here?', 1.5, 2),
  slide('share-responsibility', 'better-leaders', 'leaders', 'Teams grow when leaders share', 1, 1.5),

  slide('exercise-intro', 'exercise', 'practice', 'A good ask', 1.5, 2),
  slide('exercise-prepare', 'exercise', 'practice', 'Write your ask and offers', 2.5, 3.5),
  slide('exercise-rounds', 'exercise', 'practice', 'Ask and offer rounds', 9, 15),

  slide('debrief-what', 'debrief', 'debrief', 'What?', 1.5, 2),
  slide('debrief-so-what', 'debrief', 'debrief', 'So what?', 1.5, 2.5),
  slide('debrief-now-what', 'debrief', 'debrief', 'Now what?', 1, 2),

  slide('self-worth', 'out-of-the-shadow', 'daylight', 'Self-reliance is not self-worth', 1, 1.5),
  slide('healthier', 'out-of-the-shadow', 'daylight', 'What would be healthier right now?', 1.5, 2),
  slide('poll-weakness-after', 'out-of-the-shadow', 'daylight', 'Poll again: does asking look weak?', 1.5, 2),

  slide('shared-wins', 'out-of-the-shadow', 'daylight', 'Shared weight, shared wins', 1, 1),
  slide('commitments', 'close', 'commit', 'My ask', 2.5, 3),
  slide('close', 'close', 'commit', 'Thank you', 1, 1),
]

export function findOutlineSlide(id: string): OutlineSlide | undefined {
  return outlineSlides.find(entry => entry.id === id)
}

export function slidesInVariant(variant: Variant): OutlineSlide[] {
  return outlineSlides.filter(entry => entry.minutes[variant] > 0)
}

export function totalMinutes(variant: Variant): number {
  return outlineSlides.reduce((sum, entry) => sum + entry.minutes[variant], 0)
}
