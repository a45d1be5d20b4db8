import type { DebriefQuestion, ExerciseDefinition } from './types'
import { TOPICS } from './topics'

/**
 * The ask/offer exercise: everyone writes one SMART ask and one to three
 * offers, meets a partner whose offers fit their ask, and each takes a turn as
 * asker while the other helps - questions first, advice after (Edgar Schein,
 * Helping, 2009: the client owns the problem).
 *
 * Timings keep the totals the talk plans for the exercise-rounds slide
 * (9 minutes at 60, 15 at 90); prepare, debrief and commitment match the
 * exercise-prepare, debrief-* and commitments slides.
 */

/** What / So What / Now What, shared with other pair formats. */
export const WHAT_SO_WHAT_NOW_WHAT: readonly DebriefQuestion[] = [
  {
    id: 'what',
    label: 'What?',
    question: 'What happened when you asked, and when you were asked?',
    instruction: 'What did you notice? Facts first: what was said, what you felt.',
    speaker: 'everyone',
    prompts: [
      'What was it like to read your ask out loud?',
      'What did your helper ask that you did not expect?',
      'How did it feel to be asked?',
    ],
  },
  {
    id: 'so-what',
    label: 'So what?',
    question: 'Why does that matter for how you lead?',
    instruction: 'What does it tell you about asking, and about the people around you?',
    speaker: 'everyone',
    prompts: [
      'Was saying yes easier or harder than you expected?',
      'What made the ask easy to help with?',
      'Where at work does this not happen, and why?',
    ],
  },
  {
    id: 'now-what',
    label: 'Now what?',
    question: 'What will you do differently this week?',
    instruction: 'One small, concrete change. Who will you ask, for what, by when?',
    speaker: 'everyone',
    prompts: [
      'Whom have you not asked because you did not want to burden them?',
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
        instruction: 'Both write down one thing to follow up, and with whom.',
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
  },
  debrief: WHAT_SO_WHAT_NOW_WHAT,
  commitment: COMMITMENT_TEMPLATE,
  timings: {
    // Rounds: 60 + (60 + 60 + 90) + 15 + 210 + 45 = 540 s = the 9-minute exercise-rounds slide.
    60: {
      seconds: { 'write': 150, 'find-partner': 60, 'ask': 60, 'clarify': 60, 'offer': 90, 'swap': 15, 'note': 45, 'what': 90, 'so-what': 90, 'now-what': 60, 'commit': 150 },
      rounds: [{}],
    },
    // Round 1: 60 + 270 + 15 + 270 = 615 s; round 2 (new partner, shorter): 30 + 120 + 15 + 120 = 285 s.
    // Together 900 s = the 15-minute exercise-rounds slide. No note step: the commitment phase follows.
    90: {
      seconds: { 'write': 210, 'find-partner': 60, 'ask': 60, 'clarify': 90, 'offer': 120, 'swap': 15, 'what': 120, 'so-what': 150, 'now-what': 120, 'commit': 180 },
      rounds: [{}, { 'find-partner': 30, 'ask': 30, 'clarify': 30, 'offer': 60 }],
    },
  },
}
