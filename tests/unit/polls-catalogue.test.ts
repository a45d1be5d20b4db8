import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { POLL_LIMITS, pollDefinitionSchema } from '../../core/polls/definition'
import { findPoll, pollPairs, slidesInVariant, talkPolls, variantLengths } from '../../core/talk/deck'
import { paperFallback, pollKindLabel } from '../../core/talk/poll-display'
import { loadDeck } from '../../room/deck-file'

/**
 * The talk's polls as slides.md writes them (each slide's `poll:`), read the
 * way the deck and `npm run check` read them: what the room will be sent.
 */
const deck = loadDeck()
const { talk } = deck
const polls = talkPolls(talk)
const LIVE_POLL = /<LivePoll(?=[\s/>])([^>]*)>/g

/** The `<LivePoll>` tags in a slide's Markdown, with whether each asks to compare. */
function livePollsOn(content: string): Array<{ compare: boolean }> {
  return [...content.matchAll(LIVE_POLL)].map(match => ({ compare: /\bcompare\b/.test(match[1] ?? '') }))
}

describe('the polls of slides.md', () => {
  it('reads without a problem and has polls of several kinds', () => {
    expect(deck.problems.filter(problem => problem.level === 'error')).toEqual([])
    expect(polls.length).toBeGreaterThan(3)
    expect(new Set(polls.map(poll => poll.kind)).size).toBeGreaterThan(3)
  })

  it('has unique, valid ids', () => {
    const ids = polls.map(poll => poll.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) {
      expect(id).toMatch(POLL_LIMITS.idPattern)
      expect(id.length).toBeLessThanOrEqual(POLL_LIMITS.idMaxLength)
    }
  })

  it.each(polls)('sends the room only what its schema accepts: $id', (poll) => {
    const result = v.safeParse(pollDefinitionSchema, poll)
    expect(result.issues?.map(issue => issue.message) ?? []).toEqual([])
    // The deck-only `repeats:` never reaches the room.
    expect(Object.keys(poll)).not.toContain('repeats')
    expect(result.output).toEqual(poll)
  })

  it.each(polls)('keeps $id within the limits the server checks', (poll) => {
    expect(poll.question.length).toBeGreaterThan(0)
    expect(poll.question.length).toBeLessThanOrEqual(POLL_LIMITS.questionMaxLength)
    if (poll.kind === 'choice' || poll.kind === 'multi') {
      expect(poll.options.length).toBeGreaterThanOrEqual(2)
      expect(poll.options.length).toBeLessThanOrEqual(POLL_LIMITS.maxOptions)
      expect(new Set(poll.options).size).toBe(poll.options.length)
      for (const option of poll.options)
        expect(option.length).toBeLessThanOrEqual(POLL_LIMITS.optionMaxLength)
    }
    if (poll.kind === 'scale' || poll.kind === 'estimate')
      expect(poll.min).toBeLessThan(poll.max)
    if (poll.kind === 'estimate' && poll.reveal) {
      expect(poll.reveal.value).toBeGreaterThanOrEqual(poll.min)
      expect(poll.reveal.value).toBeLessThanOrEqual(poll.max)
      expect(poll.reveal.source).not.toBe('')
    }
    expect(pollKindLabel(poll)).not.toBe('')
    expect(paperFallback(poll)).not.toBe('')
  })

  it('prints only confirmed figures in reveals', () => {
    const reveals = polls.flatMap(poll => poll.kind === 'estimate' && poll.reveal ? [poll.reveal] : [])
    expect(reveals.length).toBeGreaterThan(0)
    for (const reveal of reveals)
      expect([48, 50]).toContain(reveal.value)
  })

  it('keeps the closing poll the phones prefill from the commitment: private text, id my-ask', () => {
    // phone/main.ts fills this poll from the commitment saved in the exercise.
    expect(findPoll(talk, 'my-ask')).toMatchObject({ kind: 'text', private: true })
  })
})

describe('each poll on its slide', () => {
  it('shows <LivePoll /> exactly on the slides that declare a poll, once each', () => {
    for (const [index, source] of deck.slides.entries()) {
      const slide = talk.slides[index]!
      const tags = livePollsOn(source.content ?? '')
      expect(tags.length, `slide ${slide.number} (${slide.id}, slides.md:${slide.line})`).toBe(slide.poll ? 1 : 0)
    }
  })

  it('compares exactly where a poll repeats an earlier one', () => {
    for (const [index, source] of deck.slides.entries()) {
      const slide = talk.slides[index]!
      const compare = livePollsOn(source.content ?? '').some(tag => tag.compare)
      expect(compare, `slide ${slide.number} (${slide.id})`).toBe(slide.repeats !== null)
    }
  })

  it('asks the same question in both halves of a before/after pair, the first half earlier in every length', () => {
    const pairs = pollPairs(talk)
    expect(pairs.length).toBeGreaterThan(0)
    for (const pair of pairs) {
      const before = findPoll(talk, pair.before)
      const after = findPoll(talk, pair.after)
      expect(before).toBeDefined()
      expect({ ...after, id: '' }).toEqual({ ...before, id: '' })
      for (const length of variantLengths(talk)) {
        const ids = slidesInVariant(talk, length).flatMap(slide => slide.poll ? [slide.poll.id] : [])
        if (!ids.includes(pair.after))
          continue
        expect(ids.indexOf(pair.before), `the ${length} runs ${pair.before} before ${pair.after}`).toBeGreaterThanOrEqual(0)
        expect(ids.indexOf(pair.before)).toBeLessThan(ids.indexOf(pair.after))
      }
    }
  })
})
