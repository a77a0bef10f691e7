// The canary judge's 5XX-rate finding: Fisher's exact test, minute by minute where both sides report the same minutes,
// against a margin that grows with the baseline's rate.
import { fisherMidP, stratifiedMidP, type Stratum } from './fisher';
import { count } from './judge-findings';
import {
  type JudgeSettings,
  MATERIAL_SHARE,
  MIN_REQUESTS_FOR_LIMITS,
  NOT_WORSE_CONFIDENCE,
  type SideEvidence,
  type VariantWindow,
} from './judge-types';
import { normalQuantile } from './normal';
import { newcombeDifference, twoProportionZ, wilson } from './proportions';

/**
 * How much worse the candidate's 5XX rate may be: the absolute margin, or the relative one times the baseline's
 * rate once that is larger. Binomial noise grows with the rate: when an upstream incident takes both variants from
 * 1 % to 3 % errors, a fixed point margin no longer screens chance differences, so the fail test spends its whole
 * budget and the pass test needs more traffic than the extensions bring. Relative to the baseline, what counts as
 * material grows with it. The relative margin takes over only once the baseline's rate is shown (one-sided 99 %) to
 * be above the crossover, `errorRateMargin / errorRateRelativeMargin`: a baseline at the crossover, observed a
 * little over it half the time, would otherwise lift the bar a 3x candidate must clear now and then.
 */
export function errorRateMargin(settings: JudgeSettings, baseline: SideEvidence): number {
  const relative = settings.errorRateRelativeMargin ?? 0;
  if (relative <= 0) return settings.errorRateMargin;
  const shownAbove = wilson(baseline.errors, baseline.requests, normalQuantile(0.99)).lower * relative;
  return shownAbove > settings.errorRateMargin ? relative * baseline.errorRate : settings.errorRateMargin;
}

/** Both sides' minutes as strata, when they are paired minute by minute. */
function strata(baseline: VariantWindow, candidate: VariantWindow): Stratum[] | undefined {
  const [b, c] = [baseline.countsPerMinute, candidate.countsPerMinute];
  if (!b || !c || b.length !== c.length || b.length === 0) return undefined;
  return c.map((m, i) => {
    const n1 = count(m.requests);
    const n2 = count(b[i]!.requests);
    return { n1, x1: Math.min(n1, count(m.errors)), n2, x2: Math.min(n2, count(b[i]!.errors)) };
  });
}

/**
 * The baseline's 5XX rate over the candidate's minutes: each minute's baseline rate, weighted by the candidate's
 * requests in it. What the candidate would have served had it been as good as the baseline, minute by minute.
 */
function baselineRateAlongside(minutes: Stratum[], pooled: number): number {
  const served = minutes.filter((m) => m.n2 > 0);
  const requests = served.reduce((sum, m) => sum + m.n1, 0);
  return requests > 0 ? served.reduce((sum, m) => sum + (m.n1 * m.x2) / m.n2, 0) / requests : pooled;
}

export function errorRateFinding(
  baseline: VariantWindow,
  candidate: VariantWindow,
  B: SideEvidence,
  C: SideEvidence,
  settings: JudgeSettings,
  level: number,
) {
  const errorTested = B.requests > 0 && C.requests > 0;
  // Minute by minute where both sides report the same minutes: a rate that changes within the window for both
  // (an upstream incident) is then not blamed on the side that served more of the worse minutes.
  const paired = strata(baseline, candidate);
  const pWorse = errorTested
    ? paired
      ? stratifiedMidP(paired)
      : fisherMidP(C.errors, C.requests, B.errors, B.requests)
    : 1;
  const alongside = paired ? baselineRateAlongside(paired, B.errorRate) : B.errorRate;
  const upperBound = newcombeDifference(
    C.errors,
    C.requests,
    B.errors,
    B.requests,
    normalQuantile(NOT_WORSE_CONFIDENCE),
  ).upper;
  const margin = errorRateMargin(settings, B);
  const errorRate = {
    difference: C.errorRate - alongside,
    upperBound,
    margin,
    pValueWorse: pWorse,
    shownWorse:
      errorTested &&
      C.requests >= MIN_REQUESTS_FOR_LIMITS &&
      pWorse <= level &&
      C.errorRate - alongside > margin * MATERIAL_SHARE,
    shownNotWorse: errorTested && upperBound < margin,
    ...(errorTested ? { z: twoProportionZ(C.errors, C.requests, B.errors, B.requests) } : {}),
  };
  return { errorTested, paired, pWorse, alongside, upperBound, margin, errorRate };
}
