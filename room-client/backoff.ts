/** How long to wait before reconnect attempt `attempt` (0-based). */
export interface BackoffOptions {
  /** @default 500 */
  initialMs?: number
  /** @default 10_000 */
  maxMs?: number
  /** @default 2 */
  factor?: number
}

/**
 * Exponential backoff with "equal jitter": half of the step is fixed, half is
 * random, so thirty phones that lost the same hotspot do not all knock on the
 * server in the same millisecond, and none waits longer than `maxMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { initialMs = 500, maxMs = 10_000, factor = 2 } = options
  const step = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt))
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(step / 2 + (step / 2) * r)
}
