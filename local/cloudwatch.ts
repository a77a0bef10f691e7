// Amazon CloudWatch as Shepherd reads it: raw datapoints and statistic sets aggregated per period like
// GetMetricData (see cloudwatch/statistics.ts for which statistics are exact), and alarms whose state changes
// raise the same EventBridge event AWS sends. The parts: cloudwatch/wire.ts (the requests' JSON),
// cloudwatch/metrics.ts (the metric store and its requests), cloudwatch/alarms.ts (alarms, with their shapes in
// cloudwatch/alarm-shapes.ts and PutMetricAlarm's rules in cloudwatch/alarm-rules.ts).
import { Alarms } from './cloudwatch/alarms';
import type { AlarmDefinition, AlarmState } from './cloudwatch/alarm-shapes';
import { MetricStore } from './cloudwatch/metrics';
import { sampleOf, type StatisticSet } from './cloudwatch/statistics';
import { invalid, type Dimensions } from './cloudwatch/wire';
import { AwsError, type AwsEvent, type JsonService, type Timeline } from './core';
import type { Clock } from './clock';

export class CloudWatchEmulator {
  private readonly metrics: MetricStore;
  private readonly alarms: Alarms;

  constructor(opts: { clock: Clock; timeline: Timeline; emit: (event: AwsEvent) => void }) {
    this.metrics = new MetricStore(opts.clock);
    this.alarms = new Alarms(this.metrics, opts);
  }

  readonly handle: JsonService = (operation, input) => {
    if (operation === 'GetMetricData') return this.metrics.getMetricData(input);
    if (operation === 'PutMetricData') return this.metrics.putMetricData(input);
    if (operation === 'DescribeAlarms') return this.alarms.describeAlarms(input);
    if (operation === 'PutMetricAlarm') return this.alarms.putMetricAlarm(input);
    if (operation === 'ListMetrics') return this.metrics.listMetrics(input);
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
    this.metrics.add(namespace, metricName, dimensions, {
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
    this.metrics.add(namespace, metricName, dimensions, sampleOf(at.getTime(), stats, unit));
  }

  /**
   * What the emulator holds, for checking that its memory stays bounded: metrics, samples, and values kept for
   * percentiles.
   */
  storage(): { metrics: number; samples: number; values: number } {
    return this.metrics.storage();
  }

  /** Defining again updates the configuration and keeps the state. */
  defineAlarm(alarm: AlarmDefinition): void {
    this.alarms.define(alarm);
  }

  /** Emits `CloudWatch Alarm State Change` only on a real change: setting the current state again does nothing. */
  setAlarmState(name: string, value: AlarmState, reason: string, reasonData?: string): void {
    this.alarms.setState(name, value, reason, reasonData);
  }

  /** Re-evaluates every alarm defined with metrics, as CloudWatch does each minute. */
  evaluateAll(): void {
    this.alarms.evaluateAll();
  }

  /** The alarms whose AlarmActions name `arn` (a step scaling policy's), by name and ARN. */
  alarmsInvoking(arn: string): { AlarmName: string; AlarmARN: string }[] {
    return this.alarms.invoking(arn);
  }

  /** Takes `arn` out of every alarm's AlarmActions, keeping the alarms. */
  removeAlarmAction(arn: string): void {
    this.alarms.removeAction(arn);
  }
}
