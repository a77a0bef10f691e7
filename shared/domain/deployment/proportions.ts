// Intervals and a z statistic for proportions, behind the canary judge: dependency-free, each checked against
// published values in test/unit/judge.test.ts.

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for x successes in n trials; with no trials it knows nothing: [0, 1]. */
export function wilson(x: number, n: number, z: number): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const scale = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / scale;
  const half = (z / scale) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: x <= 0 ? 0 : Math.max(0, centre - half), upper: x >= n ? 1 : Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10, 1998) for p1 − p2, built from the two Wilson intervals: unlike the
 * Wald interval it keeps its width at 0 errors, where a canary's error counts usually start.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z: number): Interval {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  const d = p1 - p2;
  return {
    lower: Math.max(-1, d - Math.hypot(p1 - w1.lower, w2.upper - p2)),
    upper: Math.min(1, d + Math.hypot(w1.upper - p1, p2 - w2.lower)),
  };
}

/** Pooled two-proportion z statistic for p1 − p2 (its square is Pearson's chi-squared of the 2×2 table). */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se > 0 ? (x1 / n1 - x2 / n2) / se : 0;
}
