// Per-variant evidence for the canary judge: one batched GetMetricData per judgement, and the abort alarms.
import { DescribeAlarmsCommand, GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { JudgeConfig } from '../config/deployment-schema';
import type { AlarmState, VariantWindow } from '../domain/deployment/judge';

const PERIOD = 60;

const query = (id: string, namespace: string, metric: string, dimensions: Record<string, string>, stat: string): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metric, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) }, Period: PERIOD, Stat: stat },
  ReturnData: true,
});

export class CloudWatchAdapter {
  constructor(private readonly client: CloudWatchClient) {}

  /** Both variants over the same window. SageMaker publishes per variant only: EndpointName alone returns nothing. */
  async variantWindows(endpoint: string, variants: string[], start: Date, end: Date, custom: JudgeConfig['customMetrics']): Promise<VariantWindow[]> {
    const queries = variants.flatMap((variant, i) => {
      const dims = { EndpointName: endpoint, VariantName: variant };
      return [
        query(`inv${i}`, 'AWS/SageMaker', 'Invocations', dims, 'Sum'),
        query(`err${i}`, 'AWS/SageMaker', 'Invocation5XXErrors', dims, 'Sum'),
        query(`lat${i}`, 'AWS/SageMaker', 'ModelLatency', dims, 'Average'),
        ...custom.map((c, j) => query(`c${i}x${j}`, c.namespace, c.name, { ...c.dimensions, ...dims }, c.stat)),
      ];
    });
    const values = new Map<string, number[]>();
    let NextToken: string | undefined;
    do {
      const out = await this.client.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', ...(NextToken ? { NextToken } : {}) }));
      for (const r of out.MetricDataResults ?? []) if (r.Id) values.set(r.Id, [...(values.get(r.Id) ?? []), ...(r.Values ?? [])]);
      NextToken = out.NextToken;
    } while (NextToken);
    const sum = (id: string) => (values.get(id) ?? []).reduce((a, b) => a + b, 0);
    return variants.map((variant, i) => ({
      variant,
      requests: sum(`inv${i}`),
      errors: sum(`err${i}`),
      latencyPerMinute: values.get(`lat${i}`) ?? [],
      ...(custom.length ? { custom: Object.fromEntries(custom.map((c, j) => [c.name, values.get(`c${i}x${j}`) ?? []])) } : {}),
    }));
  }

  async alarmStates(names: string[]): Promise<AlarmState[]> {
    if (names.length === 0) return [];
    const out = await this.client.send(new DescribeAlarmsCommand({ AlarmNames: names }));
    return [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((a) => ({ name: a.AlarmName ?? '', state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState['state'] }));
  }
}
