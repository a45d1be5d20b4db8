import type { PollDefinition } from '../../core/polls/definition'
import type { PollResult } from '../../core/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { niceStep } from '../../core/polls/bins'
import { estimateBars } from '../../kit/content/results'
import {
  axisPosition,
  choiceBars,
  cloudWords,
  describeResult,
  emptyResult,
  estimateBins,
  hashSeed,
  markerLabels,
  markerRows,
  meanShift,
  percentages,
  percentOf,
  resultsById,
  scaleBins,
  seededRandom,
  wallCards,
} from '../../slide-room/chart-data'

type Def<K extends PollDefinition['kind']> = Extract<PollDefinition, { kind: K }>

const choice: Def<'choice' | 'multi'> = { id: 'c', kind: 'choice', question: 'Q?', options: ['A', 'B', 'C'] }
const multi: Def<'choice' | 'multi'> = { id: 'm', kind: 'multi', question: 'Q?', options: ['A', 'B'] }
const scale: Def<'scale'> = { id: 's', kind: 'scale', question: 'Q?', min: 1, max: 5, minLabel: 'No', maxLabel: 'Yes' }
const estimate: Def<'estimate'> = { id: 'e', kind: 'estimate', question: 'Guess?', min: 0, max: 100, unit: '%', reveal: { value: 48, label: 'It was 48%.', source: 'A study' } }

function result(poll: PollDefinition, tally: PollResult['tally'], total: number, extra: Partial<PollResult> = {}): PollResult {
  return { poll, round: 1, status: 'open', revealed: true, openedAt: 1, closedAt: null, total, tally, ...extra }
}

describe('percentages', () => {
  it('adds up to exactly 100 by largest remainder', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33])
    expect(percentages([2, 1])).toEqual([67, 33])
    expect(percentages([1, 0, 0])).toEqual([100, 0, 0])
    for (const counts of [[7, 3, 5, 2], [1, 1, 1, 1, 1, 1, 1], [13, 17, 19]])
      expect(percentages(counts).reduce((a, b) => a + b, 0)).toBe(100)
  })

  it('stays at zero when nobody answered', () => {
    expect(percentages([0, 0])).toEqual([0, 0])
    expect(percentOf(3, 0)).toBe(0)
  })
})

describe('choiceBars', () => {
  it('single choice: shares of all answers, bar length by share', () => {
    const bars = choiceBars(choice, [2, 1, 1], 4)
    expect(bars.map(b => b.percent)).toEqual([50, 25, 25])
    expect(bars[0]).toMatchObject({ label: 'A', count: 2, fraction: 0.5 })
  })

  it('multi: shares of the people who answered, which may exceed 100 together', () => {
    const bars = choiceBars(multi, [3, 2], 4)
    expect(bars.map(b => b.percent)).toEqual([75, 50])
    expect(bars.map(b => b.fraction)).toEqual([0.75, 0.5])
  })

  it('pads missing counts with zeros', () => {
    expect(choiceBars(choice, [1], 1).map(b => b.count)).toEqual([1, 0, 0])
  })
})

