import type { DebriefQuestion, ExerciseDefinition } from './types'
import { TOPICS } from './topics'

/**
 * The ask/offer exercise: everyone writes one SMART ask and one to three
 * offers, meets a partner whose offers fit their ask, and each takes a turn as
 * asker while the other helps - questions first, advice after (Edgar Schein,
 * Helping, 2009: the client owns the problem).
 *
 * Timings keep the totals the decks plan for the exercise-rounds slide
 * (6 minutes at 30 in examples/team-huddle.md, 9 at 60 and 15 at 90 in
 * slides.md); prepare, debrief and commitment match the exercise-prepare,
 * debrief and commitments slides. A deck of another length runs the longest
 * timing not longer than it (exercises/schedule.ts).
 */

/** What / So What / Now What, shared with other pair formats. */
export const WHAT_SO_WHAT_NOW_WHAT: readonly DebriefQuestion[] = [
  {
    id: 'what',
    label: 'What?',
    question: 'What happened when you asked, and when you were asked?',
    instruction: 'Facts first: what you asked for, what was offered, what surprised you.',
    speaker: 'everyone',
    prompts: [
      'What did you ask for, and what was offered?',
      'What did your helper ask that you did not expect?',
      'What surprised you?',
    ],
  },
  {
    id: 'so-what',
    label: 'So what?',
    question: 'What does that tell you about asking?',
    instruction: 'How did it feel to ask, and to be asked? What does that say about your team?',
    speaker: 'everyone',
    prompts: [
      'How did asking feel, next to the word you gave at the start?',
      'Was saying yes easier or harder than you expected?',
      'Where at work does this not happen, and why?',
    ],
  },
  {
    id: 'now-what',
    label: 'Now what?',
    question: 'What will you do differently this week?',
    instruction: 'One small, concrete change: who you will ask, for what, by when.',
    speaker: 'everyone',
    prompts: [
      'Who have you not asked because you did not want to be a burden?',
      'What would make asking normal on your team?',
    ],
  },
]

export const COMMITMENT_TEMPLATE = {
  text: 'I will ask {who} for {what} by {when}',
  blank: 'I will ask ___ for ___ by ___',
  fields: [
    { id: 'who', label: 'Who', placeholder: 'a name or a role', maxLength: 60 },
    { id: 'what', label: 'For what', placeholder: 'the help, in a few words', maxLength: 140 },
    { id: 'when', label: 'By when', placeholder: 'Friday, end of the month…', maxLength: 40 },
  ],
} as const

