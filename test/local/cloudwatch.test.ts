// The CloudWatch emulator behind the local server, driven by the real CloudWatch client (awsJson1_0 in
// query-compatible mode).
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricDataCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
  ValidationException,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import sample from '../../events/cloudwatch-alarm-state-change.drift-alarm.json';
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { startLocalServer, type LocalServer } from '../../local/server';

const NOW = new Date('2026-11-27T06:05:40.118Z');
const at = (hhmmss: string) => new Date(`2026-11-27T${hhmmss}Z`);
const variant = (v: string) => ({ EndpointName: 'churn-prod', VariantName: v });
const DRIFT = {
  name: 'churn-feature-drift',
  description: 'Shepherd: SageMaker Model Monitor feature drift on churn-prod (tenure) above baseline',
  namespace: '/aws/sagemaker/Endpoints/data-metric',
  metricName: 'feature_baseline_drift_tenure',
  dimensions: { Endpoint: 'churn-prod', MonitoringSchedule: 'churn-drift' },
  period: 3600,
  stat: 'Maximum',
  threshold: 0.1,
};

const query = (
  id: string,
  metricName: string,
  dims: Record<string, string>,
  stat: string,
  period = 60,
): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/SageMaker',
      MetricName: metricName,
      Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: period,
    Stat: stat,
  },
});

