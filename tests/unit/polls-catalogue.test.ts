import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { POLL_LIMITS, pollDefinitionSchema } from '../../core/polls/definition'
import { paperFallback, pollKindLabel } from '../../core/talk/poll-display'
import { findPoll, pollPairs, talkPolls } from '../../core/talk/polls'

const slides = readFileSync(fileURLToPath(new URL('../../slides.md', import.meta.url)), 'utf8')
const usedIds = [...slides.matchAll(/<LivePoll\s+id="([^"]+)"/g)].map(match => match[1] ?? '')

describe('poll catalogue', () => {
  it('has unique, valid ids', () => {
    const ids = talkPolls.map(poll => poll.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) {
      expect(id).toMatch(POLL_LIMITS.idPattern)
      expect(id.length).toBeLessThanOrEqual(POLL_LIMITS.idMaxLength)
    }
  })

  it.each(talkPolls)('passes the server\'s schema: $id', (poll) => {
    const result = v.safeParse(pollDefinitionSchema, poll)
    expect(result.issues?.map(issue => issue.message) ?? []).toEqual([])
  })

  it.each(talkPolls)('keeps $id within the limits the server checks', (poll) => {
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

  it('pairs reference existing polls that ask the same thing', () => {
    for (const pair of pollPairs) {
      expect(pair.before).toMatch(/-before$/)
      expect(pair.after).toMatch(/-after$/)
      const before = findPoll(pair.before)
      const after = findPoll(pair.after)
      expect(before).toBeDefined()
      expect(after).toBeDefined()
      expect({ ...after, id: '' }).toEqual({ ...before, id: '' })
    }
  })

  it('prints only confirmed figures in reveals', () => {
    const reveals = talkPolls.flatMap(poll => poll.kind === 'estimate' && poll.reveal ? [poll.reveal] : [])
    for (const reveal of reveals)
      expect([48, 50]).toContain(reveal.value)
  })
})

describe('polls in slides.md', () => {
  it('uses at least one poll', () => {
    expect(usedIds.length).toBeGreaterThan(0)
  })

  it.each(usedIds)('<LivePoll id="%s"> names a catalogue poll', (id) => {
    expect(findPoll(id)).toBeDefined()
  })

  it('runs both halves of every before/after pair, before first', () => {
    for (const pair of pollPairs) {
      expect(usedIds.indexOf(pair.before)).toBeGreaterThanOrEqual(0)
      expect(usedIds.indexOf(pair.after)).toBeGreaterThan(usedIds.indexOf(pair.before))
    }
  })
})
