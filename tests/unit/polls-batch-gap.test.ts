import { describe, expect, it } from 'vitest'
import { batchGap, COST_SHARE } from '../../core/polls/batch-gap'

const gap = { minMs: 4, maxMs: 25 }

describe('the gap after a results batch', () => {
  it('is the shortest gap after a cheap batch, so a small room sees each vote at once', () => {
    expect(batchGap(0, gap)).toBe(4)
    expect(batchGap(0.2, gap)).toBe(4)
  })

  it('grows with what the batch cost, so batches never take more than a small share of the time', () => {
    expect(batchGap(1, gap)).toBe(COST_SHARE)
    expect(batchGap(1.5, gap)).toBeCloseTo(1.5 * COST_SHARE)
  })

  it('never exceeds the longest gap, however costly the batch or starved the server', () => {
    expect(batchGap(40, gap)).toBe(25)
    expect(batchGap(Number.POSITIVE_INFINITY, gap)).toBe(25)
  })

  it('is fixed when the shortest and longest gaps agree, and the shortest wins a contradiction', () => {
    expect(batchGap(0, { minMs: 1500, maxMs: 1500 })).toBe(1500)
    expect(batchGap(99, { minMs: 1500, maxMs: 1500 })).toBe(1500)
    expect(batchGap(0, { minMs: 30, maxMs: 10 })).toBe(30)
  })
})