describe('histograms', () => {
  it('scale: one column per point with heights relative to the tallest', () => {
    const bins = scaleBins(scale, [0, 2, 4, 1, 0])
    expect(bins.map(b => b.label)).toEqual(['1', '2', '3', '4', '5'])
    expect(bins.map(b => b.height)).toEqual([0, 0.5, 1, 0.25, 0])
  })

  it('picks nice steps', () => {
    expect(niceStep(100, 10)).toBe(10)
    expect(niceStep(1, 10)).toBe(0.1)
    expect(niceStep(37, 10)).toBe(5)
    expect(niceStep(2000, 8)).toBe(250)
  })

  it('estimate: bins the guesses on nice edges, the maximum in the last bin', () => {
    const bins = estimateBins(estimate, [0, 5, 10, 48, 50, 99.9, 100])
    expect(bins).toHaveLength(10)
    expect(bins[0]).toMatchObject({ from: 0, to: 10, count: 2 })
    expect(bins[1]).toMatchObject({ from: 10, count: 1 })
    expect(bins[4]).toMatchObject({ from: 40, count: 1 })
    expect(bins[9]).toMatchObject({ from: 90, to: 100, count: 2 })
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(7)
  })

  it('estimate: the printed report counts the same columns as the slide', () => {
    const odd = { ...estimate, min: 0, max: 37 }
    const values = [0, 4.9, 5, 12, 36.9, 37]
    const slide = estimateBins(odd, values)
    const printed = estimateBars(values, odd, values.length)
    expect(printed.map(bar => bar.count)).toEqual(slide.map(bin => bin.count))
    expect(printed[0]!.label).toBe('0–5%')
    expect(slide).toHaveLength(8)
  })

  it('estimate: out-of-range values land in the edge bins, not nowhere', () => {
    const bins = estimateBins(estimate, [-5, 250])
    expect(bins[0]!.count).toBe(1)
    expect(bins.at(-1)!.count).toBe(1)
  })

  it('places markers along the axis', () => {
    const bins = estimateBins(estimate, [])
    expect(axisPosition(estimate, bins, 48)).toBeCloseTo(0.48)
    expect(axisPosition(estimate, bins, 500)).toBe(1)
  })
})

describe('word cloud sizing', () => {
  const words = [
    { word: 'scary', count: 9, hidden: false },
    { word: 'fine', count: 1, hidden: false },
    { word: 'rude', count: 20, hidden: true },
    { word: 'hard', count: 4, hidden: false },
  ]

  it('omits hidden words and sizes by the square root of the count', () => {
    const cloud = cloudWords(words, { minSize: 10, maxSize: 90 })
    expect(cloud.map(w => w.text)).toEqual(['scary', 'hard', 'fine'])
    expect(cloud[0]!.size).toBe(90)
    expect(cloud[2]!.size).toBe(10)
    expect(cloud[1]!.size).toBe(Math.round(10 + 80 * Math.sqrt(3 / 8)))
  })

  it('caps the number of words', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ word: `w${i}`, count: 1, hidden: false }))
    expect(cloudWords(many, { limit: 25 })).toHaveLength(25)
  })

  it('seeds a repeatable random sequence', () => {
    const a = seededRandom(hashSeed('asking-feels#1'))
    const b = seededRandom(hashSeed('asking-feels#1'))
    const seqA = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(seqA)
    expect(seqA.every(x => x >= 0 && x < 1)).toBe(true)
    expect(hashSeed('x')).not.toBe(hashSeed('y'))
  })
})

describe('text wall', () => {
  it('drops hidden answers and puts the newest first (the server sends them oldest first)', () => {
    const answers = [
      { key: 'a', text: 'old', count: 1, hidden: false },
      { key: 'c', text: 'new', count: 2, hidden: false },
      { key: 'b', text: 'hidden', count: 1, hidden: true },
    ]
    const cards = wallCards(answers)
    expect(cards.map(c => c.text)).toEqual(['new', 'old'])
    expect(answers.map(a => a.key)).toEqual(['a', 'c', 'b'])
  })
})

