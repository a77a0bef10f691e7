// The canary judge: candidate variant against baseline variant over one window. Pure: the caller brings the metrics.
import { formatP, ms, num, percent, points, times } from './figures';
import { ERROR_RATE_SHARE } from './sequential';
import {
  fisherMidP,
  mannWhitneyGreater,
  newcombeDifference,
  normalQuantile,
  stratifiedMidP,
  twoProportionZ,
  wilson,
  type Stratum,
} from './stats';

export interface VariantWindow {
  variant: string;
  requests: number;
  errors: number;
  /** ModelLatency Average per minute, microseconds; minutes without requests are absent. */
  latencyPerMinute: number[];
  custom?: Record<string, number[]>;
  /** Requests and errors minute by minute, when both sides' windows cover the same minutes in the same order. */
  countsPerMinute?: { requests: number; errors: number }[];
}
export interface CustomMetric {
  name: string;
  better: 'higher' | 'lower';
  margin: number;
}
export interface JudgeSettings {
  minRequests: number;
  errorRateMargin: number;
  /** The margin as a share of the baseline's rate; the larger of the two margins applies. */
  errorRateRelativeMargin?: number;
  latencyMargin: number;
  alpha: number;
  maxErrorRate?: number;
  maxLatencyMs?: number;
  customMetrics?: CustomMetric[];
}
export interface AlarmState {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
}
export interface SideEvidence {
  requests: number;
  errors: number;
  errorRate: number;
  latencyMeanMs?: number;
  minutes: number;
}
export interface RankFinding {
  pValueWorse: number;
  pValueNotWorse?: number;
  shownWorse: boolean;
  shownNotWorse: boolean;
}
export interface CustomFinding extends RankFinding {
  baselineMean?: number;
  candidateMean?: number;
  minutes?: { baseline: number; candidate: number };
}
/**
 * One look at a step's window: the how-many-th (its minutes), whether the bake is over (only then can it pass) and the
 * level each "shown worse" test is held to at this look (sequential.ts spends the rollout's budget over its looks).
 */
export interface Look {
  index: number;
  final: boolean;
  levels: { errorRate: number; other: number };
}
/** `continue`: an interim look found no harm; the bake goes on. */
export type Outcome = 'pass' | 'fail' | 'inconclusive' | 'continue';
export interface Judgement {
  outcome: Outcome;
  reasons: string[];
  evidence: {
    baseline: SideEvidence;
    candidate: SideEvidence;
    errorRate: {
      difference: number;
      upperBound: number;
      margin: number;
      pValueWorse: number;
      shownWorse: boolean;
      shownNotWorse: boolean;
      z?: number;
    };
    latency?: RankFinding & { ratio: number; margin: number };
    custom?: Record<string, CustomFinding>;
    alarms: AlarmState[];
    thresholds: JudgeSettings;
    /** The look and the levels its "shown worse" tests were held to. */
    tests?: { look: number; final: boolean; levels: Look['levels']; notWorseConfidence: number; materialShare: number };
  };
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = {
  minRequests: 500,
  errorRateMargin: 0.01,
  errorRateRelativeMargin: 1,
  latencyMargin: 0.2,
  alpha: 0.01,
};

/**
 * One-sided confidence of each "not worse" finding. It bounds stepping on a candidate exactly at the margin (the
 * change the margin accepts) to one window in ten; alpha bounds rolling back a good one. At 95 %, an upstream incident
 * that takes both variants from 1 % to 3 % errors leaves 2 % of identical candidates unproven after every extension
 * of a 10 % step, and rolled back for it; at 90 %, fewer than 1 %.
 */
export const NOT_WORSE_CONFIDENCE = 0.9;
/**
 * "Shown worse" also needs the observed change to be material: more than the line's margin, the change the margin
 * says a candidate may make and still pass. On a busy endpoint a rank test over per-minute means finds a 1 % latency
 * shift significant, and with a look every minute an identical candidate trips a level now and then; neither is a
 * reason to roll back a model the margin accepts. A candidate at 3x the 5XX rate (+2 pt against a 1-point margin)
 * is shown worse and over the margin long before its bake ends.
 */
export const MATERIAL_SHARE = 1;
/**
 * Absolute limits and "shown worse" wait for this many candidate requests: one unlucky request is a 100 % error
 * rate, and two errors in the first four requests of a step are as likely as the level a look may spend.
 */
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
  const evidence: SideEvidence = {
    requests,
    errors,
    errorRate: requests ? errors / requests : 0,
    minutes: latency.length,
    ...(latencyMeanMs !== undefined ? { latencyMeanMs: latencyMeanMs / 1000 } : {}),
  };
  return { evidence, latency, custom: (name: string) => (w.custom?.[name] ?? []).filter(Number.isFinite) };
}

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

