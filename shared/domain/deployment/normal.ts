// The normal distribution behind the canary judge's statistics: dependency-free, each checked against published
// values in test/unit/judge.test.ts.

const SQRT_2PI = 2.506628274631;

/** Horner's rule, highest power first. A loop: the boundary recursion calls normalCdf millions of times. */
function poly(coefficients: readonly number[], x: number): number {
  let acc = 0;
  for (const c of coefficients) acc = acc * x + c;
  return acc;
}

const CDF_NUMERATOR = [
  0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
  220.206867912376,
];
const CDF_DENOMINATOR = [
  0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
  793.826512519948, 440.413735824752,
];

/** Beyond this many standard deviations the tail is below the smallest double: normalCdf is exactly 0 or 1. */
export const NORMAL_CDF_CUTOFF = 37;

/**
 * Standard normal CDF: West's double-precision form of Hart's algorithm 5666 (absolute error ~1e-15),
 * so p-values near alpha / k stay exact.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail = 0;
  if (z <= NORMAL_CDF_CUTOFF) {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      tail = (e * poly(CDF_NUMERATOR, z)) / poly(CDF_DENOMINATOR, z);
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
