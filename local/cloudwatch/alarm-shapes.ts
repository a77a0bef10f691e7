// What the emulator keeps of an alarm, and how CloudWatch shows one: its ARN, the detail of the `CloudWatch Alarm
// State Change` event, the reason data AWS writes for a threshold alarm, and DescribeAlarms' MetricAlarms entry.
import { ACCOUNT, REGION } from '../core';
import { bucketOf, type MetricStore } from './metrics';
import { aggregate, count } from './statistics';
import { fromWire, toWire, type Dimensions, type WireQuery } from './wire';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
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
  /** AlarmActions: the ARNs it invokes in ALARM (a step scaling policy's names it as the policy's trigger). */
  actions?: string[];
}
/** An alarm over metric queries (MetricStat, or `MAX([ids])` of them), evaluated every minute as CloudWatch does. */
export interface AlarmRule {
  queries: WireQuery[];
  comparison: string;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: string;
}
export interface AlarmStatus {
  value: AlarmState;
  reason: string;
  reasonData?: string;
  timestamp: Date;
}
export interface Alarm extends AlarmDefinition {
  id: string;
  state: AlarmStatus;
}

export const arnOf = (name: string): string => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
/** `2026-11-27T06:05:40.118+0000`, the timestamp format of alarm events and their reason data. */
const alarmTime = (d: Date) => d.toISOString().replace('Z', '+0000');

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

/** The `CloudWatch Alarm State Change` event's detail, for an alarm whose state just left `previous`. */
export function stateChangeDetail(alarm: Alarm, previous: AlarmStatus) {
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
  return { alarmName: alarm.name, configuration, previousState: stateOf(previous), state: stateOf(alarm.state) };
}

/** The JSON string AWS writes for a threshold alarm, over the latest period holding data. */
export function reasonData(alarm: Alarm, metrics: MetricStore, now: Date): string {
  const { period = 60, stat = 'Average', threshold } = alarm;
  const samples =
    alarm.metricName === undefined ? [] : metrics.samples(alarm.namespace, alarm.metricName, alarm.dimensions);
  const latest = samples.reduce((m, s) => (s.at <= now.getTime() ? Math.max(m, s.at) : m), -Infinity);
  const start = Number.isFinite(latest) ? bucketOf(latest, period) : undefined;
  const bucket = start === undefined ? [] : samples.filter((s) => s.at >= start && s.at < start + period * 1000);
  const value = aggregate(bucket, stat);
  const startDate = start === undefined ? undefined : alarmTime(new Date(start));
  const evaluated =
    startDate === undefined || value === undefined ? [] : [{ timestamp: startDate, sampleCount: count(bucket), value }];
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

/** An alarm as DescribeAlarms lists it in MetricAlarms. */
export const metricAlarmView = (a: Alarm) => ({
  AlarmName: a.name,
  AlarmArn: arnOf(a.name),
  AlarmDescription: a.description,
  ActionsEnabled: true,
  AlarmActions: [...(a.actions ?? [])],
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
});
