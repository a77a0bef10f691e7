// The canary judge: candidate variant against baseline variant over one window. Pure: the caller brings the metrics.
import { formatP, ms, num, percent, points, times } from './judge-format';
import { fisherGreater, mannWhitneyGreater, newcombeDifference, normalQuantile, twoProportionZ } from './stats';

export { judgementTable } from './judge-format';

export interface VariantWindow {
  variant: string;
  requests: number;
  errors: number;
  /** ModelLatency Average per minute, microseconds; minutes without requests are absent. */
  latencyPerMinute: number[];
  custom?: Record<string, number[]>;
}
export interface CustomMetric { name: string; better: 'higher' | 'lower'; margin: number }
export interface JudgeSettings {
  minRequests: number; errorRateMargin: number; latencyMargin: number; alpha: number;
  maxErrorRate?: number; maxLatencyMs?: number; customMetrics?: CustomMetric[];
}
export interface AlarmState { name: string; state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' }
export interface SideEvidence { requests: number; errors: number; errorRate: number; latencyMeanMs?: number; minutes: number }
export interface RankFinding { pValueWorse: number; pValueNotWorse?: number; shownWorse: boolean; shownNotWorse: boolean }
export interface CustomFinding extends RankFinding { baselineMean?: number; candidateMean?: number; minutes?: { baseline: number; candidate: number } }
export interface Judgement {
  outcome: 'pass' | 'fail' | 'inconclusive';
  reasons: string[];
  evidence: {
    baseline: SideEvidence;
    candidate: SideEvidence;
    errorRate: { difference: number; upperBound: number; margin: number; pValueWorse: number; shownWorse: boolean; shownNotWorse: boolean; z?: number };
    latency?: RankFinding & { ratio: number; margin: number };
    custom?: Record<string, CustomFinding>;
    alarms: AlarmState[];
    thresholds: JudgeSettings;
    /** Bonferroni: how many "shown worse" tests shared alpha, and the level each was held to. */
    tests?: { performed: number; alphaEach: number; notWorseConfidence: number; materialShare?: number };
  };
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = { minRequests: 500, errorRateMargin: 0.01, latencyMargin: 0.2, alpha: 0.01 };

/**
 * One-sided confidence of each "not worse" finding: 95 %, the upper end of a two-sided 90 % interval (the TOST convention).
 * It bounds stepping on a candidate worse than the margin (4.5 % of windows at exactly +1 pt, simulated); alpha bounds
 * rolling back a good one. At 1,500 candidate requests, 1 % errors and a 1-point margin, an identical candidate shows
 * "not worse" in 92 % of windows at 95 %, 85 % at 97.5 %, 71 % at 99 %: a stricter bound could rarely pass a 10 % step.
 */
export const NOT_WORSE_CONFIDENCE = 0.95;
/**
 * "Shown worse" also needs the observed change to be material: more than this share of the line's margin. On a busy
 * endpoint a rank test over per-minute means finds a 1 % latency shift significant, and an identical candidate
 * still trips alpha now and then; neither is a reason to roll back a model the margin says is acceptable. Half the
 * margin keeps the power the bake needs: 1 % → 3 % errors against a 1-point margin is 2 points, four times this.
 */
export const MATERIAL_SHARE = 0.5;
/** Absolute limits wait for this many candidate requests: one unlucky request is a 100 % error rate. */
export const MIN_REQUESTS_FOR_LIMITS = 20;
/** Minutes of per-minute data each side needs for a rank test to run, and to pass. */
export const MIN_MINUTES_TO_TEST = 3;
export const MIN_MINUTES_TO_PASS = 5;

const count = (v: number) => (Number.isFinite(v) && v > 0 ? Math.round(v) : 0);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined);

function side(w: VariantWindow) {
  const requests = count(w.requests);
  const errors = Math.min(requests, count(w.errors));
  // A served minute never averages 0 µs; zeros are gaps a metrics query filled.
  const latency = w.latencyPerMinute.filter((v) => Number.isFinite(v) && v > 0);
  const latencyMeanMs = mean(latency);
  const evidence: SideEvidence = { requests, errors, errorRate: requests ? errors / requests : 0, minutes: latency.length, ...(latencyMeanMs !== undefined ? { latencyMeanMs: latencyMeanMs / 1000 } : {}) };
  return { evidence, latency, custom: (name: string) => (w.custom?.[name] ?? []).filter(Number.isFinite) };
}

/** Rank tests on per-minute values, flipped so that larger is worse: worse = shifted the bad way at all; not worse = less than the relative margin. */
function rankFinding(base: number[], cand: number[], better: 'higher' | 'lower', margin: number, alphaEach: number): RankFinding {
  const sign = better === 'lower' ? 1 : -1;
  const b = base.map((v) => sign * v);
  const c = cand.map((v) => sign * v);
  const pValueWorse = mannWhitneyGreater(c, b).pValue;
  const pValueNotWorse = mannWhitneyGreater(b.map((v) => v + margin * Math.abs(v)), c).pValue;
  const [meanB, meanC] = [mean(b)!, mean(c)!];
  const material = (meanC - meanB) / Math.abs(meanB || 1) > margin * MATERIAL_SHARE;
  return { pValueWorse, pValueNotWorse, shownWorse: pValueWorse <= alphaEach && material, shownNotWorse: pValueNotWorse <= 1 - NOT_WORSE_CONFIDENCE };
}

const enough = (a: unknown[], b: unknown[], minutes: number) => a.length >= minutes && b.length >= minutes;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function judge(baseline: VariantWindow, candidate: VariantWindow, alarms: AlarmState[], settings: JudgeSettings): Judgement {
  const b = side(baseline);
  const c = side(candidate);
  const [B, C] = [b.evidence, c.evidence];
  const customs = (settings.customMetrics ?? []).map((m) => ({ ...m, base: b.custom(m.name), cand: c.custom(m.name) }));
  const errorTested = B.requests > 0 && C.requests > 0;
  const latencyTested = enough(b.latency, c.latency, MIN_MINUTES_TO_TEST);
  // Bonferroni over the tests this window can run; which ones depends only on how much data there is, never on its values.
  const performed = [errorTested, latencyTested, ...customs.map((m) => enough(m.base, m.cand, MIN_MINUTES_TO_TEST))].filter(Boolean).length;
  const alphaEach = settings.alpha / Math.max(1, performed);

  const pWorse = errorTested ? fisherGreater(C.errors, C.requests, B.errors, B.requests) : 1;
  const upperBound = newcombeDifference(C.errors, C.requests, B.errors, B.requests, normalQuantile(NOT_WORSE_CONFIDENCE)).upper;
  const errorRate = {
    difference: C.errorRate - B.errorRate, upperBound, margin: settings.errorRateMargin, pValueWorse: pWorse,
    shownWorse: errorTested && pWorse <= alphaEach && C.errorRate - B.errorRate > settings.errorRateMargin * MATERIAL_SHARE, shownNotWorse: errorTested && upperBound < settings.errorRateMargin,
    ...(errorTested ? { z: twoProportionZ(C.errors, C.requests, B.errors, B.requests) } : {}),
  };
  const latency = latencyTested
    ? { ...rankFinding(b.latency, c.latency, 'lower', settings.latencyMargin, alphaEach), ratio: C.latencyMeanMs! / B.latencyMeanMs!, margin: settings.latencyMargin }
    : undefined;
  const custom = Object.fromEntries(customs.map((m): [string, CustomFinding] => {
    const about = { ...(m.base.length ? { baselineMean: mean(m.base)! } : {}), ...(m.cand.length ? { candidateMean: mean(m.cand)! } : {}), minutes: { baseline: m.base.length, candidate: m.cand.length } };
    const finding = enough(m.base, m.cand, MIN_MINUTES_TO_TEST) ? rankFinding(m.base, m.cand, m.better, m.margin, alphaEach) : { pValueWorse: 1, shownWorse: false, shownNotWorse: false };
    return [m.name, { ...finding, ...about }];
  }));
  const evidence: Judgement['evidence'] = {
    baseline: B, candidate: C, errorRate, ...(latency ? { latency } : {}), ...(customs.length ? { custom } : {}),
    alarms: alarms.map((a) => ({ name: a.name, state: a.state })),
    // Settings may carry explicit undefineds; the evidence is stored as is, and DynamoDB rejects them.
    thresholds: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as unknown as JudgeSettings,
    tests: { performed, alphaEach, notWorseConfidence: NOT_WORSE_CONFIDENCE, materialShare: MATERIAL_SHARE },
  };
  const level = `<= ${formatP(alphaEach)} (alpha ${settings.alpha} over ${plural(performed, 'test')})`;
  const latencyText = `candidate ${ms(C.latencyMeanMs)} vs baseline ${ms(B.latencyMeanMs)} (${times(latency?.ratio)})`;
  const customText = (f: CustomFinding) => `mean ${num(f.candidateMean)} vs ${num(f.baselineMean)}`;

  const failures = alarms.filter((a) => a.state === 'ALARM').map((a) => `abort alarm ${a.name} is in ALARM`);
  const limited = C.requests >= MIN_REQUESTS_FOR_LIMITS;
  if (limited && settings.maxErrorRate !== undefined && C.errorRate > settings.maxErrorRate) {
    failures.push(`candidate 5XX rate ${percent(C.errorRate)} (${C.errors} of ${C.requests} requests) is above the limit ${percent(settings.maxErrorRate)}`);
  }
  if (limited && settings.maxLatencyMs !== undefined && (C.latencyMeanMs ?? 0) > settings.maxLatencyMs) {
    failures.push(`candidate mean ModelLatency ${ms(C.latencyMeanMs)} is above the limit ${ms(settings.maxLatencyMs)}`);
  }
  if (errorRate.shownWorse) failures.push(`candidate 5XX rate ${percent(C.errorRate)} is worse than baseline ${percent(B.errorRate)}: ${points(errorRate.difference)}, over half the ${points(settings.errorRateMargin)} margin (Fisher's exact test p = ${formatP(pWorse)} ${level})`);
  if (latency?.shownWorse) failures.push(`candidate latency is worse than baseline: ${latencyText}, over ${times(1 + settings.latencyMargin * MATERIAL_SHARE)} (half the margin), Mann-Whitney p = ${formatP(latency.pValueWorse)} ${level}`);
  for (const m of customs.filter((m) => custom[m.name]!.shownWorse)) {
    failures.push(`candidate ${m.name} is worse than baseline (${m.better} is better): ${customText(custom[m.name]!)}, over half the ${Math.round(m.margin * 100)} % margin, Mann-Whitney p = ${formatP(custom[m.name]!.pValueWorse)} ${level}`);
  }
  if (failures.length) return { outcome: 'fail', reasons: failures, evidence };

  // Not failed: a pass needs every finding below; whatever is missing is why it stays inconclusive.
  const found: string[] = [];
  const missing: string[] = [];
  const needMinutes = (what: string, base: number, cand: number) => `too few minutes of ${what} to pass: candidate ${cand}, baseline ${base}; ${MIN_MINUTES_TO_PASS} each are needed`;
  if (!errorTested) missing.push(`no requests reached the ${C.requests ? 'baseline' : B.requests ? 'candidate' : 'baseline or the candidate'} in the window`);
  else {
    if (Math.min(B.requests, C.requests) < settings.minRequests) missing.push(`too little traffic to pass: candidate ${C.requests}, baseline ${B.requests} requests; ${settings.minRequests} each are needed`);
    const bound = `candidate 5XX rate ${percent(C.errorRate)} vs baseline ${percent(B.errorRate)}: the upper ${NOT_WORSE_CONFIDENCE * 100} % bound of the difference is ${points(upperBound)}`;
    if (errorRate.shownNotWorse) found.push(`${bound}, within the ${points(settings.errorRateMargin)} margin`);
    else missing.push(`${bound}, not within the ${points(settings.errorRateMargin)} margin`);
  }
  const latencyLimit = `baseline ${times(1 + settings.latencyMargin)}`;
  if (!latency || !enough(b.latency, c.latency, MIN_MINUTES_TO_PASS)) missing.push(needMinutes('latency data', B.minutes, C.minutes));
  else if (latency.shownNotWorse) found.push(`latency not worse: ${latencyText}, below ${latencyLimit} by rank test (p = ${formatP(latency.pValueNotWorse!)})`);
  else missing.push(`latency not shown within ${latencyLimit}: ${latencyText}, rank test p = ${formatP(latency.pValueNotWorse!)}`);
  for (const m of customs) {
    const f = custom[m.name]!;
    const within = `baseline ${times(m.better === 'lower' ? 1 + m.margin : 1 - m.margin)} (${m.better} is better): ${customText(f)}, rank test p = ${formatP(f.pValueNotWorse ?? 1)}`;
    if (!enough(m.base, m.cand, MIN_MINUTES_TO_PASS)) missing.push(needMinutes(m.name, m.base.length, m.cand.length));
    else if (f.shownNotWorse) found.push(`${m.name} not worse than ${within}`);
    else missing.push(`${m.name} not shown within ${within}`);
  }
  return missing.length ? { outcome: 'inconclusive', reasons: missing, evidence } : { outcome: 'pass', reasons: found, evidence };
}
