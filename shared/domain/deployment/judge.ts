// The canary judge: candidate variant against baseline variant over one window. Pure: the caller brings the metrics.
import { formatP, marginTimes, ms, num, percent, points, sharePercent, times } from './figures';
import { errorRateFinding } from './judge-error-rate';
import { customFindings, enough, latencyFinding, side } from './judge-findings';
import {
  type AlarmState,
  type CustomFinding,
  type JudgeSettings,
  type Judgement,
  type Look,
  MATERIAL_SHARE,
  MIN_MINUTES_TO_PASS,
  MIN_REQUESTS_FOR_LIMITS,
  NOT_WORSE_CONFIDENCE,
  type VariantWindow,
} from './judge-types';
import { ERROR_RATE_SHARE } from './rollout-budget';

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
  const { levels } = look;
  const { errorTested, paired, pWorse, alongside, upperBound, margin, errorRate } = errorRateFinding(
    baseline,
    candidate,
    B,
    C,
    settings,
    levels.errorRate,
  );
  const latency = latencyFinding(b, c, settings.latencyMargin, levels.other);
  const custom = customFindings(customs, levels.other);
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
        `over ${marginTimes(1 + settings.latencyMargin * MATERIAL_SHARE)} (the margin), ` +
        `Mann-Whitney p = ${formatP(latency.pValueWorse)} ${at(levels.other)}`,
    );
  for (const m of customs.filter((m) => custom[m.name]!.shownWorse)) {
    failures.push(
      `candidate ${m.name} is worse than baseline (${m.better} is better): ${customText(custom[m.name]!)}, ` +
        `more than the ${sharePercent(m.margin)} margin, ` +
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
  // A side is silent by what it reported over the whole span: the paired window of a silent candidate's busy
  // baseline is empty too.
  const [quietB, quietC] = [!(baseline.spanRequests ?? B.requests), !(candidate.spanRequests ?? C.requests)];
  const quiet = quietB && quietC ? 'baseline or the candidate' : quietC ? 'candidate' : quietB ? 'baseline' : '';
  if (!errorTested)
    missing.push(
      quiet
        ? `no requests reached the ${quiet} in the window`
        : 'no minute in the window in which both variants served requests',
    );
  else {
    if (Math.min(B.requests, C.requests) < settings.minRequests)
      missing.push(
        `too little traffic to pass: candidate ${C.requests}, baseline ${B.requests} requests; ` +
          `${settings.minRequests} each are needed`,
      );
    const bound =
      `candidate 5XX rate ${percent(C.errorRate)} vs baseline ${percent(B.errorRate)}: ` +
      `the upper ${sharePercent(NOT_WORSE_CONFIDENCE)} bound of the difference is ${points(upperBound)}`;
    if (errorRate.shownNotWorse) found.push(`${bound}, within the ${points(margin)} margin`);
    else missing.push(`${bound}, not within the ${points(margin)} margin`);
  }
  const latencyLimit = `baseline ${marginTimes(1 + settings.latencyMargin)}`;
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
      `baseline ${marginTimes(m.better === 'lower' ? 1 + m.margin : 1 - m.margin)} (${m.better} is better): ` +
      `${customText(f)}, rank test p = ${formatP(f.pValueNotWorse ?? 1)}`;
    if (!enough(m.base, m.cand, MIN_MINUTES_TO_PASS)) missing.push(needMinutes(m.name, m.base.length, m.cand.length));
    else if (f.identical)
      found.push(`${m.name} equal on both sides in every minute (${num(f.baselineMean)}): within any margin`);
    else if (f.shownNotWorse) found.push(`${m.name} not worse than ${within}`);
    else missing.push(`${m.name} not shown within ${within}`);
  }
  return missing.length
    ? { outcome: 'inconclusive', reasons: missing, evidence }
    : { outcome: 'pass', reasons: found, evidence };
}
