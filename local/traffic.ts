// Synthetic traffic on the emulated endpoints: every virtual minute, per-variant metrics recorded into the
// CloudWatch emulator as SageMaker publishes them, so the canary judge reads realistic data with GetMetricData.
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
import type { CloudWatchEmulator } from './cloudwatch';
import type { StatisticSet } from './cloudwatch/statistics';
import type { Clock } from './clock';
import { summarise } from './traffic/histogram';
import { servedMinute, totalsOf, type ServedMinute } from './traffic/ledger';
import { logNormal, normal, poisson } from './traffic/random';
import {
  packageKey,
  trafficSpecSchema,
  type Behaviour,
  type EndpointView,
  type TrafficSpec,
  type VariantView,
} from './traffic/spec';

const MINUTE = 60_000;
const SAGEMAKER = 'AWS/SageMaker';
const INSTANCES = '/aws/sagemaker/Endpoints';
/** ModelLatency's spread when a behaviour gives none: a fifth of its mean. */
const DEFAULT_JITTER = 0.2;
/** SageMaker's own share of a request, in milliseconds (mean, sd). */
const OVERHEAD_MS = [3, 1] as const;
/** Minutes recorded per timer callback before yielding to the rest of the cloud, when the clock outruns generation. */
const CATCH_UP = 5;

export interface TrafficOptions {
  clock: Clock;
  cloudwatch: Pick<CloudWatchEmulator, 'putDatum' | 'putStatistics'>;
  /** Live view of the SageMaker emulator. */
  endpoints: () => ReadonlyArray<EndpointView>;
  /** The model package ARN a model serves, if any. */
  packageOf: (modelName: string) => string | undefined;
  specs: TrafficSpec[];
  /** Uniform in [0, 1); pass `seededRandom(seed)` for repeatable runs. */
  random?: () => number;
}

interface Plan {
  spec: TrafficSpec;
  packages: Map<string, Behaviour>;
}
interface Counts {
  requests: number;
  errors: number;
}
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class TrafficGenerator {
  private readonly plans = new Map<string, Plan>();
  private readonly served: ServedMinute[] = [];
  private readonly random: () => number;
  private cursor = 0;
  private cancel: (() => void) | undefined;

  constructor(private readonly opts: TrafficOptions) {
    this.random = opts.random ?? Math.random;
    for (const raw of opts.specs) {
      const spec = trafficSpecSchema.parse(raw);
      if (this.plans.has(spec.endpoint)) throw new Error(`traffic for endpoint ${spec.endpoint} is specified twice`);
      const packages = new Map(Object.entries(spec.packages ?? {}).map(([key, b]) => [key.toLowerCase(), b]));
      this.plans.set(spec.endpoint, { spec, packages });
    }
  }

  /**
   * Records each virtual minute once it has passed, from the minute holding now. Late timers catch up, a few
   * minutes per callback; if the clock is faster than generation, the data stays right but arrives late.
   */
  start(): void {
    if (this.cancel) return;
    this.cursor = Math.floor(this.opts.clock.now().getTime() / MINUTE) * MINUTE;
    this.schedule();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** What it generated so far, by `endpoint/variant`. */
  totals(): Record<string, { requests: number; errors: number }> {
    return totalsOf(this.served);
  }

  /** What it sent each variant, per minute, in the order generated. */
  minutes(): ReadonlyArray<ServedMinute> {
    return this.served.map((m) => ({ ...m, minute: new Date(m.minute) }));
  }

  /**
   * Records one minute of traffic, stamped at the start of the minute holding `at`, against the endpoints as they
   * are now.
   */
  tick(at: Date): void {
    const minute = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
    for (const endpoint of this.opts.endpoints()) {
      const plan = this.plans.get(endpoint.name);
      if (!plan || endpoint.status !== 'InService') continue;
      const total = endpoint.variants.reduce((n, v) => n + Math.max(0, v.currentWeight), 0);
      for (const variant of endpoint.variants) {
        const share = total > 0 ? Math.max(0, variant.currentWeight) / total : 0;
        const rate = share * plan.spec.requestsPerMinute;
        const counts = this.variantMinute(endpoint.name, variant, rate, this.behaviourOf(plan, variant), minute);
        this.served.push(servedMinute(endpoint.name, variant, this.opts.packageOf(variant.modelName), minute, counts));
      }
    }
  }

  private schedule(): void {
    const delay = this.cursor + MINUTE - this.opts.clock.now().getTime();
    this.cancel = this.opts.clock.after(delay, () => {
      for (
        let n = 0;
        n < CATCH_UP && this.cursor + MINUTE <= this.opts.clock.now().getTime();
        n++, this.cursor += MINUTE
      ) {
        this.tick(new Date(this.cursor));
      }
      this.schedule();
    });
  }

  private behaviourOf(plan: Plan, variant: VariantView): Behaviour {
    const arn = this.opts.packageOf(variant.modelName);
    const key = arn === undefined ? undefined : packageKey(arn);
    return (key === undefined ? undefined : plan.packages.get(key)) ?? plan.spec.default;
  }

  private variantMinute(endpointName: string, variant: VariantView, rate: number, b: Behaviour, minute: Date): Counts {
    const dims = { EndpointName: endpointName, VariantName: variant.variantName };
    const put = (ns: string, metric: string, value: number, unit: string) =>
      this.opts.cloudwatch.putDatum(ns, metric, dims, minute, value, unit);
    const random = this.random;
    const requests = rate > 0 ? poisson(rate, random) : 0;
    const jitter = b.latencyJitterMs ?? b.latencyMs * DEFAULT_JITTER;
    const putSet = (metric: string, stats: StatisticSet, unit: string) =>
      this.opts.cloudwatch.putStatistics(SAGEMAKER, metric, dims, minute, stats, unit);
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
}
