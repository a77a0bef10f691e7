// Synthetic traffic on the emulated endpoints: every virtual minute, per-variant metrics recorded into the
// CloudWatch emulator as SageMaker publishes them, so the canary judge reads realistic data with GetMetricData.
//
// Datum semantics (the emulator keeps every putDatum as one sample, count 1):
// - Invocation5XXErrors, InvocationModelErrors: one datum per request, 1 if it failed else 0 — as SageMaker
//   records them — so Sum = errors, SampleCount = requests, Average = error rate, over any period. A single
//   per-minute datum could not give both Sum and Average.
// - Invocation4XXErrors: always 0 here, so one 0 per minute with requests gives the same Sum, Average, Minimum,
//   Maximum and percentiles (only SampleCount differs) at a fraction of the memory.
// - ModelLatency, OverheadLatency: one datum per request, in microseconds, so Average is request-weighted over
//   any period and Minimum, Maximum and percentiles (p50, p99) are right.
// - Invocations: one datum per minute holding the count: Sum = requests (its one meaningful statistic).
// - A minute without requests (weight 0, or a Poisson draw of 0) puts no SageMaker datum at all: SageMaker
//   publishes Invocations only when there are invocations, so such a period is missing, not zero.
// - CPUUtilization, MemoryUtilization (/aws/sagemaker/Endpoints): one datum per minute per variant with
//   instances, traffic or not, as the instances report even when idle.
// All datums of a minute are stamped at its start (SageMaker's 1-minute resolution).
// Cost: about 1 KB of emulator memory and 10 µs per request (1000 requests/minute × 6 h ≈ 350 MB); a
// statistic-set put on the emulator would make it constant per minute.
import type { CloudWatchEmulator } from './cloudwatch';
import type { Clock } from './core';
import { logNormal, normal, poisson } from './traffic/random';
import { packageKey, trafficSpecSchema, type Behaviour, type EndpointView, type TrafficSpec, type VariantView } from './traffic/spec';

export { logNormal, normal, poisson, seededRandom } from './traffic/random';
export { packageKey, parseTrafficSpec, trafficSpecSchema, type Behaviour, type EndpointView, type TrafficSpec, type VariantView } from './traffic/spec';

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
  cloudwatch: Pick<CloudWatchEmulator, 'putDatum'>;
  /** Live view of the SageMaker emulator. */
  endpoints: () => ReadonlyArray<EndpointView>;
  /** The model package ARN a model serves, if any. */
  packageOf: (modelName: string) => string | undefined;
  specs: TrafficSpec[];
  /** Uniform in [0, 1); pass `seededRandom(seed)` for repeatable runs. */
  random?: () => number;
}

interface Plan { spec: TrafficSpec; packages: Map<string, Behaviour> }
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export class TrafficGenerator {
  private readonly plans = new Map<string, Plan>();
  private readonly counts: Record<string, { requests: number; errors: number }> = {};
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
    return Object.fromEntries(Object.entries(this.counts).map(([k, v]) => [k, { ...v }]));
  }

  /** Records one minute of traffic, stamped at the start of the minute holding `at`, against the endpoints as they are now. */
  tick(at: Date): void {
    const minute = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE);
    for (const endpoint of this.opts.endpoints()) {
      const plan = this.plans.get(endpoint.name);
      if (!plan || endpoint.status !== 'InService') continue;
      const total = endpoint.variants.reduce((n, v) => n + Math.max(0, v.currentWeight), 0);
      for (const variant of endpoint.variants) {
        const share = total > 0 ? Math.max(0, variant.currentWeight) / total : 0;
        this.variantMinute(endpoint.name, variant, share * plan.spec.requestsPerMinute, this.behaviourOf(plan, variant), minute);
      }
    }
  }

  private schedule(): void {
    const delay = this.cursor + MINUTE - this.opts.clock.now().getTime();
    this.cancel = this.opts.clock.after(delay, () => {
      for (let n = 0; n < CATCH_UP && this.cursor + MINUTE <= this.opts.clock.now().getTime(); n++, this.cursor += MINUTE) {
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

  private variantMinute(endpointName: string, variant: VariantView, rate: number, b: Behaviour, minute: Date): void {
    const dims = { EndpointName: endpointName, VariantName: variant.variantName };
    const put = (ns: string, metric: string, value: number, unit: string) => this.opts.cloudwatch.putDatum(ns, metric, dims, minute, value, unit);
    const random = this.random;
    const requests = rate > 0 ? poisson(rate, random) : 0;
    const jitter = b.latencyJitterMs ?? b.latencyMs * DEFAULT_JITTER;
    let errors = 0;
    let busyMs = 0;
    for (let i = 0; i < requests; i++) {
      const failed = random() < b.errorRate ? 1 : 0;
      const latencyMs = logNormal(b.latencyMs, jitter, random);
      errors += failed;
      busyMs += latencyMs;
      put(SAGEMAKER, 'Invocation5XXErrors', failed, 'None');
      put(SAGEMAKER, 'InvocationModelErrors', failed, 'None');
      put(SAGEMAKER, 'ModelLatency', Math.round(latencyMs * 1000), 'Microseconds');
      put(SAGEMAKER, 'OverheadLatency', Math.round(logNormal(OVERHEAD_MS[0], OVERHEAD_MS[1], random) * 1000), 'Microseconds');
    }
    if (requests > 0) {
      put(SAGEMAKER, 'Invocations', requests, 'None');
      put(SAGEMAKER, 'Invocation4XXErrors', 0, 'None');
    }
    const key = `${endpointName}/${variant.variantName}`;
    const seen = (this.counts[key] ??= { requests: 0, errors: 0 });
    seen.requests += requests;
    seen.errors += errors;
    if (variant.instanceCount <= 0) return;
    // One request keeps a core busy for its latency; instances share the variant's requests evenly.
    const load = busyMs / (MINUTE * variant.instanceCount);
    put(INSTANCES, 'CPUUtilization', clamp(2 + 100 * load + 0.5 * normal(random), 0, 100), 'Percent');
    put(INSTANCES, 'MemoryUtilization', clamp(30 + 10 * Math.min(load, 1) + 0.5 * normal(random), 0, 100), 'Percent');
  }
}
