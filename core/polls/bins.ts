/**
 * How estimate answers are grouped into columns. The slide's histogram and
 * the printed results report both read these bins, so the room sees the same
 * columns on the projector and on paper.
 */

export interface EstimateBin {
  /** Inclusive lower edge. */
  from: number
  /** Exclusive upper edge, inclusive for the last bin. */
  to: number
  count: number
}

/** The smallest 1, 2, 2.5 or 5 × 10^k step that splits `span` into at most `maxBins` bins. */
export function niceStep(span: number, maxBins: number): number {
  if (!(span > 0) || maxBins < 1)
    return 1
  const raw = span / maxBins
  const power = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= raw - 1e-9)
      return m * power
  }
  return 10 * power
}

/** Round away float noise (0.1 + 0.2) for bin edges and labels. */
export function tidy(x: number): number {
  return Number.parseFloat(x.toPrecision(12))
}

/**
 * Estimates binned on "nice" edges across the poll's range, at most
 * `maxBins` columns. Values outside the range land in the edge bins;
 * values that are not finite numbers are left out.
 */
export function estimateBins(range: { min: number, max: number }, values: readonly number[], maxBins = 10): EstimateBin[] {
  const step = niceStep(range.max - range.min, maxBins)
  const start = Math.floor(range.min / step) * step
  const count = Math.max(1, Math.ceil(tidy((range.max - start) / step)))
  const bins = Array.from({ length: count }, (_, i) => ({ from: tidy(start + i * step), to: tidy(start + (i + 1) * step), count: 0 }))
  for (const value of values) {
    if (!Number.isFinite(value))
      continue
    const i = Math.min(count - 1, Math.max(0, Math.floor(tidy((value - start) / step))))
    bins[i]!.count++
  }
  return bins
}
