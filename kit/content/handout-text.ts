/** Worksheet prompts for the participant handout; the ideas and evidence come from the deck. */

export const smart: Array<{ letter: string, word: string, prompt: string }> = [
  { letter: 'S', word: 'Specific', prompt: 'What exactly do you need? One thing, not a list.' },
  { letter: 'M', word: 'Meaningful', prompt: 'Why does it matter to you, your team or your work?' },
  { letter: 'A', word: 'Action-oriented', prompt: 'What could someone actually do: an introduction, an hour, a review?' },
  { letter: 'R', word: 'Realistic', prompt: 'Could a colleague say yes to it this month?' },
  { letter: 'T', word: 'Time-bound', prompt: 'By when do you need it?' },
]

export const offerPrompts: string[] = [
  'Something I know (a skill, a tool, a field)',
  'Someone I know (an introduction I could make)',
  'Something I can do (an hour of my time, a review, a second pair of eyes)',
]

export const helperRules: Array<{ rule: string, why: string }> = [
  { rule: 'Ask before you advise.', why: 'Your first move is a question. The asker owns the problem (Edgar Schein, Helping).' },
  { rule: 'Listen for the real ask.', why: 'The first request is often not the whole one. “What would help most?”' },
  { rule: 'Offer what you can, even if it is small.', why: 'A name, a link or ten minutes counts. No offer is too small.' },
  { rule: 'It is fine to say no.', why: 'A clear no is better than a reluctant yes; suggest someone else if you can.' },
  { rule: 'Keep it in the pair.', why: 'What is said in the exercise stays there.' },
  { rule: 'Anyone may pass.', why: 'Passing is a full answer and is never questioned.' },
]

export const askerTips: string[] = [
  'Ask in person or on a call if you can: face to face is far more persuasive than email.',
  'Make it easy to say yes: say what, how much, and by when.',
  'Make it easy to say no: “No worries if not.” People say yes more often than you expect anyway.',
  'Close the loop: tell the helper how it turned out.',
]