const enough = (a: unknown[], b: unknown[], minutes: number) => a.length >= minutes && b.length >= minutes;

/** A judgement made once, on a whole window: the budget as if the rollout were this one look. */
export const singleLook = (settings: JudgeSettings): Look => {
  const others = 1 + (settings.customMetrics?.length ?? 0);
  return {
    index: 1,
    final: true,
    levels: { errorRate: settings.alpha * ERROR_RATE_SHARE, other: (settings.alpha * (1 - ERROR_RATE_SHARE)) / others },
  };
};

export function judge(
  baseline: VariantWindow,
  candidate: VariantWindow,
  alarms: AlarmState[],
  settings: JudgeSettings,
  look: Look = singleLook(settings),
): Judgement {
  const b = side(baseline);
  const c = side(candidate);
  const [B, C] = [b.evidence, c.evidence];
  const customs = (settings.customMetrics ?? []).map((m) => ({ ...m, base: b.custom(m.name), cand: c.custom(m.name) }));
  const errorTested = B.requests > 0 && C.requests > 0;
  const latencyTested = enough(b.latency, c.latency, MIN_MINUTES_TO_TEST);
  const { levels } = look;
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
      pWorse <= levels.errorRate &&
      C.errorRate - alongside > margin * MATERIAL_SHARE,
    shownNotWorse: errorTested && upperBound < margin,
    ...(errorTested ? { z: twoProportionZ(C.errors, C.requests, B.errors, B.requests) } : {}),
  };
  const latency = latencyTested
    ? {
        ...rankFinding(b.latency, c.latency, 'lower', settings.latencyMargin, levels.other),
        ratio: C.latencyMeanMs! / B.latencyMeanMs!,
        margin: settings.latencyMargin,
      }
    : undefined;
  const custom = Object.fromEntries(
    customs.map((m): [string, CustomFinding] => {
      const about = {
        ...(m.base.length ? { baselineMean: mean(m.base)! } : {}),
        ...(m.cand.length ? { candidateMean: mean(m.cand)! } : {}),
        minutes: { baseline: m.base.length, candidate: m.cand.length },
      };
      const finding = enough(m.base, m.cand, MIN_MINUTES_TO_TEST)
        ? rankFinding(m.base, m.cand, m.better, m.margin, levels.other)
        : { pValueWorse: 1, shownWorse: false, shownNotWorse: false };
      return [m.name, { ...finding, ...about }];
    }),
  );
  const evidence: Judgement['evidence'] = {
    baseline: B,
    candidate: C,
    errorRate,
    ...(latency ? { latency } : {}),
    ...(customs.length ? { custom } : {}),
    alarms: alarms.map((a) => ({ name: a.name, state: a.state })),
    // Settings may carry explicit undefineds; the evidence is stored as is, and DynamoDB rejects them.
    thresholds: Object.fromEntries(
      Object.entries(settings).filter(([, v]) => v !== undefined),
    ) as unknown as JudgeSettings,
    tests: {
      look: look.index,
      final: look.final,
      levels,
      notWorseConfidence: NOT_WORSE_CONFIDENCE,
      materialShare: MATERIAL_SHARE,
    },
  };
  const at = (level: number) => `<= ${formatP(level)} at look ${look.index}`;
  const latencyText = `candidate ${ms(C.latencyMeanMs)} vs baseline ${ms(B.latencyMeanMs)} (${times(latency?.ratio)})`;
  const customText = (f: CustomFinding) => `mean ${num(f.candidateMean)} vs ${num(f.baselineMean)}`;

  const failures = alarms.filter((a) => a.state === 'ALARM').map((a) => `abort alarm ${a.name} is in ALARM`);
  // A limit judged on a handful of requests fails a candidate whose rate merely rose with the baseline's.
  const limited = C.requests >= Math.max(MIN_REQUESTS_FOR_LIMITS, settings.minRequests);
  if (limited && settings.maxErrorRate !== undefined && C.errorRate > settings.maxErrorRate) {
    failures.push(
      `candidate 5XX rate ${percent(C.errorRate)} (${C.errors} of ${C.requests} requests) ` +
        `is above the limit ${percent(settings.maxErrorRate)}`,
    );
  }
  if (limited && settings.maxLatencyMs !== undefined && (C.latencyMeanMs ?? 0) > settings.maxLatencyMs) {
    failures.push(`candidate mean ModelLatency ${ms(C.latencyMeanMs)} is above the limit ${ms(settings.maxLatencyMs)}`);
  }
  if (errorRate.shownWorse)
    failures.push(
      `candidate 5XX rate ${percent(C.errorRate)} is worse than baseline ${percent(alongside)}` +
        `${paired ? ' over the same minutes' : ''}: ` +
        `${points(errorRate.difference)}, more than the ${points(margin)} margin ` +
        `(Fisher's exact mid-p${paired ? ', minute by minute,' : ''} = ${formatP(pWorse)} ${at(levels.errorRate)})`,
    );
  if (latency?.shownWorse)
    failures.push(
      `candidate latency is worse than baseline: ${latencyText}, ` +
        `over ${times(1 + settings.latencyMargin * MATERIAL_SHARE)} (the margin), ` +
        `Mann-Whitney p = ${formatP(latency.pValueWorse)} ${at(levels.other)}`,
    );
  for (const m of customs.filter((m) => custom[m.name]!.shownWorse)) {
    failures.push(
      `candidate ${m.name} is worse than baseline (${m.better} is better): ${customText(custom[m.name]!)}, ` +
        `more than the ${Math.round(m.margin * 100)} % margin, ` +
        `Mann-Whitney p = ${formatP(custom[m.name]!.pValueWorse)} ${at(levels.other)}`,
    );
  }
  if (failures.length) return { outcome: 'fail', reasons: failures, evidence };
  // Only a bake that has run its course can pass: an early look that finds no harm is no evidence of safety.
  if (!look.final) return { outcome: 'continue', reasons: [`no harm shown at look ${look.index}`], evidence };

  // Not failed: a pass needs every finding below; whatever is missing is why it stays inconclusive.
  const found: string[] = [];
  const missing: string[] = [];
  const needMinutes = (what: string, base: number, cand: number) =>
    `too few minutes of ${what} to pass: candidate ${cand}, baseline ${base}; ${MIN_MINUTES_TO_PASS} each are needed`;
  if (!errorTested)
    missing.push(
      `no requests reached the ${C.requests ? 'baseline' : B.requests ? 'candidate' : 'baseline or the candidate'}` +
        ' in the window',
    );
  else {
    if (Math.min(B.requests, C.requests) < settings.minRequests)
      missing.push(
        `too little traffic to pass: candidate ${C.requests}, baseline ${B.requests} requests; ` +
          `${settings.minRequests} each are needed`,
      );
    const bound =
      `candidate 5XX rate ${percent(C.errorRate)} vs baseline ${percent(B.errorRate)}: ` +
      `the upper ${NOT_WORSE_CONFIDENCE * 100} % bound of the difference is ${points(upperBound)}`;
    if (errorRate.shownNotWorse) found.push(`${bound}, within the ${points(margin)} margin`);
    else missing.push(`${bound}, not within the ${points(margin)} margin`);
  }
  const latencyLimit = `baseline ${times(1 + settings.latencyMargin)}`;
  if (!latency || !enough(b.latency, c.latency, MIN_MINUTES_TO_PASS))
    missing.push(needMinutes('latency data', B.minutes, C.minutes));
  else if (latency.shownNotWorse)
    found.push(
      `latency not worse: ${latencyText}, below ${latencyLimit} by rank test (p = ${formatP(latency.pValueNotWorse!)})`,
    );
  else
    missing.push(
      `latency not shown within ${latencyLimit}: ${latencyText}, rank test p = ${formatP(latency.pValueNotWorse!)}`,
    );
  for (const m of customs) {
    const f = custom[m.name]!;
    const within =
      `baseline ${times(m.better === 'lower' ? 1 + m.margin : 1 - m.margin)} (${m.better} is better): ` +
      `${customText(f)}, rank test p = ${formatP(f.pValueNotWorse ?? 1)}`;
    if (!enough(m.base, m.cand, MIN_MINUTES_TO_PASS)) missing.push(needMinutes(m.name, m.base.length, m.cand.length));
    else if (f.shownNotWorse) found.push(`${m.name} not worse than ${within}`);
    else missing.push(`${m.name} not shown within ${within}`);
  }
  return missing.length
    ? { outcome: 'inconclusive', reasons: missing, evidence }
    : { outcome: 'pass', reasons: found, evidence };
}