export const askOffer: ExerciseDefinition = {
  id: 'ask-offer',
  title: 'Ask and offer',
  summary: 'Write one ask and a few offers, meet a partner whose offers fit, and take turns: one asks, the other helps.',
  source: 'After the Reciprocity Ring (Wayne and Cheryl Baker), Impromptu Networking and Troika Consulting (Liberating Structures), and Edgar Schein\'s Helping (2009).',
  groupSize: 2,
  turnsPerRound: 2,
  roles: {
    focus: {
      id: 'asker',
      label: 'Asker',
      summary: 'You bring one real ask and own the problem.',
      prompts: [
        'I am working on … and could use help to … by …',
        'What would help most is …',
        'I will know it helped when …',
        'Say what you have tried; say what kind of help you want (ideas, a contact, a review, an ear).',
      ],
    },
    support: {
      id: 'helper',
      label: 'Helper',
      summary: 'Clarify before advising: the asker owns the problem.',
      prompts: [
        'Ask before you advise: "What have you tried so far?"',
        '"What would a good outcome look like for you?"',
        '"What kind of help would be most useful: ideas, a contact, a review, time?"',
        'Offer only what you can actually give; "I can\'t, but I know who can" is an offer too.',
      ],
    },
  },
  topics: TOPICS,
  submission: {
    ask: { min: 10, max: 280, label: 'Your ask' },
    offers: { count: { min: 1, max: 3 }, length: { min: 3, max: 140 }, label: 'Your offers' },
    topics: { min: 1, max: 3 },
    allowPass: true,
  },
  steps: {
    prepare: [
      {
        id: 'write',
        label: 'Write',
        instruction: 'Write one ask (I am working on … and could use help to … by …) and one to three things you can offer. Tag the topics. You may pass.',
        speaker: 'everyone',
      },
    ],
    pairing: [
      {
        id: 'find-partner',
        label: 'Pair up',
        instruction: 'Find your partner: same colour and number on both phones.',
        speaker: 'everyone',
      },
    ],
    turn: [
      {
        id: 'ask',
        label: 'Ask',
        instruction: 'The asker reads their ask. The helper listens.',
        speaker: 'focus',
        cues: {
          focus: 'Read your ask. Say what help would look like and by when.',
          support: 'Listen. No advice yet: note what you want to understand.',
        },
      },
      {
        id: 'clarify',
        label: 'Clarify',
        instruction: 'The helper asks questions only: no advice yet.',
        speaker: 'support',
        cues: {
          focus: 'Answer the questions. It is fine to say "I don\'t know yet".',
          support: 'Ask open questions: what have you tried, what would good look like, what help do you want?',
        },
      },
      {
        id: 'offer',
        label: 'Offer',
        instruction: 'The helper offers what they can; the asker says what fits.',
        speaker: 'support',
        cues: {
          focus: 'Take what fits; it is fine to say "not quite". Agree one next step.',
          support: 'Offer what you can actually give: an idea, a contact, your time.',
        },
      },
    ],
    swap: {
      id: 'swap',
      label: 'Swap',
      instruction: 'Thank your partner. Swap roles: the helper now asks.',
      speaker: 'everyone',
    },
    afterTurns: [
      {
        id: 'note',
        label: 'Note',
        instruction: 'Both write down one thing to follow up, and the person to follow it up with.',
        speaker: 'everyone',
      },
    ],
    commitment: [
      {
        id: 'commit',
        label: 'Commit',
        instruction: 'Finish the sentence: I will ask ___ for ___ by ___.',
        speaker: 'everyone',
      },
    ],
    // The Reciprocity Ring's point is that an ask goes to a group: a short ring at tables of four.
    ring: {
      gather: [
        {
          id: 'find-table',
          label: 'Find your table',
          instruction: 'Find your table: the same colour and number on every phone at it. Nobody from your first pair.',
          speaker: 'everyone',
        },
      ],
      turn: [
        {
          id: 'table-ask',
          label: 'Ask the table',
          instruction: 'One person reads their ask to the table.',
          speaker: 'focus',
          cues: {
            focus: 'Read your ask to the table. Say what help would look like.',
            support: 'Listen. Note anything you could offer.',
          },
        },
        {
          id: 'table-offer',
          label: 'Offers',
          instruction: 'Anyone at the table offers: an idea, a contact, some time.',
          speaker: 'support',
          cues: {
            focus: 'Listen and note who offered what. Say thank you; follow up later.',
            support: 'Offer what you can actually give, or name someone who can.',
          },
        },
      ],
      swap: {
        id: 'table-next',
        label: 'Next person',
        instruction: 'Thank the table. The next person asks.',
        speaker: 'everyone',
      },
    },
  },
  debrief: WHAT_SO_WHAT_NOW_WHAT,
  commitment: COMMITMENT_TEMPLATE,
  timings: {
    // A team huddle: one round of pairs with a swap, no note step (the commitment follows at once).
    // Prepare 120 s; rounds 45 + (45 + 45 + 60) + 15 + 150 = 360 s = the 6-minute exercise-rounds slide;
    // debrief 60 + 60 + 30 = 150 s, the three questions short; commitment 120 s. Together 750 s = 12.5 min.
    30: {
      seconds: { 'write': 120, 'find-partner': 45, 'ask': 45, 'clarify': 45, 'offer': 60, 'swap': 15, 'what': 60, 'so-what': 60, 'now-what': 30, 'commit': 120 },
      rounds: [{}],
    },
    // Rounds: 60 + (60 + 60 + 90) + 15 + 210 + 45 = 540 s = the 9-minute exercise-rounds slide.
    60: {
      seconds: { 'write': 150, 'find-partner': 60, 'ask': 60, 'clarify': 60, 'offer': 90, 'swap': 15, 'note': 45, 'what': 180, 'so-what': 90, 'now-what': 60, 'commit': 150 },
      rounds: [{}],
    },
    // Round 1: 60 + 270 + 15 + 270 = 615 s; round 2, a table ring of four: 30 + 4 × (30 + 30) + 3 × 5 = 285 s.
    // Together 900 s = the 15-minute exercise-rounds slide. No note step: the commitment phase follows.
    90: {
      seconds: { 'write': 210, 'find-partner': 60, 'ask': 60, 'clarify': 90, 'offer': 120, 'swap': 15, 'what': 270, 'so-what': 120, 'now-what': 90, 'commit': 180 },
      rounds: [{}, { 'find-table': 30, 'table-ask': 30, 'table-offer': 30, 'table-next': 5 }],
      formats: ['groups', 'ring'],
    },
  },
}
