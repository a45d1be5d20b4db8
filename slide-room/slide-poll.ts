import type { PollDefinition } from '../core/polls/definition'
import type { DeckProblem, Talk, TalkSlide } from '../core/talk/deck'
import { findPoll } from '../core/talk/deck'

/**
 * The poll a `<LivePoll />` shows: the `poll:` block of its own slide's
 * frontmatter, as `readTalk` validated it (the same schema the room checks),
 * or what is wrong with it in words a facilitator editing slides.md can act
 * on. `npm run check` refuses a broken deck before it starts; this is for the
 * deck edited while it runs.
 */

export type SlidePoll
  = | {
    ok: true
    poll: PollDefinition
    /** The earlier poll this one asks again (`repeats:`), when that poll runs in this deck. */
    repeats: string | null
    /** The poll to show beside this one (`<LivePoll compare />`), or null. */
    compareWith: string | null
  }
  | { ok: false, message: string, fix: string, line: number }

export interface SlidePollFacts {
  talk: Talk
  problems: readonly DeckProblem[]
  /** Slidev's route number of the slide holding the component. */
  page: number
  /** That slide's frontmatter as Slidev has it now. */
  frontmatter: Record<string, unknown>
  compare: boolean
  /** The deck file's name, for the fix. @default 'slides.md' */
  file?: string
}

function slideOf(facts: SlidePollFacts): TalkSlide | undefined {
  const byPage = facts.talk.slides.find(slide => slide.number === facts.page)
  if (byPage)
    return byPage
  const id = facts.frontmatter.slideId
  return typeof id === 'string' ? facts.talk.slides.find(slide => slide.id === id) : undefined
}

/** `readTalk`'s problems with the `poll:` block of one slide. */
function pollProblem(facts: SlidePollFacts, slide: TalkSlide): DeckProblem | undefined {
  return facts.problems.find(problem => problem.level === 'error' && problem.slide === slide.number && /\bpoll\b/i.test(problem.message))
}

export function slidePoll(facts: SlidePollFacts): SlidePoll {
  const file = facts.file ?? 'slides.md'
  const slide = slideOf(facts)
  const line = slide?.line ?? 0
  if (facts.frontmatter.poll === undefined || facts.frontmatter.poll === null) {
    return {
      ok: false,
      line,
      message: 'This slide shows a live poll but its frontmatter has no `poll:` block.',
      fix: `Add \`poll:\` with an id, a kind and a question to this slide in ${file} (docs/authoring.md shows every kind), or remove <LivePoll />.`,
    }
  }
  const poll = slide?.poll
  if (!slide || !poll) {
    const problem = slide && pollProblem(facts, slide)
    return {
      ok: false,
      line: problem?.line || line,
      message: problem?.message ?? 'The `poll:` block of this slide is not a poll the room can run.',
      fix: problem?.fix ?? 'Run `npm run check` for what to change, or see docs/authoring.md.',
    }
  }
  const repeats = slide.repeats && findPoll(facts.talk, slide.repeats) ? slide.repeats : null
  if (facts.compare && !slide.repeats) {
    return {
      ok: false,
      line,
      message: '<LivePoll compare /> shows this poll beside the one it asks again, but the poll has no `repeats:`.',
      fix: `Add \`repeats: <id of the earlier poll>\` to this slide's \`poll:\` block in ${file}, or write <LivePoll /> without compare.`,
    }
  }
  return { ok: true, poll, repeats, compareWith: facts.compare ? repeats : null }
}

/** Where to fix it, as `npm run check` prints it: `slides.md:42`. */
export function whereInDeck(line: number, file = 'slides.md'): string {
  return line > 0 ? `${file}:${line}` : file
}
