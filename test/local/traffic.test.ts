// The synthetic traffic generator, read back through the CloudWatch emulator's GetMetricData as the SDK sends it.
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { TrafficGenerator } from '../../local/traffic';
import { HISTOGRAM_BUCKETS, summarise } from '../../local/traffic/histogram';
import { logNormal, seededRandom } from '../../local/traffic/random';
import { trafficSpecSchema, type EndpointView, type TrafficSpec } from '../../local/traffic/spec';

const START = new Date('2026-11-27T00:00:00Z');
const MINUTE = 60_000;
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package';
const seconds = (d: Date) => d.getTime() / 1000;

const endpoint = (status = 'InService', candidateWeight = 0.1): EndpointView => ({
  name: 'churn-prod',
  status,
  variants: [
    { variantName: 'baseline', modelName: 'churn-model-2', currentWeight: 1 - candidateWeight, instanceCount: 2 },
    { variantName: 'candidate', modelName: 'churn-model-3', currentWeight: candidateWeight, instanceCount: 1 },
  ],
});
const SPEC: TrafficSpec = {
  endpoint: 'churn-prod',
  requestsPerMinute: 1000,
  default: { errorRate: 0.01, latencyMs: 40, latencyJitterMs: 10 },
  packages: { 'churn-models/3': { errorRate: 0.2, latencyMs: 120 } },
};
const PACKAGES: Readonly<Record<string, string>> = {
  'churn-model-2': `${ARN}/churn-models/2`,
  'churn-model-3': `${ARN}/churn-models/3`,
};

/** |observed − expected| within `sigmas` standard deviations. */
const near = (observed: number, expected: number, sd: number, sigmas = 4) =>
  expect(Math.abs(observed - expected)).toBeLessThan(sigmas * sd);

