// The metrics CloudWatch holds: samples stored per metric (see statistics.ts for what a sample is), and the
// requests that write and read them: PutMetricData, GetMetricData (MetricStat queries aggregated per period) and
// ListMetrics.
import { AwsError } from '../core';
import type { Clock } from '../clock';
import { aggregate, sampleOf, setOfValues, type Sample } from './statistics';
import { fromWire, invalid, STAT, toMs, type Dimensions, type WireDatum, type WireQuery } from './wire';

// Exact-match identity: AWS treats each dimension combination as its own metric.
const keyOf = (ns: string, name: string, dims: Dimensions) =>
  JSON.stringify([ns, name, Object.entries(dims).sort(([a], [b]) => a.localeCompare(b))]);
// Periods start at multiples of the period since the epoch, as CloudWatch aligns them.
export const bucketOf = (atMs: number, period: number) => Math.floor(atMs / 1000 / period) * period * 1000;

export class MetricStore {
  private readonly metrics = new Map<string, Sample[]>();

  constructor(private readonly clock: Clock) {}

  samples(namespace = '', metricName = '', dimensions: Dimensions = {}): Sample[] {
    return this.metrics.get(keyOf(namespace, metricName, dimensions)) ?? [];
  }

  add(namespace: string, metricName: string, dimensions: Dimensions, sample: Sample): void {
    const samples = this.samples(namespace, metricName, dimensions);
    this.metrics.set(keyOf(namespace, metricName, dimensions), samples);
    samples.push(sample);
  }

  /** Metrics, samples, and values kept for percentiles. */
  storage(): { metrics: number; samples: number; values: number } {
    const all = [...this.metrics.values()].flat();
    return {
      metrics: this.metrics.size,
      samples: all.length,
      values: all.reduce((n, s) => n + (s.values?.length ?? 0), 0),
    };
  }

  putMetricData(input: Record<string, unknown>): Record<string, never> {
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
      const at = d.Timestamp === undefined ? this.clock.now().getTime() : toMs(d.Timestamp, 'Timestamp');
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

  getMetricData(input: Record<string, unknown>): unknown {
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

  /** ListMetrics: every metric with data, filtered by namespace, name and dimensions as given. */
  listMetrics(input: Record<string, unknown>): unknown {
    const { Namespace: ns, MetricName: name } = input as Partial<Record<string, string>>;
    const wanted = (input.Dimensions ?? []) as { Name: string; Value?: string }[];
    // `RecentlyActive: PT3H`, the only value AWS takes: metrics with a data point in the past three hours.
    if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H')
      throw invalid(`The value ${String(input.RecentlyActive)} for parameter RecentlyActive is not valid.`);
    const since = input.RecentlyActive ? this.clock.now().getTime() - 3 * 3_600_000 : undefined;
    const metrics = [...this.metrics.entries()]
      .filter(([, samples]) => since === undefined || samples.some((s) => s.at >= since))
      .map(([key]) => JSON.parse(key) as [string, string, [string, string][]])
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
}
