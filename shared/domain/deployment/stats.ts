// The statistics behind the canary judge: dependency-free, each checked against published values
// in test/unit/judge.test.ts.

export interface Interval {
  lower: number;
  upper: number;
}

const SQRT_2PI = 2.506628274631;

/**
 * Standard normal CDF: West's double-precision form of Hart's algorithm 5666 (absolute error ~1e-15),
 * so p-values near alpha / k stay exact.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail = 0;
  if (z <= 37) {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      const num = [
        0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
        220.206867912376,
      ];
      const den = [
        0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
        793.826512519948, 440.413735824752,
      ];
      tail = (e * num.reduce((acc, c) => acc * z + c, 0)) / den.reduce((acc, c) => acc * z + c, 0);
    } else {
      tail = e / (z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))))) / SQRT_2PI;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1];
const poly = (coefficients: number[], x: number) => coefficients.reduce((acc, c) => acc * x + c, 0);

/**
 * Standard normal quantile: Acklam's rational approximation (relative error 1.15e-9), polished by one Halley step
 * against normalCdf.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  let x: number;
  if (p < 0.02425 || p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
    x = (poly(C, q) / poly(D, q)) * (p < 0.5 ? 1 : -1);
  } else {
    const q = p - 0.5;
    x = (poly(A, q * q) * q) / poly(B, q * q);
  }
  const u = (normalCdf(x) - p) * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
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

// ln(k!) by Stirling's series; the first terms exactly, where the series is weakest.
const SMALL_LOG_FACTORIALS: number[] = [0];
for (let k = 1; k < 20; k++) SMALL_LOG_FACTORIALS.push(SMALL_LOG_FACTORIALS[k - 1]! + Math.log(k));
function logFactorial(k: number): number {
  if (k < 20) return SMALL_LOG_FACTORIALS[k]!;
  const r = 1 / k;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + r * (1 / 12 - r * r * (1 / 360 - (r * r) / 1260));
}
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * Fisher's exact one-sided p-value for "group 1 has the higher rate": P(X ≥ x1), X hypergeometric given the total.
 * The judge's error-rate test: with rare errors and a 1:9 split the pooled z-test is anti-conservative (true size
 * 0.79 % at a nominal 0.5 % for 15 vs 135 expected errors, from exact enumeration), Fisher's stays under its level.
 */
export function fisherGreater(x1: number, n1: number, x2: number, n2: number): number {
  const total = x1 + x2;
  const pmf = (k: number) =>
    Math.exp(logChoose(total, k) + logChoose(n1 + n2 - total, n1 - k) - logChoose(n1 + n2, n1));
  // Sum whichever tail lies away from the mode, so its first term is its largest and nothing underflows unnoticed.
  const upper = x1 > (total * n1) / (n1 + n2);
  let k = upper ? x1 : x1 - 1;
  let term = pmf(k);
  let sum = 0;
  while (k >= Math.max(0, total - n2) && k <= Math.min(total, n1) && term > sum * 1e-17) {
    sum += term;
    term *= upper
      ? ((total - k) * (n1 - k)) / ((k + 1) * (n2 - total + k + 1))
      : (k * (n2 - total + k)) / ((total - k + 1) * (n1 - k + 1));
    k += upper ? 1 : -1;
  }
  return Math.min(1, Math.max(0, upper ? sum : 1 - sum));
}

/**
 * Lancaster's mid-p of the same test: P(X > x1) + P(X = x1) / 2. Fisher's test is conservative with discrete counts
 * (its true size sits well under the nominal level); the mid-p holds the level on average, which a judgement every
 * minute needs to act within minutes on a 10 % canary.
 */
export function fisherMidP(x1: number, n1: number, x2: number, n2: number): number {
  const total = x1 + x2;
  if (x1 < Math.max(0, total - n2) || x1 > Math.min(total, n1)) return fisherGreater(x1, n1, x2, n2);
  const pmf = Math.exp(logChoose(total, x1) + logChoose(n1 + n2 - total, n1 - x1) - logChoose(n1 + n2, n1));
  return Math.min(1, Math.max(0, fisherGreater(x1, n1, x2, n2) - pmf / 2));
}

export interface RankTest {
  u: number;
  pValue: number;
  exact: boolean;
}

/**
 * P(U ≥ u) with no ties: the counts of U are the coefficients of the Gaussian binomial
 * [m+n choose m]_q = Π (1 − q^(n+i)) / (1 − q^i).
 */
