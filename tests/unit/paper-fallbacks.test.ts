import type { PollDefinition } from '../../core/polls/definition'
import { describe, expect, it } from 'vitest'
import { findPoll as findInTalk, talkPolls as pollsOf } from '../../core/talk/deck'
import { paperFallback, paperIsPrivate } from '../../core/talk/poll-display'
import { materialsList } from '../../kit/content/materials'
import { loadDeck } from '../../room/deck-file'

const { talk } = loadDeck()
const talkPolls = pollsOf(talk)
const findPoll = (id: string) => findInTalk(talk, id)

describe('paper versions of the polls', () => {
  it('keeps the sensitive questions anonymous: folded slips in a box, no hands, fingers, walls or dots', () => {
    for (const id of ['safety', 'barriers', 'weakness-before', 'weakness-after', 'when-stuck']) {
      const poll = findPoll(id)!
      expect(paperIsPrivate(poll), id).toBe(true)
      const text = paperFallback(poll)
      expect(text, id).toMatch(/slip/)
      expect(text, id).toMatch(/box/)
      expect(text, id).toMatch(/co-facilitator tallies/)
      expect(text, id).not.toMatch(/hand|finger|stand|wall|dot/i)
    }
  })

  it('lets the word and guess polls stay visible, unsigned', () => {
    for (const poll of talkPolls.filter(p => p.kind === 'words' || p.kind === 'estimate')) {
      expect(paperIsPrivate(poll), poll.id).toBe(false)
      expect(paperFallback(poll), poll.id).toMatch(/sticky note, no name/)
    }
  })

  it('says the scale on a slip, from its own ends', () => {
    const scale: PollDefinition = { id: 'x', kind: 'scale', question: 'Q', min: 0, max: 10, minLabel: 'low', maxLabel: 'high' }
    expect(paperFallback(scale)).toContain('one number from 0 to 10')
  })
})

describe('the materials list', () => {
  it('prints for the head count and names the files the export writes', () => {
    const list = materialsList({ people: 40, polls: talkPolls })
    const cards = list.find(item => item.file === 'paper-cards.pdf' && /cards for the exercise/i.test(item.item))!
    expect(cards.amount).toBe('40 cards')
    expect(cards.item).toContain('--people N')
    expect(list.find(item => item.file === 'participant-handout.pdf')!.amount).toBe('44')
    expect(list.map(item => item.item).join(' ')).not.toMatch(/ask\/offer cards|sticky dot|a set per/i)
    for (const item of list.filter(entry => entry.file))
      expect(item.item).toContain(item.file)
  })

  it('has slips and a box for each private poll, sticky notes for the visible ones, pens and topic signs', () => {
    const polls = talkPolls
    const privateCount = polls.filter(paperIsPrivate).length
    const list = materialsList({ people: 10, polls })
    const slips = list.find(item => /slips of paper and a box/i.test(item.item))!
    expect(slips.amount).toBe(`${10 * privateCount} slips; 1 box`)
    expect(list.some(item => /sticky notes/i.test(item.item))).toBe(true)
    expect(list.find(item => item.item === 'Pens')!.amount).toBe('10')
    expect(list.some(item => /topic signs/i.test(item.item))).toBe(true)
    // With no private poll in the session there is nothing to fold.
    expect(materialsList({ polls: polls.filter(p => !paperIsPrivate(p)) }).some(item => /slips/i.test(item.item))).toBe(false)
    expect(materialsList({ polls: [] }).some(item => /slips|sticky notes/i.test(item.item))).toBe(false)
  })

  it('says "per person" when it is not printed for one head count', () => {
    const list = materialsList({ polls: talkPolls })
    expect(list.find(item => item.item === 'Pens')!.amount).toBe('one per person')
    expect(list.find(item => item.file === 'participant-handout.pdf')!.amount).toBe('one per person + 10%')
  })
})