describe('CloudWatch emulator', () => {
  let server: LocalServer;
  let cloudwatch: CloudWatchEmulator;
  let client: CloudWatchClient;
  let events: AwsEvent[];

  beforeEach(async () => {
    const clock = new Clock(NOW, 1);
    events = [];
    cloudwatch = new CloudWatchEmulator({ clock, timeline: new Timeline(clock, false), emit: (e) => events.push(e) });
    server = await startLocalServer({ services: { cloudwatch: cloudwatch.handle } });
    client = new CloudWatchClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  const getMetricData = (queries: MetricDataQuery[], scanBy?: 'TimestampAscending') =>
    client.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: at('05:00:00'),
        EndTime: at('06:00:00'),
        ScanBy: scanBy,
      }),
    );

  it('sums and averages datapoints per period, one value per period holding data', async () => {
    // Prepare
    for (const [time, invocations, errors] of [
      ['05:01:05', 10, 0],
      ['05:01:50', 5, 1],
      ['05:03:00', 7, 1],
    ] as const) {
      cloudwatch.putDatum('AWS/SageMaker', 'Invocations', variant('AllTraffic'), at(time), invocations);
      cloudwatch.putDatum('AWS/SageMaker', 'Invocation5XXErrors', variant('AllTraffic'), at(time), errors);
    }
    // EndTime is exclusive
    cloudwatch.putDatum('AWS/SageMaker', 'Invocations', variant('AllTraffic'), at('06:00:00'), 99);

    // Act
    const out = await getMetricData(
      [
        query('invocations', 'Invocations', variant('AllTraffic'), 'Sum'),
        query('errorRate', 'Invocation5XXErrors', variant('AllTraffic'), 'Average'),
      ],
      'TimestampAscending',
    );

    // Assess
    expect(out.MetricDataResults).toEqual([
      {
        Id: 'invocations',
        Label: 'Invocations',
        Timestamps: [at('05:01:00'), at('05:03:00')],
        Values: [15, 7],
        StatusCode: 'Complete',
      },
      {
        Id: 'errorRate',
        Label: 'Invocation5XXErrors',
        Timestamps: [at('05:01:00'), at('05:03:00')],
        Values: [0.5, 1],
        StatusCode: 'Complete',
      },
    ]);
  });

  it('returns the newest period first unless asked to scan ascending', async () => {
    // Prepare
    cloudwatch.putDatum('AWS/SageMaker', 'Invocations', variant('AllTraffic'), at('05:10:00'), 1);
    cloudwatch.putDatum('AWS/SageMaker', 'Invocations', variant('AllTraffic'), at('05:20:00'), 2);

    // Act
    const out = await getMetricData([query('inv', 'Invocations', variant('AllTraffic'), 'Sum', 600)]);

    // Assess
    expect(out.MetricDataResults?.[0]?.Values).toEqual([2, 1]);
  });

  it('returns nothing for a query by a subset of the dimensions, as AWS does', async () => {
    // Prepare
    cloudwatch.putDatum('AWS/SageMaker', 'Invocations', variant('AllTraffic'), at('05:10:00'), 3);

    // Act
    const out = await getMetricData([query('byEndpoint', 'Invocations', { EndpointName: 'churn-prod' }, 'Sum')]);

    // Assess
    expect(out.MetricDataResults).toEqual([
      { Id: 'byEndpoint', Label: 'Invocations', Timestamps: [], Values: [], StatusCode: 'Complete' },
    ]);
  });

  it('stores PutMetricData even when the SDK gzips a large request body', async () => {
    // Prepare: 1,000 datums make a body well over the SDK's 10 KB compression threshold.
    const data = Array.from({ length: 1000 }, (_, i) => ({
      MetricName: 'Latency',
      Dimensions: [{ Name: 'Line', Value: 'churn' }],
      Timestamp: new Date(at('05:30:00').getTime() + i),
      Value: i % 2,
    }));

    // Act
    await client.send(new PutMetricDataCommand({ Namespace: 'Shepherd', MetricData: data }));
    const out = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'n',
            MetricStat: {
              Metric: { Namespace: 'Shepherd', MetricName: 'Latency', Dimensions: [{ Name: 'Line', Value: 'churn' }] },
              Period: 60,
              Stat: 'SampleCount',
            },
          },
        ],
        StartTime: at('05:00:00'),
        EndTime: at('06:00:00'),
      }),
    );

    // Assess
    expect(out.MetricDataResults?.[0]?.Values).toEqual([1000]);
  });

  describe('putStatistics', () => {
    // Datums at three timestamps over two minutes; halves, so sums are exact whatever the order of addition.
    const DATUMS: Array<[string, number[]]> = [
      ['05:01:05', [3, 7, 7, 12.5, 0.5]],
      ['05:01:50', [1, 2]],
      ['05:03:00', [4, 4, 4]],
    ];
    const statsOf = (values: number[]) => {
      const distinct = [...new Set(values)].sort((a, b) => a - b);
      return {
        sampleCount: values.length,
        sum: values.reduce((n, v) => n + v, 0),
        minimum: Math.min(...values),
        maximum: Math.max(...values),
        values: distinct,
        counts: distinct.map((d) => values.filter((v) => v === d).length),
      };
    };
    const STATS = ['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum', 'p0', 'p10', 'p50', 'p90', 'p99', 'p100'];

    it(
      'gives Sum, Average, SampleCount, Minimum, Maximum ' +
        '— and with every value, percentiles — exactly as the datums it summarises',
      async () => {
        // Prepare
        for (const [time, values] of DATUMS) {
          for (const v of values)
            cloudwatch.putDatum('AWS/SageMaker', 'PerRequest', variant('AllTraffic'), at(time), v, 'Microseconds');
          cloudwatch.putStatistics(
            'AWS/SageMaker',
            'Summarised',
            variant('AllTraffic'),
            at(time),
            statsOf(values),
            'Microseconds',
          );
        }

        // Act
        const queries = [60, 300].flatMap((period) =>
          STATS.flatMap((s) =>
            [`PerRequest`, 'Summarised'].map((m) =>
              query(`${m.toLowerCase()}${s.replace('.', '_')}p${period}`, m, variant('AllTraffic'), s, period),
            ),
          ),
        );
        const out = await getMetricData(queries, 'TimestampAscending');

        // Assess
        const results = out.MetricDataResults ?? [];
        expect(results).toHaveLength(2 * STATS.length * 2);
        for (let i = 0; i < results.length; i += 2) {
          expect(results[i + 1]?.Values).toEqual(results[i]?.Values);
          expect(results[i + 1]?.Timestamps).toEqual(results[i]?.Timestamps);
          expect(results[i]?.Values?.length).toBeGreaterThan(0);
        }
        expect(results.slice(0, 10).map((r) => r.Values)).toEqual([
          ...[
            [33, 12],
            [33 / 7, 4],
            [7, 3],
            [0.5, 4],
            [12.5, 4],
          ].flatMap((v) => [v, v]),
        ]);
      },
    );

    it('takes percentiles from Values and Counts as nearest ranks, over several sets and raw datums', async () => {
      // Prepare: 100 latencies in three buckets, then 100 more of 40 in the same minute
      cloudwatch.putStatistics('AWS/SageMaker', 'ModelLatency', variant('AllTraffic'), at('05:10:00'), {
        sampleCount: 100,
        sum: 1800,
        minimum: 8,
        maximum: 35,
        values: [10, 20, 30],
        counts: [50, 40, 10],
      });
      for (let i = 0; i < 100; i++)
        cloudwatch.putDatum('AWS/SageMaker', 'ModelLatency', variant('AllTraffic'), at('05:10:30'), 40);

      // Act
      const out = await getMetricData(
        ['p25', 'p50', 'p70', 'p90', 'p99', 'Minimum', 'Maximum', 'Average'].map((s) =>
          query(s.toLowerCase(), 'ModelLatency', variant('AllTraffic'), s),
        ),
      );

      // Assess: ranks 50 → 10, 100 → 30, 140 → 40, …; Minimum and Maximum are the set's own, not its buckets'
      expect(out.MetricDataResults?.map((r) => r.Values)).toEqual([[10], [30], [40], [40], [40], [8], [40], [29]]);
    });

    it('has percentiles of a set without values only when they are unambiguous, as AWS', async () => {
      // Prepare
      cloudwatch.putStatistics('AWS/SageMaker', 'Spread', variant('AllTraffic'), at('05:10:00'), {
        sampleCount: 10,
        sum: 30,
        minimum: 1,
        maximum: 5,
      });
      cloudwatch.putStatistics('AWS/SageMaker', 'Spread', variant('AllTraffic'), at('05:20:00'), {
        sampleCount: 4,
        sum: 8,
        minimum: 2,
        maximum: 2,
      });
      cloudwatch.putStatistics('AWS/SageMaker', 'Spread', variant('AllTraffic'), at('05:30:00'), {
        sampleCount: 1,
        sum: 6,
        minimum: 6,
        maximum: 6,
      });

      // Act
      const [p50, count] =
        (
          await getMetricData(
            [
              query('p', 'Spread', variant('AllTraffic'), 'p50'),
              query('n', 'Spread', variant('AllTraffic'), 'SampleCount'),
            ],
            'TimestampAscending',
          )
        ).MetricDataResults ?? [];

      // Assess
      expect(p50?.Timestamps).toEqual([at('05:20:00'), at('05:30:00')]);
      expect(p50?.Values).toEqual([2, 6]);
      expect(count?.Values).toEqual([10, 4, 1]);
    });

    it('rejects an inconsistent statistic set', () => {
      // Prepare
      const put = (stats: Parameters<CloudWatchEmulator['putStatistics']>[4]) => () =>
        cloudwatch.putStatistics('AWS/SageMaker', 'Bad', variant('AllTraffic'), at('05:10:00'), stats);

      // Act, Assess
      expect(put({ sampleCount: 0, sum: 0, minimum: 0, maximum: 0 })).toThrow('SampleCount must be greater than 0');
      expect(put({ sampleCount: 2, sum: 3, minimum: 2, maximum: 1 })).toThrow(
        'Minimum must not be greater than its Maximum',
      );
      expect(put({ sampleCount: 2, sum: 3, minimum: 1, maximum: 2, values: [1, 2], counts: [1] })).toThrow(
        'Counts must have as many members as Values',
      );
      expect(put({ sampleCount: 2, sum: NaN, minimum: 1, maximum: 2 })).toThrow('finite');
      expect(cloudwatch.storage().samples).toBe(0);
    });

    it('keeps PutMetricData Values and Counts as one sample, however large the counts', async () => {
      // Act
      await client.send(
        new PutMetricDataCommand({
          Namespace: 'Shepherd',
          MetricData: [
            {
              MetricName: 'Latency',
              Timestamp: at('05:30:00'),
              Values: [5, 50, 500],
              Counts: [900_000, 99_000, 1_000],
              Unit: 'Milliseconds',
            },
          ],
        }),
      );
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: ['SampleCount', 'Sum', 'p90', 'p99.95'].map((s, i) => ({
            Id: `q${i}`,
            MetricStat: { Metric: { Namespace: 'Shepherd', MetricName: 'Latency' }, Period: 60, Stat: s },
          })),
          StartTime: at('05:00:00'),
          EndTime: at('06:00:00'),
        }),
      );

      // Assess
      expect(out.MetricDataResults?.map((r) => r.Values)).toEqual([
        [1_000_000],
        [5 * 900_000 + 50 * 99_000 + 500 * 1_000],
        [5],
        [500],
      ]);
      expect(cloudwatch.storage()).toEqual({ metrics: 1, samples: 1, values: 3 });
    });
  });

  it('rejects more than 500 queries with ValidationException', async () => {
    // Prepare
    const queries = Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'Invocations', variant('AllTraffic'), 'Sum'));

    // Act
    const err = await getMetricData(queries).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
    expect(err).toMatchObject({
      Code: 'ValidationError',
      message: 'The collection MetricDataQueries must not have a size greater than 500.',
    });
  });

  it('rejects a query id that is not a lower-case identifier, such as an endpoint name', async () => {
    // Act
    const err = await getMetricData([query('churn-prod', 'Invocations', variant('AllTraffic'), 'Sum')]).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
  });

  it('describes a defined alarm in its initial state', async () => {
    // Prepare
    cloudwatch.defineAlarm(DRIFT);
    cloudwatch.defineAlarm({ name: 'other' });

    // Act
    const out = await client.send(new DescribeAlarmsCommand({ AlarmNames: [DRIFT.name] }));

    // Assess
    expect(out.MetricAlarms).toHaveLength(1);
    expect(out.MetricAlarms?.[0]).toMatchObject({
      AlarmName: DRIFT.name,
      AlarmArn: sample.resources[0],
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      Dimensions: [
        { Name: 'Endpoint', Value: 'churn-prod' },
        { Name: 'MonitoringSchedule', Value: 'churn-drift' },
      ],
    });
    expect(out.MetricAlarms?.[0]?.StateUpdatedTimestamp).toBeInstanceOf(Date);
  });

  it('describes metric alarms only when asked for composite alarms alone', async () => {
    // Prepare
    cloudwatch.defineAlarm(DRIFT);

    // Act
    const out = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: [DRIFT.name], AlarmTypes: ['CompositeAlarm'] }),
    );

    // Assess
    expect(out.MetricAlarms).toEqual([]);
  });

  it('refuses more than 100 alarm names in one call, as CloudWatch does', async () => {
    // Prepare
    const names = Array.from({ length: 101 }, (_, i) => `alarm-${i}`);

    // Act
    const err = await client.send(new DescribeAlarmsCommand({ AlarmNames: names })).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
  });

  it('refuses an alarm name longer than 255 characters, as CloudWatch does', async () => {
    // Prepare
    const names = [DRIFT.name, 'a'.repeat(256)];

    // Act
    const err = await client.send(new DescribeAlarmsCommand({ AlarmNames: names })).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as Error).message).toMatch(/at 'alarmNames' failed to satisfy constraint/);
  });

  it('emits one alarm state change event, shaped like AWS’s, when SetAlarmState changes the state', async () => {
    // Prepare
    cloudwatch.defineAlarm(DRIFT);
    cloudwatch.putDatum(DRIFT.namespace, DRIFT.metricName, DRIFT.dimensions, at('05:10:00'), 0.2374);

    // Act
    await client.send(
      new SetAlarmStateCommand({ AlarmName: DRIFT.name, StateValue: 'ALARM', StateReason: 'Threshold Crossed' }),
    );
    await client.send(
      new SetAlarmStateCommand({ AlarmName: DRIFT.name, StateValue: 'ALARM', StateReason: 'Threshold Crossed again' }),
    );

    // Assess
    const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(events).toEqual([
      {
        ...sample,
        id: expect.any(String),
        time: expect.stringMatching(/^2026-11-27T06:05:4\dZ$/),
        detail: {
          alarmName: DRIFT.name,
          configuration: {
            ...sample.detail.configuration,
            metrics: [{ ...sample.detail.configuration.metrics[0], id: expect.any(String) }],
          },
          previousState: { reason: 'Unchecked: Initial alarm creation', timestamp, value: 'INSUFFICIENT_DATA' },
          state: { reason: 'Threshold Crossed', reasonData: expect.any(String), timestamp, value: 'ALARM' },
        },
      },
    ]);
    const reasonData = JSON.parse((events[0]!.detail.state as { reasonData: string }).reasonData) as Record<
      string,
      unknown
    >;
    expect(reasonData).toMatchObject({
      version: '1.0',
      startDate: '2026-11-27T05:00:00.000+0000',
      statistic: 'Maximum',
      period: 3600,
      recentDatapoints: [0.2374],
      threshold: 0.1,
      evaluatedDatapoints: [{ timestamp: '2026-11-27T05:00:00.000+0000', sampleCount: 1, value: 0.2374 }],
    });
  });

  it('reports an unknown alarm as ResourceNotFound', async () => {
    // Act
    const err = await client
      .send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'r' }))
      .catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ResourceNotFound);
    expect(events).toHaveLength(0);
  });
});
