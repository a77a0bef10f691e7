// Alarms over metric queries, as PutMetricAlarm's metric-math form (Metrics) defines them: the request checked and
// made an alarm definition, and the evaluation CloudWatch runs each minute to decide the alarm's state.
import type { AlarmDefinition, AlarmRule, AlarmState, Alarm } from './alarm-shapes';
import { bucketOf, type MetricStore } from './metrics';
import { aggregate } from './statistics';
import { fromWire, invalid, type WireQuery } from './wire';

const COMPARE: Record<string, (v: number, t: number) => boolean> = {
  GreaterThanThreshold: (v, t) => v > t,
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};
const MAX_OF = /^MAX\(\[\s*([a-z][a-zA-Z0-9_]*(\s*,\s*[a-z][a-zA-Z0-9_]*)*)\s*\]\)$/;

/**
 * PutMetricAlarm in its metric-math form (Metrics), as Shepherd's drift alarm uses it; the single-metric form
 * is for alarms a scenario sets by hand.
 */
export function ruleAlarm(input: Record<string, unknown>): AlarmDefinition & { rule: AlarmRule } {
  const name = input.AlarmName;
  if (typeof name !== 'string' || !name || name.length > 255) throw invalid('AlarmName must be 1 to 255 characters.');
  const queries = (input.Metrics ?? []) as WireQuery[];
  if (!queries.length) throw invalid('The local cloud emulates PutMetricAlarm with Metrics only.');
  // Up to 20 entries, of which at most 10 retrieve a metric (the rest are expressions).
  if (queries.length > 20) throw invalid('The collection Metrics must not have a size greater than 20.');
  if (queries.filter((q) => q.MetricStat).length > 10)
    throw invalid('Metric math alarms can reference a maximum of 10 metrics.');
  const ids = new Set(queries.map((q) => q.Id));
  for (const [i, q] of queries.entries()) {
    if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id))
      throw invalid(`The value ${q.Id} for Metrics.member.${i + 1}.Id is not valid.`);
    const refs = q.Expression === undefined ? undefined : MAX_OF.exec(q.Expression)?.[1]?.split(/\s*,\s*/);
    if (q.Expression !== undefined && !refs?.every((r) => ids.has(r)))
      throw invalid(
        `Metrics.member.${i + 1}.Expression: the local cloud emulates MAX([ids]) of this alarm's metrics only`,
      );
    if (q.Expression === undefined && !q.MetricStat?.Metric?.MetricName)
      throw invalid(`Metrics.member.${i + 1} needs MetricStat or Expression.`);
  }
  if (queries.filter((q) => q.ReturnData !== false).length !== 1)
    throw invalid('Exactly one element of the Metrics list must return data.');
  const comparison = String(input.ComparisonOperator ?? '');
  if (!COMPARE[comparison]) throw invalid(`Invalid ComparisonOperator: ${comparison}`);
  const evaluationPeriods = Number(input.EvaluationPeriods ?? 0);
  const datapointsToAlarm = Number(input.DatapointsToAlarm ?? evaluationPeriods);
  if (evaluationPeriods < 1 || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)
    throw invalid('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  const actions = input.AlarmActions ?? [];
  if (!Array.isArray(actions) || actions.length > 5 || actions.some((a) => typeof a !== 'string'))
    throw invalid('AlarmActions must be a list of at most 5 ARNs.');
  return {
    name,
    ...(typeof input.AlarmDescription === 'string' ? { description: input.AlarmDescription } : {}),
    ...(actions.length ? { actions: [...actions] } : {}),
    period: queries.find((q) => q.MetricStat)?.MetricStat?.Period ?? 60,
    threshold: Number(input.Threshold),
    rule: {
      queries: structuredClone(queries),
      comparison,
      evaluationPeriods,
      datapointsToAlarm,
      treatMissingData: String(input.TreatMissingData ?? 'missing'),
    },
  };
}

/**
 * The last `evaluationPeriods` periods up to now (the current one included): a period breaches when the query
 * that returns data is over the threshold; `datapointsToAlarm` breaching periods make ALARM. Missing data counts
 * as TreatMissingData says (notBreaching: good; otherwise the state stays until data comes). Undefined when the
 * state stays as it is.
 */
export function evaluate(
  alarm: Alarm,
  rule: AlarmRule,
  metrics: MetricStore,
  now: number,
): { state: AlarmState; reason: string } | undefined {
  const period = alarm.period ?? 60;
  const values: (number | undefined)[] = [];
  for (let k = 0; k < rule.evaluationPeriods; k++) {
    const start = bucketOf(now, period) - k * period * 1000;
    const of = (q: WireQuery): number | undefined => {
      const m = q.MetricStat?.Metric;
      if (m) {
        const bucket = metrics
          .samples(m.Namespace, m.MetricName, fromWire(m.Dimensions))
          .filter((x) => x.at >= start && x.at < start + period * 1000 && x.at <= now);
        return aggregate(bucket, q.MetricStat?.Stat ?? 'Average');
      }
      const refs = MAX_OF.exec(q.Expression ?? '')?.[1]?.split(/\s*,\s*/) ?? [];
      const found = refs.map((r) => rule.queries.find((x) => x.Id === r)).flatMap((x) => (x ? [of(x)] : []));
      const defined = found.filter((v): v is number => v !== undefined);
      return defined.length ? Math.max(...defined) : undefined;
    };
    values.push(of(rule.queries.find((q) => q.ReturnData !== false)!));
  }
  const threshold = alarm.threshold ?? 0;
  const breaching = values.filter((v) => v !== undefined && COMPARE[rule.comparison]!(v, threshold));
  const data = values.filter((v) => v !== undefined);
  const state: AlarmState | undefined =
    breaching.length >= rule.datapointsToAlarm
      ? 'ALARM'
      : data.length || rule.treatMissingData === 'notBreaching'
        ? 'OK'
        : rule.treatMissingData === 'breaching'
          ? 'ALARM'
          : undefined;
  if (!state || state === alarm.state.value) return undefined;
  const latest = data.length ? ` (latest ${data[0]})` : ' (no data: treated as not breaching)';
  const reason =
    `Threshold Crossed: ${breaching.length} out of the last ${rule.evaluationPeriods} datapoints ` +
    `${state === 'ALARM' ? 'were' : 'were not'} ${rule.comparison} ${threshold}${latest}`;
  return { state, reason };
}
