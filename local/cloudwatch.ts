// Amazon CloudWatch as Shepherd reads it: raw datapoints and statistic sets aggregated per period like
// GetMetricData (see cloudwatch/statistics.ts for which statistics are exact), and alarms whose state changes
// raise the same EventBridge event AWS sends.
import { randomUUID } from 'node:crypto';
import { aggregate, count, sampleOf, setOfValues, type Sample, type StatisticSet } from './cloudwatch/statistics';
import {
  ACCOUNT,
  AwsError,
  envelope,
  REGION,
  type AwsEvent,
  type Clock,
  type JsonService,
  type Timeline,
} from './core';

export type { StatisticSet } from './cloudwatch/statistics';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
type Dimensions = Record<string, string>;
export interface AlarmDefinition {
  name: string;
  namespace?: string;
  metricName?: string;
  dimensions?: Dimensions;
  description?: string;
  period?: number;
  stat?: string;
  threshold?: number;
  /** PutMetricAlarm's metric form: the emulator evaluates these alarms itself (see `evaluate`). */
  rule?: AlarmRule;
}
/** An alarm over metric queries (MetricStat, or `MAX([ids])` of them), evaluated every minute as CloudWatch does. */
export interface AlarmRule {
  queries: WireQuery[];
  comparison: string;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: string;
}
interface AlarmStatus {
  value: AlarmState;
  reason: string;
  reasonData?: string;
  timestamp: Date;
}
interface Alarm extends AlarmDefinition {
  id: string;
  state: AlarmStatus;
}
// The JSON the SDK sends; timestamps arrive as epoch seconds.
interface WireDimension {
  Name: string;
  Value: string;
}
interface WireMetric {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: WireDimension[];
}
interface WireStat {
  Metric?: WireMetric;
  Period?: number;
  Stat?: string;
  Unit?: string;
}
interface WireQuery {
  Id?: string;
  Label?: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: WireStat;
}
interface WireDatum {
  MetricName?: string;
  Dimensions?: WireDimension[];
  Timestamp?: number;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Unit?: string;
}

// Exact-match identity: AWS treats each dimension combination as its own metric.
const keyOf = (ns: string, name: string, dims: Dimensions) =>
  JSON.stringify([ns, name, Object.entries(dims).sort(([a], [b]) => a.localeCompare(b))]);
const fromWire = (dims: WireDimension[] = []): Dimensions => Object.fromEntries(dims.map((d) => [d.Name, d.Value]));
const toWire = (dims: Dimensions = {}): WireDimension[] =>
  Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));
/** `2026-11-27T06:05:40.118+0000`, the timestamp format of alarm events and their reason data. */
const alarmTime = (d: Date) => d.toISOString().replace('Z', '+0000');
// Periods start at multiples of the period since the epoch, as CloudWatch aligns them.
const bucketOf = (atMs: number, period: number) => Math.floor(atMs / 1000 / period) * period * 1000;
const STAT = /^(Sum|Average|SampleCount|Minimum|Maximum|p(\d{1,2}(\.\d+)?|100))$/;
const invalid = (message: string) => new AwsError('ValidationError', message);
const toMs = (v: unknown, field: string): number => {
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalid(`The parameter ${field} is required and must be a timestamp.`);
  return ms;
};

// The alarm event's spelling of a metric query: camelCase, dimensions as a map.
const eventQuery = (q: WireQuery) => ({
  id: q.Id,
  ...(q.Expression !== undefined ? { expression: q.Expression } : {}),
  ...(q.MetricStat
    ? {
        metricStat: {
          metric: {
            dimensions: fromWire(q.MetricStat.Metric?.Dimensions),
            name: q.MetricStat.Metric?.MetricName,
            namespace: q.MetricStat.Metric?.Namespace,
          },
          period: q.MetricStat.Period,
          stat: q.MetricStat.Stat,
        },
      }
    : {}),
  returnData: q.ReturnData !== false,
});
const COMPARE: Record<string, (v: number, t: number) => boolean> = {
  GreaterThanThreshold: (v, t) => v > t,
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};
const MAX_OF = /^MAX\(\[\s*([a-z][a-zA-Z0-9_]*(\s*,\s*[a-z][a-zA-Z0-9_]*)*)\s*\]\)$/;