function exactUpperTail(m: number, n: number, u: number): number {
  let counts = [1];
  for (let i = 1; i <= m; i++) {
    const product = [...counts, ...new Array<number>(n + i).fill(0)];
    counts.forEach((c, k) => (product[k + n + i] = product[k + n + i]! - c));
    for (let k = i; k < product.length; k++) product[k] = product[k]! + product[k - i]!;
    counts = product.slice(0, i * n + 1);
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return Math.min(1, counts.slice(Math.ceil(u)).reduce((a, b) => a + b, 0) / total);
}

/**
 * One-sided Mann–Whitney U test of "x tends to be larger than y". Exact when there are no ties and both samples are
 * under 50 (as R's wilcox.test); otherwise the normal approximation with tie-corrected variance and continuity
 * correction.
 */
export function mannWhitneyGreater(x: readonly number[], y: readonly number[]): RankTest {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) return { u: 0, pValue: 1, exact: true };
  const pooled = [...x.map((v) => ({ v, isX: true })), ...y.map((v) => ({ v, isX: false }))].sort((a, b) => a.v - b.v);
  let rankSumX = 0;
  let ties = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]!.v === pooled[i]!.v) j++;
    const t = j - i + 1;
    ties += t * t * t - t;
    for (let k = i; k <= j; k++) if (pooled[k]!.isX) rankSumX += (i + j) / 2 + 1;
    i = j + 1;
  }
  const u = rankSumX - (m * (m + 1)) / 2;
  if (ties === 0 && m < 50 && n < 50) return { u, pValue: exactUpperTail(m, n, u), exact: true };
  const total = m + n;
  const variance = ((m * n) / 12) * (total + 1 - ties / (total * (total - 1)));
  if (variance <= 0) return { u, pValue: 1, exact: false };
  return { u, pValue: normalCdf(-(u - (m * n) / 2 - 0.5) / Math.sqrt(variance)), exact: false };
}

/** One minute of a two-variant window: group 1's errors and requests, group 2's. */
export interface Stratum {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}

/** The first and last index of the values above NEGLIGIBLE times the largest. */
const NEGLIGIBLE = 1e-20;
function kept(values: Float64Array): [number, number] {
  const floor = values.reduce((a, b) => Math.max(a, b), 0) * NEGLIGIBLE;
  let first = 0;
  let last = values.length - 1;
  while (first < last && values[first]! < floor) first++;
  while (last > first && values[last]! < floor) last--;
  return [first, last];
}

/**
 * P(X = k) for k from low to high, X hypergeometric (total errors, n1 and n2 requests): one exact term at the mode,
 * the others by the ratio of neighbours, so a window of many minutes costs one logarithm a minute.
 */
function hypergeometric(total: number, n1: number, n2: number, low: number, high: number): Float64Array {
  const terms = new Float64Array(high - low + 1);
  const mode = Math.min(high, Math.max(low, Math.floor(((total + 1) * (n1 + 1)) / (n1 + n2 + 2))));
  terms[mode - low] = Math.exp(logChoose(total, mode) + logChoose(n1 + n2 - total, n1 - mode) - logChoose(n1 + n2, n1));
  for (let k = mode; k < high; k++)
    terms[k + 1 - low] = (terms[k - low]! * ((total - k) * (n1 - k))) / ((k + 1) * (n2 - total + k + 1));
  for (let k = mode; k > low; k--)
    terms[k - 1 - low] = (terms[k - low]! * (k * (n2 - total + k))) / ((total - k + 1) * (n1 - k + 1));
  return terms;
}

/** Beyond this many values of the summed count, the exact convolution gives way to its normal approximation. */
const EXACT_SUPPORT = 4000;

/**
 * The mid-p of Fisher's test stratified by minute: given each minute's total errors, group 1's count in it is
 * hypergeometric, and the statistic is their sum (the exact conditional form of the Cochran–Mantel–Haenszel test;
 * Mehta, Patel and Gray, JASA 1985). Pooling the minutes instead assumes one rate for the whole window: when the
 * rate jumps (an upstream incident) and group 1's share of the traffic differs between minutes (the step's first,
 * partial minute), the pooled table blames group 1 for the jump. With large counts, where the exact sum would cost
 * too much and the two agree, Mantel and Haenszel's normal approximation, uncorrected as a mid-p is.
 */
export function stratifiedMidP(strata: Stratum[]): number {
  const observed = strata.reduce((sum, s) => sum + s.x1, 0);
  const ranges = strata.map(({ x1, n1, x2, n2 }) => {
    const total = x1 + x2;
    return { total, n1, n2, low: Math.max(0, total - n2), high: Math.min(total, n1) };
  });
  const support = ranges.reduce((sum, r) => sum + r.high - r.low, 0);
  if (support > EXACT_SUPPORT) {
    let mean = 0;
    let variance = 0;
    for (const { total, n1, n2 } of ranges) {
      const n = n1 + n2;
      if (n < 2) continue;
      mean += (total * n1) / n;
      variance += (total * n1 * n2 * (n - total)) / (n * n * (n - 1));
    }
    return variance > 0 ? normalCdf(-(observed - mean) / Math.sqrt(variance)) : observed > mean ? 0 : 1;
  }
  let distribution = new Float64Array([1]);
  let offset = 0;
  for (const { total, n1, n2, low, high } of ranges) {
    offset += low;
    if (high <= low) continue;
    const terms = hypergeometric(total, n1, n2, low, high);
    const next = new Float64Array(distribution.length + terms.length - 1);
    for (let i = 0; i < distribution.length; i++) {
      const p = distribution[i]!;
      for (let j = 0; j < terms.length; j++) next[i + j]! += p * terms[j]!;
    }
    // Far tails hold no probability a level could use; dropping them keeps the sum's cost to its spread.
    const [first, last] = kept(next);
    distribution = next.subarray(first, last + 1);
    offset += first;
  }
  const at = observed - offset;
  let above = 0;
  for (let i = Math.max(0, at + 1); i < distribution.length; i++) above += distribution[i]!;
  return Math.min(1, Math.max(0, above + (distribution[at] ?? 0) / 2));
}
