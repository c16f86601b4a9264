/** Small statistics over timings: nearest-rank percentiles, so p95 of 7 runs is the slowest but none. */

/** The p-th percentile (0–100) by nearest rank; null for no values. */
export function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Median, p95, min, max and count of a list of numbers. */
export function summary(values) {
  const ok = values.filter((v) => Number.isFinite(v));
  return {
    n: ok.length,
    median: percentile(ok, 50),
    p95: percentile(ok, 95),
    min: ok.length ? Math.min(...ok) : null,
    max: ok.length ? Math.max(...ok) : null,
    values: ok.map((v) => Math.round(v * 100) / 100)
  };
}

/** a ÷ b, or null when either is missing. */
export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}
