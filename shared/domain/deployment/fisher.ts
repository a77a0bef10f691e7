// Fisher's exact test, on one 2×2 table and stratified by minute: the canary judge's 5XX-rate test. Dependency-free,
// each checked against published values in test/unit/judge.test.ts.
import { normalCdf } from './normal';

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
