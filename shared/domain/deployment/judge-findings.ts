// The canary judge's findings on each side and on per-minute values: the evidence one variant's window gives, and
// the rank tests of latency and custom metrics.
import {
  type CustomFinding,
  type CustomMetric,
  MATERIAL_SHARE,
  MIN_MINUTES_TO_TEST,
  NOT_WORSE_CONFIDENCE,
  type RankFinding,
  type SideEvidence,
  type VariantWindow,
} from './judge-types';
import { mannWhitneyGreater } from './rank-test';

export const count = (v: number) => (Number.isFinite(v) && v > 0 ? Math.round(v) : 0);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined);

export const enough = (a: unknown[], b: unknown[], minutes: number) => a.length >= minutes && b.length >= minutes;

export function side(w: VariantWindow) {
  const requests = count(w.requests);
  const errors = Math.min(requests, count(w.errors));
  // A served minute never averages 0 µs; zeros are gaps a metrics query filled.
  const served = w.latencyPerMinute.flatMap((v, i) =>
    Number.isFinite(v) && v > 0 ? [{ v, requests: count(w.latencyRequests?.[i] ?? 0) }] : [],
  );
  const latency = served.map((m) => m.v);
  // The mean over the requests: a step's first minute, partial and often slow (a container warming up), weighs as
  // the few requests it served, not as a whole minute. Minutes of unknown requests are weighed alike.
  const weighed = served.reduce((sum, m) => sum + m.requests, 0);
  const latencyMeanMs =
    w.latencyRequests && weighed > 0 ? served.reduce((sum, m) => sum + m.v * m.requests, 0) / weighed : mean(latency);
  const evidence: SideEvidence = {
    requests,
    errors,
    errorRate: requests ? errors / requests : 0,
    minutes: latency.length,
    ...(latencyMeanMs !== undefined ? { latencyMeanMs: latencyMeanMs / 1000 } : {}),
  };
  return { evidence, latency, custom: (name: string) => (w.custom?.[name] ?? []).filter(Number.isFinite) };
}

type Side = ReturnType<typeof side>;

/**
 * Rank tests on per-minute values, flipped so that larger is worse: worse = shifted the bad way at all;
 * not worse = less than the relative margin.
 */
function rankFinding(
  base: number[],
  cand: number[],
  better: 'higher' | 'lower',
  margin: number,
  level: number,
): RankFinding {
  const sign = better === 'lower' ? 1 : -1;
  const b = base.map((v) => sign * v);
  const c = cand.map((v) => sign * v);
  const pValueWorse = mannWhitneyGreater(c, b).pValue;
  const pValueNotWorse = mannWhitneyGreater(
    b.map((v) => v + margin * Math.abs(v)),
    c,
  ).pValue;
  const [meanB, meanC] = [mean(b)!, mean(c)!];
  const material = (meanC - meanB) / Math.abs(meanB || 1) > margin * MATERIAL_SHARE;
  return {
    pValueWorse,
    pValueNotWorse,
    shownWorse: pValueWorse <= level && material,
    shownNotWorse: pValueNotWorse <= 1 - NOT_WORSE_CONFIDENCE,
  };
}

export const latencyFinding = (b: Side, c: Side, margin: number, level: number) =>
  enough(b.latency, c.latency, MIN_MINUTES_TO_TEST)
    ? {
        ...rankFinding(b.latency, c.latency, 'lower', margin, level),
        ratio: c.evidence.latencyMeanMs! / b.evidence.latencyMeanMs!,
        margin,
      }
    : undefined;

export const customFindings = (customs: (CustomMetric & { base: number[]; cand: number[] })[], level: number) =>
  Object.fromEntries(
    customs.map((m): [string, CustomFinding] => {
      const about = {
        ...(m.base.length ? { baselineMean: mean(m.base)! } : {}),
        ...(m.cand.length ? { candidateMean: mean(m.cand)! } : {}),
        minutes: { baseline: m.base.length, candidate: m.cand.length },
      };
      // One value in every minute of both sides (a count that stayed 0): the candidate equals the baseline, within
      // any margin. The rank test cannot say so: all ties leave U no variance, and a relative margin moves 0 nowhere.
      const identical = [...m.base, ...m.cand].every((v) => v === m.base[0]);
      const finding = !enough(m.base, m.cand, MIN_MINUTES_TO_TEST)
        ? { pValueWorse: 1, shownWorse: false, shownNotWorse: false }
        : identical
          ? { pValueWorse: 1, shownWorse: false, shownNotWorse: true, identical }
          : rankFinding(m.base, m.cand, m.better, m.margin, level);
      return [m.name, { ...finding, ...about }];
    }),
  );
