// Synthetic traffic on the emulated endpoints: every virtual minute, each InService endpoint with a traffic spec
// sends its variants their share of requests by current weight, and what each variant serves is published into
// the CloudWatch emulator as SageMaker publishes it (traffic/variant-minute.ts).
import type { Clock } from './clock';
import { servedMinute, totalsOf, type ServedMinute } from './traffic/ledger';
import {
  packageKey,
  trafficSpecSchema,
  type Behaviour,
  type EndpointView,
  type TrafficSpec,
  type VariantView,
} from './traffic/spec';
import { type MetricSink, publishVariantMinute } from './traffic/variant-minute';

const MINUTE = 60_000;
/** Minutes recorded per timer callback before yielding to the rest of the cloud, when the clock outruns generation. */
const CATCH_UP = 5;

export interface TrafficOptions {
  clock: Clock;
  cloudwatch: MetricSink;
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
        const behaviour = this.behaviourOf(plan, variant);
        const counts = publishVariantMinute(this.opts.cloudwatch, this.random, {
          endpointName: endpoint.name,
          variant,
          rate,
          behaviour,
          minute,
        });
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
}
