import { describe, expect, it } from 'vitest'
import { KeyedRateLimiter, TokenBucket } from '../../core/polls/rate-limit'

describe('tokenBucket', () => {
  it('allows the burst, then refuses until time passes', () => {
    const bucket = new TokenBucket({ capacity: 3, perSecond: 1 }, 0)
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false])
    expect(bucket.take(999)).toBe(false)
    expect(bucket.take(1000)).toBe(true)
    expect(bucket.take(1000)).toBe(false)
  })
  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket({ capacity: 2, perSecond: 10 }, 0)
    expect(bucket.available(60_000)).toBe(2)
  })
  it('refills fractionally', () => {
    const bucket = new TokenBucket({ capacity: 1, perSecond: 0.1 }, 0)
    expect(bucket.take(0)).toBe(true)
    expect(bucket.take(9_999)).toBe(false)
    expect(bucket.take(10_000)).toBe(true)
  })
  it('ignores a clock stepping backwards', () => {
    const bucket = new TokenBucket({ capacity: 1, perSecond: 1 }, 10_000)
    expect(bucket.take(10_000)).toBe(true)
    expect(bucket.take(0)).toBe(false)
    expect(bucket.take(10_500)).toBe(false)
    expect(bucket.take(11_000)).toBe(true)
  })
  it('takes a cost of several tokens or none', () => {
    const bucket = new TokenBucket({ capacity: 5, perSecond: 1 }, 0)
    expect(bucket.take(0, 4)).toBe(true)
    expect(bucket.take(0, 2)).toBe(false)
    expect(bucket.available(0)).toBe(1)
  })
})

describe('keyedRateLimiter', () => {
  it('keeps one bucket per key', () => {
    const limiter = new KeyedRateLimiter({ capacity: 1, perSecond: 1 })
    expect(limiter.take('a', 0)).toBe(true)
    expect(limiter.take('a', 0)).toBe(false)
    expect(limiter.take('b', 0)).toBe(true)
  })
  it('forgets keys whose buckets have refilled', () => {
    const limiter = new KeyedRateLimiter({ capacity: 2, perSecond: 1 })
    limiter.take('a', 0)
    limiter.take('b', 0)
    limiter.take('b', 0)
    expect(limiter.prune(1000)).toBe(1)
    expect(limiter.prune(2000)).toBe(0)
  })
})
