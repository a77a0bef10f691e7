// One minute of synthetic requests to one endpoint variant, published into the CloudWatch emulator as SageMaker
// publishes its per-variant metrics, so the canary judge reads realistic data with GetMetricData.
//
// Datum semantics: per variant and minute, one statistic set per metric (CloudWatchEmulator.putStatistics)
// summarising the minute's requests, so Sum, SampleCount, Average, Minimum and Maximum over any period are
// exactly those of one datum per request, as SageMaker records them:
// - Invocation5XXErrors, InvocationModelErrors: a set of the requests' 1 (failed) or 0, with Values [0, 1] and
//   their Counts: Sum = errors, SampleCount = requests, Average = error rate; percentiles exact too.
// - Invocation4XXErrors: always 0 here: a set of `requests` zeros.
// - ModelLatency, OverheadLatency: the requests' latencies in microseconds, with a histogram of at most 50
//   buckets in Values/Counts (traffic/histogram.ts): Average request-weighted, Minimum and Maximum exact, and
//   percentiles (p50, p90, p99) within a bucket's spread, about 3 %, of the per-request ones.
// - Invocations: one datum per minute holding the count: Sum = requests (its one meaningful statistic).
// - A minute without requests (weight 0, or a Poisson draw of 0) puts no SageMaker datum at all: SageMaker
//   publishes Invocations only when there are invocations, so such a period is missing, not zero.
// - CPUUtilization, MemoryUtilization (/aws/sagemaker/Endpoints): one datum per minute per variant with
//   instances, traffic or not, as the instances report even when idle.
// All datums of a minute are stamped at its start (SageMaker's 1-minute resolution).
// Cost: emulator memory is constant per variant and minute (8 samples, at most ~110 values), whatever the rate;
// time is a few random draws per request.
import type { CloudWatchEmulator } from '../cloudwatch';
import type { StatisticSet } from '../cloudwatch/statistics';
import { summarise } from './histogram';
import { logNormal, normal, poisson } from './random';
import type { Behaviour, VariantView } from './spec';

const MINUTE = 60_000;
const SAGEMAKER = 'AWS/SageMaker';
const INSTANCES = '/aws/sagemaker/Endpoints';
/** ModelLatency's spread when a behaviour gives none: a fifth of its mean. */
const DEFAULT_JITTER = 0.2;
/** SageMaker's own share of a request, in milliseconds (mean, sd). */
const OVERHEAD_MS = [3, 1] as const;

export type MetricSink = Pick<CloudWatchEmulator, 'putDatum' | 'putStatistics'>;

export interface Counts {
  requests: number;
  errors: number;
}
/** Who is served, how many requests a minute (a mean), how they go, and the minute's start. */
export interface VariantMinute {
  endpointName: string;
  variant: VariantView;
  rate: number;
  behaviour: Behaviour;
  minute: Date;
}
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Publishes the minute's metrics of `variant` at `rate` requests a minute (a Poisson draw) behaving as `b`, stamped
 * at `minute`, and returns what it served.
 */
export function publishVariantMinute(
  cloudwatch: MetricSink,
  random: () => number,
  { endpointName, variant, rate, behaviour: b, minute }: VariantMinute,
): Counts {
  const dims = { EndpointName: endpointName, VariantName: variant.variantName };
  const put = (ns: string, metric: string, value: number, unit: string) =>
    cloudwatch.putDatum(ns, metric, dims, minute, value, unit);
  const requests = rate > 0 ? poisson(rate, random) : 0;
  const jitter = b.latencyJitterMs ?? b.latencyMs * DEFAULT_JITTER;
  const putSet = (metric: string, stats: StatisticSet, unit: string) =>
    cloudwatch.putStatistics(SAGEMAKER, metric, dims, minute, stats, unit);
  // Per request, in this order: failed?, ModelLatency, OverheadLatency — the same draws whatever is recorded.
  const [modelUs, overheadUs] = [new Float64Array(requests), new Float64Array(requests)];
  let errors = 0;
  let busyMs = 0;
  for (let i = 0; i < requests; i++) {
    errors += random() < b.errorRate ? 1 : 0;
    const latencyMs = logNormal(b.latencyMs, jitter, random);
    busyMs += latencyMs;
    modelUs[i] = Math.round(latencyMs * 1000);
    overheadUs[i] = Math.round(logNormal(OVERHEAD_MS[0], OVERHEAD_MS[1], random) * 1000);
  }
  if (requests > 0) {
    const failures = {
      sampleCount: requests,
      sum: errors,
      minimum: errors === requests ? 1 : 0,
      maximum: errors > 0 ? 1 : 0,
      values: [0, 1],
      counts: [requests - errors, errors],
    };
    putSet('Invocation5XXErrors', failures, 'None');
    putSet('InvocationModelErrors', failures, 'None');
    putSet('ModelLatency', summarise(modelUs)!, 'Microseconds');
    putSet('OverheadLatency', summarise(overheadUs)!, 'Microseconds');
    put(SAGEMAKER, 'Invocations', requests, 'None');
    putSet('Invocation4XXErrors', { sampleCount: requests, sum: 0, minimum: 0, maximum: 0 }, 'None');
  }
  if (variant.instanceCount <= 0) return { requests, errors };
  // One request keeps a core busy for its latency; instances share the variant's requests evenly.
  const load = busyMs / (MINUTE * variant.instanceCount);
  put(INSTANCES, 'CPUUtilization', clamp(2 + 100 * load + 0.5 * normal(random), 0, 100), 'Percent');
  put(INSTANCES, 'MemoryUtilization', clamp(30 + 10 * Math.min(load, 1) + 0.5 * normal(random), 0, 100), 'Percent');
  return { requests, errors };
}
