// Plain-text rendering of a judgement for notifications and the timeline.
// ASCII only: mail, chat and SNS all keep it aligned.
import { formatP, marginTimes, ms, num, percent, points, sharePercent, times } from './figures';
import type { Judgement, RankFinding } from './judge-types';

const thousands = (n: number) => n.toLocaleString('en-US');

const verdict = (f: Pick<RankFinding, 'shownWorse' | 'shownNotWorse'>) =>
  f.shownWorse ? 'worse' : f.shownNotWorse ? 'not worse' : 'unclear';

/** Columns padded to their widest cell: the first left-aligned, the numbers right-aligned, the verdict left-aligned. */
function align(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const last = widths.length - 1;
  return rows.map((r) =>
    widths
      .map((w, i) => (i === 0 || i === last ? (r[i] ?? '').padEnd(w) : (r[i] ?? '').padStart(w)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The evidence as an aligned table: one row per metric with both sides, the change, the margin, both tests and
 * the verdict.
 */
export function judgementTable(j: Judgement): string {
  const { baseline: b, candidate: c, errorRate: e, latency, custom, alarms, thresholds: t, tests } = j.evidence;
  // The change is the candidate's rate against the baseline's over the candidate's own minutes; where that differs
  // from the baseline's whole window as shown, both are shown, so that the row's columns subtract to its change.
  const alongside = c.errorRate - e.difference;
  const sameMinutes = percent(alongside) !== percent(b.errorRate);
  const rows: string[][] = [
    ['metric', 'baseline', 'candidate', 'change', 'margin', 'p(worse)', 'not-worse test', 'verdict'],
    ['requests', thousands(b.requests), thousands(c.requests)],
    ['5XX errors', thousands(b.errors), thousands(c.errors)],
    ...(sameMinutes ? [['5XX rate', percent(b.errorRate), percent(c.errorRate)]] : []),
    [
      sameMinutes ? '5XX rate, same minutes' : '5XX rate',
      percent(sameMinutes ? alongside : b.errorRate),
      percent(c.errorRate),
      points(e.difference),
      points(e.margin),
      formatP(e.pValueWorse),
      `bound ${points(e.upperBound)}`,
      c.requests && b.requests ? verdict(e) : 'no data',
    ],
    [
      'latency (mean)',
      ms(b.latencyMeanMs),
      ms(c.latencyMeanMs),
      times(latency?.ratio),
      marginTimes(1 + t.latencyMargin),
      ...(latency
        ? [formatP(latency.pValueWorse), `p ${formatP(latency.pValueNotWorse ?? 1)}`, verdict(latency)]
        : ['', '', 'too few minutes']),
    ],
    ['latency minutes', String(b.minutes), String(c.minutes)],
  ];
  for (const m of t.customMetrics ?? []) {
    const f = custom?.[m.name];
    const margin = marginTimes(m.better === 'lower' ? 1 + m.margin : 1 - m.margin);
    const change = f?.baselineMean && f.candidateMean !== undefined ? times(f.candidateMean / f.baselineMean) : '';
    const tests = f?.identical
      ? ['', '', 'equal every minute']
      : f?.pValueNotWorse !== undefined
        ? [formatP(f.pValueWorse), `p ${formatP(f.pValueNotWorse)}`, verdict(f)]
        : ['', '', 'too few minutes'];
    rows.push([m.name, num(f?.baselineMean), num(f?.candidateMean), change, margin, ...tests]);
  }
  const limits = [
    ...(t.maxErrorRate !== undefined ? [`5XX rate <= ${percent(t.maxErrorRate)}`] : []),
    ...(t.maxLatencyMs !== undefined ? [`mean latency <= ${ms(t.maxLatencyMs)}`] : []),
  ];
  return [
    `judgement: ${j.outcome.toUpperCase()}`,
    '',
    ...align(rows),
    '',
    `abort alarms: ${alarms.length ? alarms.map((a) => `${a.name} ${a.state}`).join(', ') : 'none'}`,
    `limits: ${limits.length ? limits.join(', ') : 'none'}; ` +
      `at least ${thousands(t.minRequests)} requests per variant to pass`,
    tests
      ? `tests: look ${tests.look}${tests.final ? ', bake over' : ''}: ` +
        `p(worse) <= ${formatP(tests.levels.errorRate)} for the 5XX rate, ` +
        `<= ${formatP(tests.levels.other)} for latency and custom metrics (alpha ${t.alpha} per rollout); ` +
        `not worse at one-sided ${sharePercent(tests.notWorseConfidence)}`
      : `tests: alpha ${t.alpha} per rollout`,
    '',
    ...j.reasons.map((r) => `- ${r}`),
  ].join('\n');
}

/** The characters of reasons each judgement keeps in the endpoint's item; the timeline's entry has them all. */
export const KEPT_REASON_CHARS = 1000;

/**
 * A judgement's reasons as the deployment keeps them until it ends: whole reasons up to 1000 characters, then how
 * many more the timeline has. The item holds every judgement of a rollout (DynamoDB: 400 KB, docs/dynamodb-numbers.md)
 * and a judge of 247 custom metrics gives one reason each, some 27 KB a judgement.
 */
export function keptReasons(reasons: string[]): string[] {
  const kept: string[] = [];
  let length = 0;
  for (const reason of reasons) {
    if (length + reason.length > KEPT_REASON_CHARS) break;
    kept.push(reason);
    length += reason.length;
  }
  const more = reasons.length - kept.length;
  return more ? [...kept, `${more} more reason(s) on the timeline (CanaryJudged)`] : kept;
}