describe('results map and text alternatives', () => {
  it('rebuilds the map from each snapshot', () => {
    const a = result(choice, { kind: 'choice', counts: [1, 0, 0] }, 1)
    expect([...resultsById([a]).keys()]).toEqual(['c'])
    expect(resultsById([]).size).toBe(0)
  })

  it('describes every number a chart draws', () => {
    expect(describeResult(result(choice, { kind: 'choice', counts: [2, 1, 1] }, 4))).toBe('Q? 4 answers. A: 2 (50%); B: 1 (25%); C: 1 (25%).')
    const s = describeResult(result(scale, { kind: 'scale', counts: [0, 0, 1, 0, 1], mean: 4 }, 2))
    expect(s).toContain('1 (No)')
    expect(s).toContain('3: 1; 4: 0; 5: 1')
    expect(s).toContain('Mean 4')
    const e = describeResult(result(estimate, { kind: 'estimate', values: [20, 30], mean: 25, median: 25 }, 2))
    expect(e).toContain('20 to 30%: 1')
    expect(e).toContain('mean 25%, median 25%')
    const w = describeResult(result({ id: 'w', kind: 'words', question: 'One word?', maxWords: 1 }, { kind: 'words', words: [{ word: 'ok', count: 2, hidden: false }, { word: 'bad', count: 5, hidden: true }] }, 7))
    expect(w).toBe('One word? 7 answers. ok (2).')
    expect(describeResult(result(choice, { kind: 'choice', counts: [0, 0, 0] }, 0))).toContain('No answers yet')
  })

  it('builds empty results with the right shape for every kind', () => {
    expect(emptyResult(scale).tally).toEqual({ kind: 'scale', counts: [0, 0, 0, 0, 0], mean: null })
    expect(emptyResult(choice).tally).toEqual({ kind: 'choice', counts: [0, 0, 0] })
    expect(emptyResult(estimate).total).toBe(0)
  })

  it('reports how a scale mean moved', () => {
    const before = result(scale, { kind: 'scale', counts: [], mean: 3.5 }, 4)
    const after = result(scale, { kind: 'scale', counts: [], mean: 2 }, 4)
    expect(meanShift(before, after)).toEqual({ before: 3.5, after: 2, delta: -1.5 })
    expect(meanShift(null, after)).toBeNull()
  })
})

describe('markerRows', () => {
  /** Where a label lands on the plot (0..1), with the default layout's widths. */
  const span = (text: string, at: number) => {
    const half = (text.length * 0.0145 + 0.025) / 2
    const centre = Math.min(Math.max(at, half), 1 - half)
    return { from: centre - half, to: centre + half }
  }

  it('puts the estimate\'s answer (48%) and the mean (46.6%) in different rows', () => {
    // The talk's real numbers: the reveal is 48, the room's mean was 46.6 on a 0-100 axis.
    const labels = [
      { key: 'answer', at: 0.48, text: 'Answer 48%' },
      { key: 'mean', at: 0.466, text: 'Mean 46.6%' },
      { key: 'median', at: 0.45, text: 'Median 45%' },
    ]
    const rows = markerRows(labels)
    expect(rows.answer).toBe(0)
    expect(new Set(Object.values(rows)).size).toBe(3)
  })

  it('folds a colliding mean and median into one label, so the real numbers need two rows, not three', () => {
    const labels = markerLabels([
      { key: 'answer', at: 0.48, text: 'Answer 48%' },
      { key: 'mean', at: 0.466, text: 'Mean 46.6%' },
      { key: 'median', at: 0.48, text: 'Median 48%' },
    ])
    expect(labels.map(l => l.text)).toEqual(['Answer 48%', 'Mean 46.6% · median 48%'])
    expect(markerRows(labels)).toEqual({ answer: 0, mean: 1 })
    // Far apart, both keep their own label.
    expect(markerLabels([{ key: 'mean', at: 0.2, text: 'Mean 20%' }, { key: 'median', at: 0.7, text: 'Median 70%' }])).toHaveLength(2)
  })

  it('keeps labels far apart on one row', () => {
    expect(markerRows([{ key: 'answer', at: 0.9, text: 'Answer 48%' }, { key: 'mean', at: 0.2, text: 'Mean 20%' }])).toEqual({ answer: 0, mean: 0 })
  })

  it('never leaves two labels of one row overlapping', () => {
    fc.assert(fc.property(fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ minLength: 1, maxLength: 14 }) }), { maxLength: 6 }), (list) => {
      const labels = list.map((l, i) => ({ key: `m${i}`, ...l }))
      const rows = markerRows(labels)
      for (const a of labels) {
        for (const b of labels) {
          if (a.key < b.key && rows[a.key] === rows[b.key]) {
            const x = span(a.text, a.at)
            const y = span(b.text, b.at)
            if (!(x.to <= y.from || x.from >= y.to))
              return false
          }
        }
      }
      return true
    }))
  })
})
