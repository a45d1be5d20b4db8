import { essay, essayLineFor, essayLines } from '../../core/talk/essay'

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
  'Ask in person or on a call if you can. In one study, people asking strangers by email expected as many yeses as people asking face to face, and got far fewer.',
  'Make it easy to say yes: say what, how much, and by when.',
  'Make it easy to say no: “No worries if not.” A clear no tells you where to ask next.',
  'Close the loop: tell the helper how it turned out.',
]

/**
 * The essay's own headings, word for word, each with the first essay line (core/talk/essay.ts)
 * under it. The essay's opening runs under its title, so every line before the first heading
 * sits under the title. Keyed by lines rather than by a deck's section ids, so any deck that
 * quotes the essay gets its quotes under the right heading.
 */
const ESSAY_HEADINGS: ReadonlyArray<{ heading: string, firstLine: string }> = [
  { heading: 'Independence Isn’t the Enemy. Isolation Is.', firstLine: 'Independence Isn’t the Enemy. Isolation Is.' },
  { heading: 'People Want to Help', firstLine: 'Asking for help isn’t a burden. It’s an invitation.' },
  { heading: 'Asking for Help Builds Better Leaders', firstLine: 'As leaders, our focus shouldn’t be on proving how capable we are. It should be about helping others grow and succeed.' },
  { heading: 'Staying Out of the Shadow', firstLine: 'The shadow shows up when we confuse self-reliance with self-worth.' },
]

/** The essay heading an essay line sits under (the essay's title for its opening); undefined for words that are not the essay's. */
export function essayHeadingOf(quote: string): string | undefined {
  const line = essayLineFor(quote)
  if (line === undefined)
    return undefined
  const at = essayLines.indexOf(line)
  let heading: string = essay.title
  for (const entry of ESSAY_HEADINGS) {
    const from = essayLines.indexOf(entry.firstLine)
    if (from !== -1 && from <= at)
      heading = entry.heading
  }
  return heading
}
