import type { PollDefinition } from '../../core/polls/definition'
import type { Tally } from '../../core/protocol'
import { describe, expect, it } from 'vitest'
import { tally, withoutHidden } from '../../core/polls/tally'
import { textKey } from '../../core/polls/text-key'

const rows = (...values: unknown[]) => values.map((value, i) => ({ value, at: 1000 + i }))

describe('tally', () => {
  it('choice: counts per option, skipping rows that do not fit', () => {
    const def: PollDefinition = { id: 'c', kind: 'choice', question: 'Q?', options: ['a', 'b', 'c'] }
    const r = tally(def, rows(0, 2, 2, 7, 'x', null))
    expect(r.tally).toEqual({ kind: 'choice', counts: [1, 0, 2] })
    expect(r.total).toBe(3)
  })

  it('multi: counts each picked option once per vote', () => {
    const def: PollDefinition = { id: 'm', kind: 'multi', question: 'Q?', options: ['a', 'b', 'c'] }
    const r = tally(def, rows([0, 1], [1], [2, 1, 0], [1, 1]))
    expect(r.tally).toEqual({ kind: 'multi', counts: [2, 3, 1] })
    expect(r.total).toBe(3)
  })

  it('scale: counts per value from min, and the mean', () => {
    const def: PollDefinition = { id: 's', kind: 'scale', question: 'Q?', min: 1, max: 5, minLabel: '', maxLabel: '' }
    expect(tally(def, rows(1, 5, 5, 3)).tally).toEqual({ kind: 'scale', counts: [1, 0, 1, 0, 2], mean: 3.5 })
    expect(tally(def, []).tally).toEqual({ kind: 'scale', counts: [0, 0, 0, 0, 0], mean: null })
  })

  it('estimate: sorted values, mean and median (odd and even counts)', () => {
    const def: PollDefinition = { id: 'e', kind: 'estimate', question: 'Q?', min: -100, max: 100 }
    expect(tally(def, rows(10, -5, 3)).tally).toEqual({ kind: 'estimate', values: [-5, 3, 10], mean: 8 / 3, median: 3 })
    expect(tally(def, rows(1, 2, 3, 10)).tally).toEqual({ kind: 'estimate', values: [1, 2, 3, 10], mean: 4, median: 2.5 })
    expect(tally(def, []).tally).toEqual({ kind: 'estimate', values: [], mean: null, median: null })
  })

  it('words: merged counts, most frequent first, hidden flagged', () => {
    const def: PollDefinition = { id: 'w', kind: 'words', question: 'Q?', maxWords: 2 }
    const r = tally(def, rows(['Scary', 'brave'], [' scary'], ['SCARY', 'rude'], ['brave']), new Set(['rude']))
    expect(r.tally).toEqual({
      kind: 'words',
      words: [
        { word: 'scary', count: 3, hidden: false },
        { word: 'brave', count: 2, hidden: false },
        { word: 'rude', count: 1, hidden: true },
      ],
    })
    expect(r.total).toBe(4)
  })

  it('text: answers in the order first given, with stable keys and no times, duplicates merged, hidden flagged', () => {
    const def: PollDefinition = { id: 't', kind: 'text', question: 'Q?', maxLength: 100 }
    const votes = [
      { value: 'Ask early', at: 30 },
      { value: 'bad words', at: 10 },
      { value: 'ask  EARLY', at: 20 },
    ]
    const r = tally(def, votes, new Set([textKey('bad words')]))
    expect(r.tally).toEqual({
      kind: 'text',
      answers: [
        { key: textKey('bad words'), text: 'bad words', count: 1, hidden: true },
        { key: textKey('ask early'), text: 'ask  EARLY', count: 2, hidden: false },
      ],
    })
    expect(r.total).toBe(3)
  })
})

describe('withoutHidden', () => {
  it('drops moderated words and texts, leaves other kinds alone', () => {
    expect(withoutHidden({ kind: 'words', words: [{ word: 'a', count: 1, hidden: true }, { word: 'b', count: 1, hidden: false }] }))
      .toEqual({ kind: 'words', words: [{ word: 'b', count: 1, hidden: false }] })
    expect(withoutHidden({ kind: 'text', answers: [{ key: 'k', text: 'x', count: 1, hidden: true }] }))
      .toEqual({ kind: 'text', answers: [] })
    const choice: Tally = { kind: 'choice', counts: [1] }
    expect(withoutHidden(choice)).toBe(choice)
  })
})