export class CloudWatchEmulator {
  private readonly metrics = new Map<string, Sample[]>();
  private readonly alarms = new Map<string, Alarm>();

  constructor(private readonly opts: { clock: Clock; timeline: Timeline; emit: (event: AwsEvent) => void }) {}

  readonly handle: JsonService = (operation, input) => {
    if (operation === 'GetMetricData') return this.getMetricData(input);
    if (operation === 'PutMetricData') return this.putMetricData(input);
    if (operation === 'DescribeAlarms') return this.describeAlarms(input);
    if (operation === 'PutMetricAlarm') return this.putMetricAlarm(input);
    if (operation === 'ListMetrics') return this.listMetrics(input);
    if (operation !== 'SetAlarmState')
      throw new AwsError('InvalidAction', `The local cloud does not emulate CloudWatch ${operation}`);
    const { AlarmName, StateValue, StateReason, StateReasonData } = input as Record<string, string | undefined>;
    if (!['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(StateValue ?? ''))
      throw invalid(`Invalid StateValue: ${StateValue}`);
    try {
      if (StateReasonData !== undefined) JSON.parse(StateReasonData);
    } catch {
      throw new AwsError('InvalidFormat', 'StateReasonData is not valid JSON');
    }
    this.setAlarmState(AlarmName ?? '', StateValue as AlarmState, StateReason ?? '', StateReasonData);
    return {};
  };

  /** One raw datum (a sample of count 1). */
  putDatum(
    namespace: string,
    metricName: string,
    dimensions: Dimensions,
    at: Date,
    value: number,
    unit?: string,
  ): void {
    this.add(namespace, metricName, dimensions, {
      at: at.getTime(),
      count: 1,
      sum: value,
      min: value,
      max: value,
      values: [value],
      unit,
    });
  }

  /**
   * Many datums of one timestamp as one stored sample, like PutMetricData's StatisticValues with Values and
   * Counts. Sum, SampleCount, Average, Minimum and Maximum come out exactly as from the datums it summarises;
   * percentiles come from `values`/`counts` (exact if they list every value, else as close as their buckets),
   * and without them only when SampleCount is 1 or Minimum equals Maximum, as in AWS. Throws
   * InvalidParameterValue on an inconsistent set (SampleCount ≤ 0, Minimum > Maximum, Counts not matching Values).
   */
  putStatistics(
    namespace: string,
    metricName: string,
    dimensions: Dimensions,
    at: Date,
    stats: StatisticSet,
    unit?: string,
  ): void {
    this.add(namespace, metricName, dimensions, sampleOf(at.getTime(), stats, unit));
  }

  /**
   * What the emulator holds, for checking that its memory stays bounded: metrics, samples, and values kept for
   * percentiles.
   */
  storage(): { metrics: number; samples: number; values: number } {
    const all = [...this.metrics.values()].flat();
    return {
      metrics: this.metrics.size,
      samples: all.length,
      values: all.reduce((n, s) => n + (s.values?.length ?? 0), 0),
    };
  }

  /** Defining again updates the configuration and keeps the state. */
  defineAlarm(alarm: AlarmDefinition): void {
    const existing = this.alarms.get(alarm.name);
    const state = existing?.state ?? {
      value: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      timestamp: this.opts.clock.now(),
    };
    this.alarms.set(alarm.name, { ...alarm, id: existing?.id ?? randomUUID(), state });
  }

  /** Emits `CloudWatch Alarm State Change` only on a real change: setting the current state again does nothing. */
  setAlarmState(name: string, value: AlarmState, reason: string, reasonData?: string): void {
    const alarm = this.alarms.get(name);
    if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
    if (alarm.state.value === value) return;
    const now = this.opts.clock.now();
    const previous = alarm.state;
    alarm.state = { value, reason, reasonData: reasonData ?? this.reasonData(alarm, now), timestamp: now };
    const { metricName, namespace, dimensions = {}, period = 60, stat = 'Average' } = alarm;
    const metric = { dimensions, name: metricName, namespace };
    const metrics = alarm.rule
      ? alarm.rule.queries.map(eventQuery)
      : metricName === undefined
        ? []
        : [{ id: alarm.id, metricStat: { metric, period, stat }, returnData: true }];
    // Keys in AWS's order; an alarm's first state has no reasonData, so the key is left out rather than undefined.
    const stateOf = ({ reason, reasonData, timestamp, value }: AlarmStatus) => ({
      reason,
      ...(reasonData === undefined ? {} : { reasonData }),
      timestamp: alarmTime(timestamp),
      value,
    });
    const configuration = { ...(alarm.description === undefined ? {} : { description: alarm.description }), metrics };
    const detail = { alarmName: name, configuration, previousState: stateOf(previous), state: stateOf(alarm.state) };
    this.opts.timeline.log('cloudwatch', `alarm ${name} ${previous.value} → ${value}: ${reason}`);
    this.opts.emit(envelope('aws.cloudwatch', 'CloudWatch Alarm State Change', detail, [this.arnOf(name)], now));
  }

  private arnOf(name: string): string {
    return `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
  }

  private samples(namespace = '', metricName = '', dimensions: Dimensions = {}): Sample[] {
    return this.metrics.get(keyOf(namespace, metricName, dimensions)) ?? [];
  }

  private add(namespace: string, metricName: string, dimensions: Dimensions, sample: Sample): void {
    const samples = this.samples(namespace, metricName, dimensions);
    this.metrics.set(keyOf(namespace, metricName, dimensions), samples);
    samples.push(sample);
  }

  /** The JSON string AWS writes for a threshold alarm, over the latest period holding data. */
  private reasonData(alarm: Alarm, now: Date): string {
    const { period = 60, stat = 'Average', threshold } = alarm;
    const samples =
      alarm.metricName === undefined ? [] : this.samples(alarm.namespace, alarm.metricName, alarm.dimensions);
    const latest = samples.reduce((m, s) => (s.at <= now.getTime() ? Math.max(m, s.at) : m), -Infinity);
    const start = Number.isFinite(latest) ? bucketOf(latest, period) : undefined;
    const bucket = start === undefined ? [] : samples.filter((s) => s.at >= start && s.at < start + period * 1000);
    const value = aggregate(bucket, stat);
    const startDate = start === undefined ? undefined : alarmTime(new Date(start));
    const evaluated =
      startDate === undefined || value === undefined
        ? []
        : [{ timestamp: startDate, sampleCount: count(bucket), value }];
    return JSON.stringify({
      version: '1.0',
      queryDate: alarmTime(now),
      startDate,
      statistic: stat,
      period,
      recentDatapoints: evaluated.map((d) => d.value),
      threshold,
      evaluatedDatapoints: evaluated,
    });
  }

  private putMetricData(input: Record<string, unknown>): Record<string, never> {
    const namespace = input.Namespace;
    if (typeof namespace !== 'string' || namespace.startsWith('AWS/')) {
      throw new AwsError('InvalidParameterValue', `The value ${String(namespace)} for parameter Namespace is invalid.`);
    }
    const data = (input.MetricData ?? []) as WireDatum[];
    if (data.length > 1000) throw invalid('The collection MetricData must not have a size greater than 1000.');
    for (const [i, d] of data.entries()) {
      const name = d.MetricName;
      if (!name)
        throw new AwsError('MissingParameter', `The parameter MetricData.member.${i + 1}.MetricName is required.`);
      const at = d.Timestamp === undefined ? this.opts.clock.now().getTime() : toMs(d.Timestamp, 'Timestamp');
      const [dims, unit, s] = [fromWire(d.Dimensions), d.Unit, d.StatisticValues];
      if (s)
        this.add(
          namespace,
          name,
          dims,
          sampleOf(at, { sampleCount: s.SampleCount, sum: s.Sum, minimum: s.Minimum, maximum: s.Maximum }, unit),
        );
      // Values with Counts is AWS's compact form of repeated raw values: one sample keeps them, weighted,
      // for percentiles.
      const values = d.Value !== undefined ? setOfValues([d.Value]) : d.Values && setOfValues(d.Values, d.Counts);
      if (values) this.add(namespace, name, dims, sampleOf(at, values, unit));
    }
    return {};
  }

  private getMetricData(input: Record<string, unknown>): unknown {
    const queries = (input.MetricDataQueries ?? []) as WireQuery[];
    if (queries.length > 500) throw invalid('The collection MetricDataQueries must not have a size greater than 500.');
    const [start, end] = [toMs(input.StartTime, 'StartTime'), toMs(input.EndTime, 'EndTime')];
    if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
    const results = queries.map((q, i) => ({
      q,
      result: this.query(q, `MetricDataQueries.member.${i + 1}`, start, end, input.ScanBy),
    }));
    return {
      MetricDataResults: results.filter(({ q }) => q.ReturnData !== false).map(({ result }) => result),
      Messages: [],
    };
  }

  private query(q: WireQuery, at: string, start: number, end: number, scanBy: unknown): unknown {
    // AWS rejects ids such as endpoint names with dashes; checking here catches that before deployment.
    if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id))
      throw invalid(`The value ${q.Id} for parameter ${at}.Id is not valid.`);
    const { Metric: m, Period: period = 0, Stat: stat = '', Unit: unit } = q.MetricStat ?? {};
    if (q.Expression !== undefined || !m)
      throw invalid(`${at}: the local cloud emulates MetricStat queries only, not Expression.`);
    if (period <= 0 || (period % 60 !== 0 && ![1, 5, 10, 30].includes(period))) {
      throw invalid(`The parameter ${at}.MetricStat.Period must be a multiple of 60.`);
    }
    if (!STAT.test(stat)) throw invalid(`The value ${stat} for parameter ${at}.MetricStat.Stat is not valid.`);
    const buckets = new Map<number, Sample[]>();
    for (const s of this.samples(m.Namespace, m.MetricName, fromWire(m.Dimensions))) {
      if (s.at < start || s.at >= end || (unit !== undefined && s.unit !== unit)) continue;
      const bucket = buckets.get(bucketOf(s.at, period)) ?? [];
      buckets.set(bucketOf(s.at, period), bucket);
      bucket.push(s);
    }
    const points = [...buckets].flatMap(([b, ss]) => {
      const v = aggregate(ss, stat);
      return v === undefined ? [] : [{ b, v }];
    });
    points.sort((x, y) => (scanBy === 'TimestampAscending' ? x.b - y.b : y.b - x.b));
    const [Timestamps, Values] = [points.map((p) => new Date(p.b)), points.map((p) => p.v)];
    return { Id: q.Id, Label: q.Label ?? m.MetricName, Timestamps, Values, StatusCode: 'Complete' };
  }

  /**
   * PutMetricAlarm in its metric-math form (Metrics), as Shepherd's drift alarm uses it; the single-metric form
   * is for alarms a scenario sets by hand. Putting again replaces the definition and keeps the state.
   */
  private putMetricAlarm(input: Record<string, unknown>): Record<string, never> {
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
    this.defineAlarm({
      name,
      ...(typeof input.AlarmDescription === 'string' ? { description: input.AlarmDescription } : {}),
      period: queries.find((q) => q.MetricStat)?.MetricStat?.Period ?? 60,
      threshold: Number(input.Threshold),
      rule: {
        queries: structuredClone(queries),
        comparison,
        evaluationPeriods,
        datapointsToAlarm,
        treatMissingData: String(input.TreatMissingData ?? 'missing'),
      },
    });
    this.opts.timeline.log('cloudwatch', `alarm ${name} put: ${comparison} ${String(input.Threshold)}`);
    this.evaluate(this.alarms.get(name)!);
    return {};
  }

  /** ListMetrics: every metric with data, filtered by namespace, name and dimensions as given. */
  private listMetrics(input: Record<string, unknown>): unknown {
    const { Namespace: ns, MetricName: name } = input as Partial<Record<string, string>>;
    const wanted = (input.Dimensions ?? []) as { Name: string; Value?: string }[];
    const metrics = [...this.metrics.keys()]
      .map((key) => JSON.parse(key) as [string, string, [string, string][]])
      .filter(
        ([n, m, dims]) =>
          (!ns || n === ns) &&
          (!name || m === name) &&
          wanted.every((w) => dims.some(([k, v]) => k === w.Name && (w.Value === undefined || v === w.Value))),
      )
      .map(([n, m, dims]) => ({
        Namespace: n,
        MetricName: m,
        Dimensions: dims.map(([Name, Value]) => ({ Name, Value })),
      }));
    return { Metrics: metrics };
  }

  /** Re-evaluates every alarm defined with metrics, as CloudWatch does each minute. */
  evaluateAll(): void {
    for (const alarm of this.alarms.values()) this.evaluate(alarm);
  }

  /**
   * The last `evaluationPeriods` periods up to now (the current one included): a period breaches when the query
   * that returns data is over the threshold; `datapointsToAlarm` breaching periods make ALARM. Missing data counts
   * as TreatMissingData says (notBreaching: good; otherwise the state stays until data comes).
   */
  private evaluate(alarm: Alarm): void {
    const rule = alarm.rule;
    if (!rule) return;
    const period = alarm.period ?? 60;
    const now = this.opts.clock.now().getTime();
    const values: (number | undefined)[] = [];
    for (let k = 0; k < rule.evaluationPeriods; k++) {
      const start = bucketOf(now, period) - k * period * 1000;
      const of = (q: WireQuery): number | undefined => {
        const m = q.MetricStat?.Metric;
        if (m) {
          const bucket = this.samples(m.Namespace, m.MetricName, fromWire(m.Dimensions)).filter(
            (x) => x.at >= start && x.at < start + period * 1000 && x.at <= now,
          );
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
    if (!state || state === alarm.state.value) return;
    const latest = data.length ? ` (latest ${data[0]})` : ' (no data: treated as not breaching)';
    const reason =
      `Threshold Crossed: ${breaching.length} out of the last ${rule.evaluationPeriods} datapoints ` +
      `${state === 'ALARM' ? 'were' : 'were not'} ${rule.comparison} ${threshold}${latest}`;
    this.setAlarmState(alarm.name, state, reason);
  }

  private describeAlarms(input: Record<string, unknown>): unknown {
    const {
      AlarmNames: names,
      AlarmNamePrefix: prefix,
      StateValue: state,
    } = input as Partial<Record<string, string>> & { AlarmNames?: string[] };
    const alarms = [...this.alarms.values()].filter(
      (a) =>
        (!names?.length || names.includes(a.name)) &&
        (!prefix || a.name.startsWith(prefix)) &&
        (!state || a.state.value === state),
    );
    const metricAlarms = alarms.map((a) => ({
      AlarmName: a.name,
      AlarmArn: this.arnOf(a.name),
      AlarmDescription: a.description,
      ActionsEnabled: true,
      StateValue: a.state.value,
      StateReason: a.state.reason,
      StateReasonData: a.state.reasonData,
      StateUpdatedTimestamp: a.state.timestamp,
      StateTransitionedTimestamp: a.state.timestamp,
      Namespace: a.namespace,
      MetricName: a.metricName,
      Dimensions: toWire(a.dimensions),
      Period: a.period,
      Statistic: a.stat,
      Threshold: a.threshold,
      ...(a.rule
        ? {
            Metrics: a.rule.queries,
            ComparisonOperator: a.rule.comparison,
            EvaluationPeriods: a.rule.evaluationPeriods,
            DatapointsToAlarm: a.rule.datapointsToAlarm,
            TreatMissingData: a.rule.treatMissingData,
          }
        : {}),
    }));
    return { MetricAlarms: metricAlarms, CompositeAlarms: [] };
  }
}
