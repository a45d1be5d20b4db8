/** Latency summaries: nearest-rank percentiles over every sample (no sampling, no histogram buckets). */
export interface Summary {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

const round = (x: number): number => Math.round(x * 100) / 100

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0)
    return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort()
  const list = Array.from(sorted)
  let sum = 0
  for (const x of list)
    sum += x
  return {
    count: list.length,
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
    p99: round(percentile(list, 99)),
    max: round(list.length ? list[list.length - 1]! : Number.NaN),
    mean: round(list.length ? sum / list.length : Number.NaN),
  }
}

export function formatMs(x: number): string {
  if (!Number.isFinite(x))
    return '–'
  return x >= 100 ? x.toFixed(0) : x.toFixed(1)
}
