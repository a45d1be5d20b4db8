/**
 * A token bucket: `capacity` tokens, refilled continuously at `perSecond`.
 * Time is always passed in (milliseconds), so tests replay exact timelines.
 */
export interface TokenBucketOptions {
  /** Most tokens the bucket holds: the burst allowed after a quiet spell. */
  capacity: number
  /** Tokens added per second. */
  perSecond: number
}

export class TokenBucket {
  private tokens: number
  private last: number

  constructor(readonly options: TokenBucketOptions, now: number) {
    this.tokens = options.capacity
    this.last = now
  }

  private refill(now: number): void {
    // A clock that steps backwards must not mint or drain tokens.
    const elapsed = Math.max(0, now - this.last)
    this.tokens = Math.min(this.options.capacity, this.tokens + (elapsed / 1000) * this.options.perSecond)
    this.last = Math.max(this.last, now)
  }

  /** Take `cost` tokens if available; false (and nothing taken) otherwise. */
  take(now: number, cost = 1): boolean {
    this.refill(now)
    if (this.tokens < cost)
      return false
    this.tokens -= cost
    return true
  }

  /** Tokens available at `now`. */
  available(now: number): number {
    this.refill(now)
    return this.tokens
  }

  /** True when the bucket is back to full, i.e. it can be forgotten. */
  isFull(now: number): boolean {
    return this.available(now) >= this.options.capacity
  }
}

/** One bucket per key (e.g. per remote address), forgetting keys whose buckets are full. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(readonly options: TokenBucketOptions) {}

  take(key: string, now: number, cost = 1): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.options, now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(now, cost)
  }

  /** Drop buckets that have refilled completely; returns how many keys remain. */
  prune(now: number): number {
    for (const [key, bucket] of this.buckets) {
      if (bucket.isFull(now))
        this.buckets.delete(key)
    }
    return this.buckets.size
  }

  get size(): number {
    return this.buckets.size
  }
}
