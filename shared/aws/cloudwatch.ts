// Per-variant evidence for the canary judge: one batched GetMetricData per look, and the abort alarms.
import {
  paginateGetMetricData,
  type AlarmType,
  type CloudWatchClient,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { describeAlarms } from './alarm-states';
import type { JudgeConfig } from '../config/deployment-schema';
import type { AlarmState } from '../domain/deployment/judge-types';
import type { MinuteMetrics, VariantMinutes } from '../domain/deployment/window';

const PERIOD = 60;

const query = (
  id: string,
  namespace: string,
  metric: string,
  dimensions: Record<string, string>,
  stat: string,
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: namespace,
      MetricName: metric,
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: PERIOD,
    Stat: stat,
  },
  ReturnData: true,
});

export class CloudWatchAdapter {
  constructor(
    private readonly client: CloudWatchClient,
    /** The alarm types `alarmStates` asks for (./alarm-states.ts). */
    private readonly alarmTypes: AlarmType[],
  ) {}

  /**
   * Each variant's metrics minute by minute, over [start, end). SageMaker publishes per variant only: EndpointName
   * alone returns nothing. The minutes are kept apart so that the judge can leave out a minute one side lacks.
   */
  async variantMinutes(
    endpoint: string,
    variants: string[],
    start: Date,
    end: Date,
    custom: JudgeConfig['customMetrics'],
  ): Promise<VariantMinutes[]> {
    const fields: { id: string; variant: number; set: (m: MinuteMetrics, value: number) => void }[] = [];
    const queries = variants.flatMap((variant, i) => {
      const dims = { EndpointName: endpoint, VariantName: variant };
      const field = (id: string, set: (m: MinuteMetrics, value: number) => void) =>
        fields.push({ id, variant: i, set });
      field(`inv${i}`, (m, v) => (m.requests = v));
      field(`err${i}`, (m, v) => (m.errors = v));
      field(`lat${i}`, (m, v) => (m.latencyUs = v));
      custom.forEach((c, j) => field(`c${i}x${j}`, (m, v) => (m.custom = { ...m.custom, [c.name]: v })));
      return [
        query(`inv${i}`, 'AWS/SageMaker', 'Invocations', dims, 'Sum'),
        query(`err${i}`, 'AWS/SageMaker', 'Invocation5XXErrors', dims, 'Sum'),
        query(`lat${i}`, 'AWS/SageMaker', 'ModelLatency', dims, 'Average'),
        ...custom.map((c, j) => query(`c${i}x${j}`, c.namespace, c.name, { ...c.dimensions, ...dims }, c.stat)),
      ];
    });
    const series = variants.map((variant) => ({ variant, minutes: new Map<number, MinuteMetrics>() }));
    const byId = new Map(fields.map((f) => [f.id, f]));
    const input = { MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending' as const };
    for await (const page of paginateGetMetricData({ client: this.client }, input)) {
      for (const result of page.MetricDataResults ?? []) {
        const field = result.Id ? byId.get(result.Id) : undefined;
        if (!field) continue;
        const minutes = series[field.variant]!.minutes;
        (result.Timestamps ?? []).forEach((at, k) => {
          const value = result.Values?.[k];
          if (value === undefined || !Number.isFinite(value)) return;
          const minute = new Date(at).getTime();
          const metrics = minutes.get(minute) ?? {};
          field.set(metrics, value);
          minutes.set(minute, metrics);
        });
      }
    }
    return series;
  }

  /** The state of each named abort alarm that exists. */
  async alarmStates(names: string[]): Promise<AlarmState[]> {
    return (await describeAlarms(this.client, names, this.alarmTypes)).map((alarm) => ({
      name: alarm.AlarmName ?? '',
      state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
    }));
  }
}
