import type { PollDefinition } from '../polls/definition'

/**
 * Every live poll the talk runs, in the order the deck uses them.
 * Questions follow the essay's arguments; figures in reveals are only the confirmed ones.
 */
export const talkPolls: PollDefinition[] = [
  {
    id: 'weakness-before',
    kind: 'scale',
    question: 'Asking for help makes a leader look less competent.',
    min: 1,
    max: 5,
    minLabel: 'Strongly disagree',
    maxLabel: 'Strongly agree',
  },
  {
    id: 'asking-feels',
    kind: 'words',
    question: 'One word: how does asking for help feel?',
    maxWords: 1,
  },
  {
    id: 'when-stuck',
    kind: 'choice',
    question: 'When I’m stuck, I usually ask for help within…',
    options: ['An hour', 'A day', 'A few days', 'Only when I’m forced to'],
  },
  {
    id: 'barriers',
    kind: 'multi',
    question: 'What stops you from asking for help? Pick all that apply.',
    options: [
      'I don’t want to burden anyone',
      'I might look incompetent',
      'I don’t know whom to ask',
      'I feel I haven’t earned it yet',
      'It doesn’t feel safe here',
    ],
  },
  {
    // The reveal sits on the same scale as the guesses: both are "% underestimated".
    id: 'yes-estimate',
    kind: 'estimate',
    question: 'In studies, people predicted how many strangers would agree to help them. By how much did they underestimate the yeses?',
    min: 0,
    max: 100,
    unit: '%',
    reveal: {
      value: 48,
      label: 'Askers underestimated how many people would say yes by 48% on average.',
      source: 'Bohns, V. K. (2016). Current Directions in Psychological Science.',
    },
  },
  {
    id: 'being-asked-feels',
    kind: 'words',
    question: 'One word: how does it feel when someone asks you for help?',
    maxWords: 1,
  },
  {
    id: 'safety',
    kind: 'scale',
    question: 'On my team, it’s safe to say “I need support.”',
    min: 1,
    max: 7,
    minLabel: 'Not true at all',
    maxLabel: 'Completely true',
  },
  {
    id: 'weakness-after',
    kind: 'scale',
    question: 'Asking for help makes a leader look less competent.',
    min: 1,
    max: 5,
    minLabel: 'Strongly disagree',
    maxLabel: 'Strongly agree',
  },
  {
    id: 'my-ask',
    kind: 'text',
    question: 'Who will I ask, for what, by when?',
    maxLength: 280,
  },
]

/** The same question asked at the start and the end, so the room can see whether it moved. */
export const pollPairs: Array<{ before: string, after: string }> = [
  { before: 'weakness-before', after: 'weakness-after' },
]

export function findPoll(id: string): PollDefinition | undefined {
  return talkPolls.find(poll => poll.id === id)
}

export function findPairOf(id: string): { before: string, after: string } | undefined {
  return pollPairs.find(pair => pair.before === id || pair.after === id)
}
