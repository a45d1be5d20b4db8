import type { PollDefinition } from '../../core/polls/definition'
import type { AnswerValue } from '../../core/protocol'

import { hashString as hash, mulberry32 } from '../../core/seeded'

// Seeded, so two rehearsals with the same seed look alike.
export { hash, mulberry32 }

export const NICKNAMES = [
  'Amira',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomás',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Aino',
  'Bruno',
  'Carla',
  'Dmitri',
  'Esra',
  'Farah',
  'Gus',
  'Hana',
  'Ivo',
  'Jess',
  'Kai',
  'Lucía',
  'Malik',
  'Noor',
  'Olu',
  'Pia',
  'Rafa',
  'Sofia',
  'Theo',
  'Vera',
  'Will',
  'Yara',
]

/** Words people give when asked how asking for help feels. */
export const WORDS = [
  'brave',
  'scary',
  'human',
  'trust',
  'vulnerable',
  'relief',
  'awkward',
  'growth',
  'weak',
  'exposed',
  'honest',
  'teamwork',
  'humble',
  'curious',
  'strength',
  'learning',
  'uncomfortable',
  'freeing',
  'normal',
  'connection',
]

export const TEXTS = [
  'Ask Priya to review my plan before Friday',
  'Ask my manager for an hour to talk about priorities',
  'Ask the data team how they built their dashboard',
  'Ask for feedback on my talk before I give it',
  'Tell my team I am stuck on the migration',
  'Ask Sam to pair with me on the tests',
  'Ask for a mentor outside my team',
  'Ask the new hire what confuses them, then ask for their help too',
  'Stop pretending I understand the budget and ask',
  'Ask a colleague to cover Thursday so I can rest',
  'I could help anyone with spreadsheets',
  'Ask for help earlier, not at midnight',
]

/** One normal sample (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** Fixed per poll: some options are popular, some are not, the same for everyone in the room. */
function weights(poll: { id: string }, count: number): number[] {
  const r = mulberry32(hash(poll.id))
  return Array.from({ length: count }, () => 0.2 + r() ** 2 * 3)
}

function pickWeighted(w: readonly number[], random: () => number, exclude = new Set<number>()): number {
  const total = w.reduce((s, x, i) => s + (exclude.has(i) ? 0 : x), 0)
  let t = random() * total
  for (let i = 0; i < w.length; i++) {
    if (exclude.has(i))
      continue
    t -= w[i]!
    if (t <= 0)
      return i
  }
  return w.findIndex((_, i) => !exclude.has(i))
}

/** A plausible answer to any poll kind. */
export function plausibleAnswer(poll: PollDefinition, random: () => number): AnswerValue {
  switch (poll.kind) {
    case 'choice':
      return pickWeighted(weights(poll, poll.options.length), random)
    case 'multi': {
      const w = weights(poll, poll.options.length)
      const picked = new Set<number>()
      const n = 1 + Math.floor(random() * Math.min(3, poll.options.length))
      while (picked.size < n)
        picked.add(pickWeighted(w, random, picked))
      return [...picked].sort((a, b) => a - b)
    }
    case 'scale': {
      const mid = (poll.min + poll.max) / 2
      const x = Math.round(mid + normal(random) * (poll.max - poll.min) / 4)
      return Math.min(poll.max, Math.max(poll.min, x))
    }
    case 'estimate': {
      // People guess around a believable value, spread wide and skewed like real guesses.
      const center = poll.reveal?.value ?? poll.min + (poll.max - poll.min) * 0.35
      let x = center * Math.exp(normal(random) * 0.5)
      if (center === 0)
        x = poll.min + random() * (poll.max - poll.min) / 2
      x = Math.min(poll.max, Math.max(poll.min, x))
      return poll.max - poll.min > 20 ? Math.round(x) : Math.round(x * 10) / 10
    }
    case 'words': {
      const n = 1 + Math.floor(random() * poll.maxWords)
      const w = weights({ id: 'words' }, WORDS.length)
      const picked = new Set<number>()
      while (picked.size < n)
        picked.add(pickWeighted(w, random, picked))
      return [...picked].map(i => WORDS[i]!)
    }
    case 'text':
      return TEXTS[Math.floor(random() * TEXTS.length)]!.slice(0, poll.maxLength)
  }
}

/** How long a person takes to answer: most within 5-15 s, a few much later. */
export function thinkingTimeMs(random: () => number): number {
  return Math.min(60_000, 2000 + Math.exp(8.7 + normal(random) * 0.6))
}