describe('TrafficGenerator', () => {
  let clock: Clock;
  let cloudwatch: CloudWatchEmulator;
  let view: EndpointView[];

  beforeEach(() => {
    clock = new Clock(START, 60_000); // a virtual minute is 1 ms
    cloudwatch = new CloudWatchEmulator({ clock, timeline: new Timeline(clock, false), emit: () => undefined });
    view = [endpoint()];
  });
  afterEach(() => clock.stopAll());

  const generator = (specs: TrafficSpec[] = [SPEC], seed = 42, packages = PACKAGES) =>
    new TrafficGenerator({
      clock,
      cloudwatch,
      endpoints: () => view,
      packageOf: (m) => packages[m],
      specs,
      random: seededRandom(seed),
    });
  const minutes = (g: TrafficGenerator, n: number) => {
    for (let i = 0; i < n; i++) g.tick(new Date(START.getTime() + i * MINUTE));
  };
  /** One GetMetricData query over the first 15 minutes, as the SDK sends it; the values of its periods. */
  const stat = async (
    metric: string,
    dimensions: Record<string, string>,
    s: string,
    period = 900,
    namespace = 'AWS/SageMaker',
    window = 15,
  ) => {
    const out = (await cloudwatch.handle('GetMetricData', {
      StartTime: seconds(START),
      EndTime: seconds(new Date(START.getTime() + window * MINUTE)),
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: {
            Metric: {
              Namespace: namespace,
              MetricName: metric,
              Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: period,
            Stat: s,
          },
        },
      ],
    })) as { MetricDataResults: Array<{ Values: number[]; Timestamps: Date[] }> };
    return out.MetricDataResults[0]!;
  };
  const variant = (v: string) => ({ EndpointName: 'churn-prod', VariantName: v });

  it('splits the request rate across variants by weight, as Invocations Sum shows', async () => {
    // Prepare
    const g = generator();

    // Act
    minutes(g, 15);
    const baseline = await stat('Invocations', variant('baseline'), 'Sum');
    const candidate = await stat('Invocations', variant('candidate'), 'Sum');

    // Assess
    near(baseline.Values[0]!, 0.9 * 1000 * 15, Math.sqrt(0.9 * 1000 * 15));
    near(candidate.Values[0]!, 0.1 * 1000 * 15, Math.sqrt(0.1 * 1000 * 15));
    expect(g.totals()).toEqual({
      'churn-prod/baseline': { requests: baseline.Values[0], errors: expect.any(Number) },
      'churn-prod/candidate': { requests: candidate.Values[0], errors: expect.any(Number) },
    });
  });

  it('records one datapoint per minute, stamped at the start of the minute', async () => {
    // Prepare
    const g = generator();

    // Act
    minutes(g, 15);
    const perMinute = await stat('Invocations', variant('baseline'), 'Sum', 60);

    // Assess
    expect(perMinute.Values).toHaveLength(15);
    expect(perMinute.Timestamps.map((t) => t.getTime()).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => START.getTime() + i * MINUTE),
    );
    for (const v of perMinute.Values) near(v, 900, Math.sqrt(900), 5);
  });

  it('makes the 5XX Average the error rate and its Sum and SampleCount the errors and requests', async () => {
    // Prepare
    const g = generator();

    // Act
    minutes(g, 15);
    const [rate, sum, samples, invocations, modelErrors, clientErrors] = await Promise.all([
      stat('Invocation5XXErrors', variant('baseline'), 'Average'),
      stat('Invocation5XXErrors', variant('baseline'), 'Sum'),
      stat('Invocation5XXErrors', variant('baseline'), 'SampleCount'),
      stat('Invocations', variant('baseline'), 'Sum'),
      stat('InvocationModelErrors', variant('baseline'), 'Sum'),
      stat('Invocation4XXErrors', variant('baseline'), 'Sum'),
    ]);

    // Assess
    const n = invocations.Values[0]!;
    near(rate.Values[0]!, 0.01, Math.sqrt((0.01 * 0.99) / n));
    expect(samples.Values).toEqual([n]);
    expect(sum.Values).toEqual([g.totals()['churn-prod/baseline']!.errors]);
    expect(rate.Values[0]).toBeCloseTo(sum.Values[0]! / n, 12);
    expect(modelErrors.Values).toEqual(sum.Values);
    expect(clientErrors.Values).toEqual([0]);
  });

  it('applies a package-specific behaviour to the variant whose model serves that package', async () => {
    // Prepare
    const g = generator();

    // Act
    minutes(g, 15);
    const [candidateRate, candidateLatency, baselineLatency, overhead] = await Promise.all([
      stat('Invocation5XXErrors', variant('candidate'), 'Average'),
      stat('ModelLatency', variant('candidate'), 'Average'),
      stat('ModelLatency', variant('baseline'), 'Average'),
      stat('OverheadLatency', variant('baseline'), 'Average'),
    ]);

    // Assess
    const n = g.totals()['churn-prod/candidate']!.requests;
    near(candidateRate.Values[0]!, 0.2, Math.sqrt((0.2 * 0.8) / n));
    // microseconds; default jitter a fifth of the mean
    near(candidateLatency.Values[0]!, 120_000, 24_000 / Math.sqrt(n));
    near(baselineLatency.Values[0]!, 40_000, 10_000 / Math.sqrt(13_500));
    expect(overhead.Values[0]).toBeGreaterThan(1_000);
    expect(overhead.Values[0]).toBeLessThan(10_000);
  });

  it('keeps a package behaviour with the package when it moves to another variant', () => {
    // Prepare: the baseline's model now serves the package with its own behaviour, the candidate's the other
    const swapped = { 'churn-model-2': `${ARN}/churn-models/3`, 'churn-model-3': `${ARN}/churn-models/2` };
    view = [endpoint('InService', 0.5)];
    const g = generator([SPEC], 42, swapped);

    // Act
    minutes(g, 15);

    // Assess
    const { baseline, candidate } = {
      baseline: g.totals()['churn-prod/baseline']!,
      candidate: g.totals()['churn-prod/candidate']!,
    };
    near(baseline.errors / baseline.requests, 0.2, Math.sqrt((0.2 * 0.8) / baseline.requests));
    near(candidate.errors / candidate.requests, 0.01, Math.sqrt((0.01 * 0.99) / candidate.requests));
  });

  it('sends no requests to a variant of weight 0 and publishes no invocation metrics for it', async () => {
    // Prepare
    view = [endpoint('InService', 0)];
    const g = generator();

    // Act
    minutes(g, 15);
    const [invocations, errors, latency, cpu] = await Promise.all([
      stat('Invocations', variant('candidate'), 'Sum'),
      stat('Invocation5XXErrors', variant('candidate'), 'Average'),
      stat('ModelLatency', variant('candidate'), 'Average'),
      stat('CPUUtilization', variant('candidate'), 'Average', 900, '/aws/sagemaker/Endpoints'),
    ]);

    // Assess
    expect(g.totals()['churn-prod/candidate']).toEqual({ requests: 0, errors: 0 });
    expect([invocations.Values, errors.Values, latency.Values]).toEqual([[], [], []]);
    expect(cpu.Values[0]).toBeLessThan(5); // idle instances still report
    near((await stat('Invocations', variant('baseline'), 'Sum')).Values[0]!, 15_000, Math.sqrt(15_000));
  });

  it('returns nothing when queried by EndpointName alone, as AWS does', async () => {
    // Prepare
    const g = generator();

    // Act
    minutes(g, 15);
    const byEndpoint = await stat('Invocations', { EndpointName: 'churn-prod' }, 'Sum');

    // Assess
    expect(byEndpoint.Values).toEqual([]);
  });

  it('sends no traffic to endpoints that are not InService or have no spec', async () => {
    // Prepare
    view = [endpoint('Updating'), { ...endpoint(), name: 'fraud-prod' }];
    const g = generator();

    // Act
    minutes(g, 15);
    const [updating, unspecified] = await Promise.all([
      stat('Invocations', variant('baseline'), 'Sum'),
      stat('Invocations', { EndpointName: 'fraud-prod', VariantName: 'baseline' }, 'Sum'),
    ]);

    // Assess
    expect([updating.Values, unspecified.Values]).toEqual([[], []]);
    expect(g.totals()).toEqual({});
  });

  it('reports CPU and memory per variant, busier with more traffic per instance', async () => {
    // Prepare
    view = [endpoint('InService', 0.5)];
    const g = generator();

    // Act
    minutes(g, 15);
    const dims = (v: string) => variant(v);
    const [baselineCpu, candidateCpu, memory] = await Promise.all([
      stat('CPUUtilization', dims('baseline'), 'Average', 900, '/aws/sagemaker/Endpoints'),
      stat('CPUUtilization', dims('candidate'), 'Average', 900, '/aws/sagemaker/Endpoints'),
      stat('MemoryUtilization', dims('baseline'), 'Average', 900, '/aws/sagemaker/Endpoints'),
    ]);

    // Assess: 500 rpm × 40 ms on 2 instances ≈ 17 %; 500 rpm × 120 ms on 1 instance = 100 %
    near(baselineCpu.Values[0]!, 2 + ((500 * 40) / 60_000 / 2) * 100, 2);
    expect(candidateCpu.Values[0]).toBeGreaterThan(90);
    expect(memory.Values[0]).toBeGreaterThan(30);
    expect(memory.Values[0]).toBeLessThan(45);
  });

  it('puts one statistic set per variant, minute and metric, however many requests', () => {
    // Prepare
    const stored = (requestsPerMinute: number) => {
      cloudwatch = new CloudWatchEmulator({ clock, timeline: new Timeline(clock, false), emit: () => undefined });
      minutes(generator([{ ...SPEC, requestsPerMinute }]), 15);
      return cloudwatch.storage();
    };

    // Act
    const [slow, fast] = [stored(1000), stored(5000)];

    // Assess: 2 variants × 15 minutes × 8 metrics; values: 2 + 2 for the errors, ≤ 50 + 50 for the latencies,
    // 1 each for the rest
    for (const s of [slow, fast]) {
      expect(s).toMatchObject({ metrics: 16, samples: 2 * 15 * 8 });
      expect(s.values).toBeLessThanOrEqual(2 * 15 * (4 + 2 * HISTOGRAM_BUCKETS + 4));
    }
  });

  it('keeps ModelLatency percentiles meaningful: near the log-normal quantiles', async () => {
    // Prepare
    const g = generator();
    const sigma = Math.sqrt(Math.log(1 + (10 * 10) / (40 * 40)));
    const mu = Math.log(40_000) - (sigma * sigma) / 2; // microseconds
    const Z = { p50: 0, p90: 1.2815515655446004, p99: 2.3263478740408408 };

    // Act
    minutes(g, 15);
    const n = g.totals()['churn-prod/baseline']!.requests;
    const [min, max, ...percentiles] = await Promise.all(
      ['Minimum', 'Maximum', ...Object.keys(Z)].map(
        async (s) => (await stat('ModelLatency', variant('baseline'), s)).Values[0]!,
      ),
    );

    // Assess: sampling error of an empirical quantile, sqrt(p(1 − p)/n) / density, plus at most ~3.5 % from the
    // buckets
    Object.values(Z).forEach((z, i) => {
      const [p, q] = [[0.5, 0.9, 0.99][i]!, Math.exp(mu + sigma * z)];
      const density = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI) / (q * sigma);
      expect(Math.abs(percentiles[i]! - q)).toBeLessThan(4 * (Math.sqrt((p * (1 - p)) / n) / density) + 0.035 * q);
    });
    expect([min, ...percentiles, max]).toEqual([...[min, ...percentiles, max]].sort((a, b) => a! - b!));
  });

  it(
    'summarises a minute in at most 50 buckets whose ' + 'percentiles are within a bucket of the per-request ones',
    async () => {
      // Prepare: 2,000 latencies in microseconds, heavy-tailed
      const random = seededRandom(3);
      const latencies = Array.from({ length: 2000 }, () => Math.round(logNormal(40, 25, random) * 1000));
      const minute = new Date(START.getTime() + 5 * MINUTE);
      const dims = variant('baseline');
      const ps = [
        'Sum',
        'SampleCount',
        'Average',
        'Minimum',
        'Maximum',
        'p1',
        'p10',
        'p25',
        'p50',
        'p75',
        'p90',
        'p95',
        'p99',
        'p99.9',
        'p100',
      ];

      // Act
      const histogram = summarise(latencies)!;
      for (const v of latencies) cloudwatch.putDatum('Test', 'PerRequest', dims, minute, v);
      cloudwatch.putStatistics('Test', 'Histogram', dims, minute, histogram);
      const read = async (metric: string) =>
        Promise.all(ps.map(async (s) => (await stat(metric, dims, s, 60, 'Test')).Values[0]!));
      const [exact, approx] = [await read('PerRequest'), await read('Histogram')];

      // Assess
      expect(histogram.values!.length).toBeLessThanOrEqual(HISTOGRAM_BUCKETS);
      expect(histogram.counts!.reduce((a, b) => a + b, 0)).toBe(2000);
      expect(approx.slice(0, 5)).toEqual(exact.slice(0, 5));
      const ratio = (exact[4]! / exact[3]!) ** (1 / HISTOGRAM_BUCKETS);
      exact.slice(5).forEach((e, i) => {
        expect(approx[5 + i]!).toBeGreaterThanOrEqual(e / ratio);
        expect(approx[5 + i]!).toBeLessThanOrEqual(e * ratio);
      });
      expect(summarise([5, 5, 7, 9, 9, 9])).toEqual({
        sampleCount: 6,
        sum: 44,
        minimum: 5,
        maximum: 9,
        values: [5, 7, 9],
        counts: [2, 1, 3],
      });
      expect(summarise([])).toBeUndefined();
    },
  );

  it('repeats the same traffic with the same seed', () => {
    // Prepare
    const [a, b] = [generator(), generator()];

    // Act
    minutes(a, 3);
    minutes(b, 3);

    // Assess
    expect(a.totals()).toEqual(b.totals());
  });

  it('records every virtual minute once it has passed while started, and nothing after stop', async () => {
    // Prepare: 100 ms per virtual minute, so generation keeps up with the clock on a busy machine too
    clock = new Clock(START, 600);
    cloudwatch = new CloudWatchEmulator({ clock, timeline: new Timeline(clock, false), emit: () => undefined });
    const g = generator([{ ...SPEC, requestsPerMinute: 60 }]);
    const minutesRecorded = async () =>
      (await stat('Invocations', variant('baseline'), 'Sum', 60, 'AWS/SageMaker', 60)).Timestamps.map(
        (t) => (t.getTime() - START.getTime()) / MINUTE,
      ).sort((a, b) => a - b);

    // Act
    // Held, so that no minute passes between the restart and the start on a stalled machine.
    const release = clock.hold();
    clock.restart();
    g.start();
    release();
    await clock.sleep(15 * MINUTE + 1);
    g.stop();
    // Virtual time runs on the wall clock: on a stalled machine the sleep ends late, and the minutes due by then were
    // recorded with it; none due after the stop may be.
    const stoppedAt = Math.floor((clock.now().getTime() - START.getTime()) / MINUTE);
    const recorded = await minutesRecorded();
    await clock.sleep(5 * MINUTE);
    const later = await minutesRecorded();

    // Assess: minute m is recorded once 00:m+1 has passed; a minute without requests would have no datapoint
    expect(recorded.length).toBeGreaterThanOrEqual(14);
    expect(recorded.length).toBeLessThanOrEqual(Math.max(16, stoppedAt + 1));
    expect(recorded).toEqual(Array.from({ length: recorded.length }, (_, i) => i));
    expect(later).toEqual(recorded);
  });

  describe('trafficSpecSchema', () => {
    it('accepts a spec with package behaviours and optional jitter', () => {
      // Act
      const parsed = trafficSpecSchema.safeParse(SPEC);

      // Assess
      expect(parsed).toEqual({ success: true, data: SPEC });
    });

    it('explains each invalid field', () => {
      // Prepare
      const bad = {
        endpoint: 'churn_prod',
        requestsPerMinute: 0,
        default: { errorRate: 1.5, latencyMs: -1, latencyJitterMs: -2 },
        packages: { 'churn-models': { errorRate: 0, latencyMs: 10 } },
      };

      // Act
      const parsed = trafficSpecSchema.safeParse(bad);

      // Assess
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['endpoint', 'must be an endpoint name such as churn-prod'],
        ['requestsPerMinute', 'must be a positive number of requests per minute'],
        ['default.errorRate', 'must be a share between 0 and 1'],
        ['default.latencyMs', 'must be a positive number of milliseconds'],
        ['default.latencyJitterMs', 'must be zero or a positive number of milliseconds'],
        ['packages.churn-models', 'keys must be <model package group>/<version>, such as churn-models/3'],
      ]);
    });

    it('rejects unknown fields and a second spec for the same endpoint', () => {
      // Act
      const unknown = trafficSpecSchema.safeParse({ ...SPEC, rps: 3 });
      const twice = () => generator([SPEC, SPEC]);

      // Assess
      expect(unknown.success).toBe(false);
      expect(twice).toThrow('traffic for endpoint churn-prod is specified twice');
    });
  });
});
