import { describe, expect, it } from 'vitest'
import { batchGap, COST_SHARE, typicalCost } from '../../core/polls/batch-gap'

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

  it('follows the typical cost: one batch that ran long barely delays the votes behind it', () => {
    // Costs measured in a 1,000-phone run: about 0.35 ms, now and then one near 3 ms (a GC inside it).
    let cost = 0
    for (let i = 0; i < 20; i++)
      cost = typicalCost(cost, 0.35)
    expect(batchGap(cost, gap)).toBe(4)
    cost = typicalCost(cost, 2.9)
    expect(batchGap(2.9, gap)).toBe(25)
    expect(batchGap(cost, gap)).toBeLessThan(10)
    cost = typicalCost(cost, 0.35)
    expect(batchGap(cost, gap)).toBeLessThan(batchGap(typicalCost(0.35, 2.9), gap))
  })

  it('reaches the longest gap within a few batches when every batch is costly', () => {
    let cost = 0.3
    const gaps: number[] = []
    for (let i = 0; i < 8; i++) {
      cost = typicalCost(cost, 5)
      gaps.push(batchGap(cost, gap))
    }
    expect(gaps.slice(0, 3).every((g, i) => i === 0 || g > gaps[i - 1]!)).toBe(true)
    expect(gaps.at(-1)).toBe(25)
    expect(typicalCost(5, 5)).toBe(5)
  })
})
