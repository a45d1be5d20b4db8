import type { ExerciseSubmissionInput } from '../../room-client/connection'
import { TOPICS } from '../../exercises/topics'

/** Asks a rehearsal participant might bring: specific, with a when, as the slide teaches. */
const ASKS = [
  'I am working on our onboarding guide and could use help to test it with two new starters by Friday.',
  'I am preparing a budget proposal and could use a second pair of eyes on the numbers before next Tuesday.',
  'I want to give clearer feedback to my team and could use help practising one hard conversation this month.',
  'I am moving our release checklist into the CI pipeline and could use help from someone who knows the build by the end of the month.',
  'I am planning a team offsite and could use help choosing a facilitator by next week.',
  'I keep saying yes to everything and could use help deciding what to drop before the next quarter starts.',
  'I am learning SQL for reporting and could use an hour with someone who writes queries daily, this month.',
  'I want to ask for a promotion and could use help shaping the case before my review on the 15th.',
] as const

const OFFERS = [
  'An hour of pairing on code reviews',
  'Reading a draft and giving honest notes',
  'Introductions to people in finance',
  'Help with spreadsheets and charts',
  'A walk and a listening ear',
  'Mock interviews',
  'Planning a workshop agenda',
  'Explaining our deployment pipeline',
  'Coaching on giving feedback',
] as const

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!
}

function topics(random: () => number, count: number): string[] {
  const chosen = new Set<string>()
  while (chosen.size < count)
    chosen.add(pick(TOPICS, random).id)
  return [...chosen]
}

/** One ask and one to three offers with topic tags; about one in ten passes, as in a real room. */
export function plausibleSubmission(random: () => number): ExerciseSubmissionInput {
  if (random() < 0.1)
    return { pass: true }
  const offers = new Set<string>()
  const wanted = 1 + Math.floor(random() * 3)
  while (offers.size < wanted)
    offers.add(pick(OFFERS, random))
  return {
    ask: pick(ASKS, random),
    askTopics: topics(random, 1 + Math.floor(random() * 2)),
    offers: [...offers],
    offerTopics: topics(random, 1 + Math.floor(random() * 3)),
  }
}

const WHO = ['my manager', 'Priya from finance', 'the platform team', 'a mentor', 'my team lead', 'a colleague in design'] as const
const WHAT = ['feedback on my draft', 'an hour of pairing', 'an introduction', 'help planning the launch', 'a second opinion'] as const
const WHEN = ['Friday', 'next week', 'the end of the month', 'Tuesday'] as const

/** "I will ask ___ for ___ by ___", filled in; a few choose to share it. */
export function plausibleCommitment(random: () => number): { commitment: Record<string, string>, shared: boolean } {
  return {
    commitment: { who: pick(WHO, random), what: pick(WHAT, random), when: pick(WHEN, random) },
    shared: random() < 0.2,
  }
}
