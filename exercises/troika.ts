import type { ExerciseDefinition } from './types'
import { COMMITMENT_TEMPLATE, WHAT_SO_WHAT_NOW_WHAT } from './ask-offer'
import { TOPICS } from './topics'

/**
 * Troika Consulting (Liberating Structures): trios, each member is the client
 * once. The client states a challenge and the help wanted, the consultants ask
 * clarifying questions only, then the client turns away while the consultants
 * talk it over, and the client says what was most valuable. Rotate.
 *
 * Here to keep the format general: groups of three, three turns, a step where
 * only the supporting side talks, no offers required.
 */
export const troika: ExerciseDefinition = {
  id: 'troika',
  title: 'Troika consulting',
  summary: 'In threes, each person in turn brings a challenge while the other two act as consultants.',
  source: 'Troika Consulting, Liberating Structures (Lipmanowicz and McCandless).',
  groupSize: 3,
  turnsPerRound: 3,
  roles: {
    focus: {
      id: 'client',
      label: 'Client',
      summary: 'You bring a challenge and listen with your back turned.',
      prompts: [
        'My challenge is … and the help I want is …',
        'While the consultants talk, listen and take notes; do not answer.',
      ],
    },
    support: {
      id: 'consultant',
      label: 'Consultant',
      summary: 'Ask first; then think aloud with the other consultant as if the client were not there.',
      prompts: [
        'Clarifying questions only: "What have you tried?", "What is in your control?"',
        'Then talk to each other: "What I hear is …", "One idea is …"',
      ],
    },
  },
  topics: TOPICS,
  submission: {
    ask: { min: 10, max: 280, label: 'Your challenge' },
    offers: { count: { min: 0, max: 3 }, length: { min: 3, max: 140 }, label: 'What you know about' },
    topics: { min: 1, max: 3 },
    allowPass: true,
  },
  steps: {
    prepare: [
      {
        id: 'challenge-write',
        label: 'Write',
        instruction: 'Write one challenge you are facing and the help you want with it.',
        speaker: 'everyone',
      },
    ],
    pairing: [
      {
        id: 'find-trio',
        label: 'Form trios',
        instruction: 'Find the two others with your colour and number.',
        speaker: 'everyone',
      },
    ],
    turn: [
      {
        id: 'challenge',
        label: 'Challenge',
        instruction: 'The client states the challenge and the help wanted.',
        speaker: 'focus',
        cues: { focus: 'State your challenge and the help you want.', support: 'Listen.' },
      },
      {
        id: 'questions',
        label: 'Questions',
        instruction: 'Consultants ask clarifying questions only.',
        speaker: 'support',
        cues: { focus: 'Answer briefly.', support: 'Questions only: no advice yet.' },
      },
      {
        id: 'consult',
        label: 'Consult',
        instruction: 'The client turns around; the consultants talk it over together.',
        speaker: 'support',
        cues: { focus: 'Turn your back, listen, take notes. Do not answer.', support: 'Talk to each other: what you hear, ideas, suggestions.' },
      },
      {
        id: 'reflect',
        label: 'Reflect',
        instruction: 'The client turns back and says what was most valuable.',
        speaker: 'focus',
        cues: { focus: 'Say what was most valuable to you.', support: 'Listen; do not defend your ideas.' },
      },
    ],
    swap: {
      id: 'rotate',
      label: 'Rotate',
      instruction: 'Thank your client. The next person becomes the client.',
      speaker: 'everyone',
    },
    afterTurns: [],
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
    60: {
      seconds: { 'challenge-write': 120, 'find-trio': 60, 'challenge': 60, 'questions': 60, 'consult': 180, 'reflect': 60, 'rotate': 15, 'what': 90, 'so-what': 90, 'now-what': 60, 'commit': 120 },
      rounds: [{}],
    },
    90: {
      seconds: { 'challenge-write': 180, 'find-trio': 60, 'challenge': 90, 'questions': 90, 'consult': 240, 'reflect': 60, 'rotate': 15, 'what': 120, 'so-what': 150, 'now-what': 120, 'commit': 180 },
      rounds: [{}],
    },
  },
}
