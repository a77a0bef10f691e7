// What each endpoint was asked to serve, and what it served, on the virtual clock: the record the local cloud's
// summary reads to tell how a deployment went as the endpoint saw it, whatever Shepherd believes. Each variant's
// package is resolved when recorded: Shepherd deletes a model once no variant needs it.
import type { LiveVariant } from './endpoint-variants';
import type { EndpointOperation } from './endpoint-plan';

export interface HistoryVariant {
  variantName: string;
  modelName: string;
  /** the model package the model served when recorded, if any */
  packageArn?: string;
  weight: number;
}

/** From `at` on, the endpoint served these variants at these weights; none while it served nothing. */
export interface ServedChange {
  at: Date;
  variants: HistoryVariant[];
}

/** A call SageMaker accepted, at the time it was made, with the weights it asked for. */
export interface EndpointRequestRecord extends ServedChange {
  operation: EndpointOperation;
}

export interface EndpointHistoryView {
  endpoint: string;
  requests: EndpointRequestRecord[];
  served: ServedChange[];
}

// Updating and RollingBack endpoints keep serving their current variants; these serve nothing.
const NOT_SERVING = new Set(['Creating', 'Failed', 'Deleting', 'OutOfService']);

const same = (a: readonly HistoryVariant[], b: readonly HistoryVariant[]) =>
  a.length === b.length &&
  a.every((v, i) => {
    const w = b[i]!;
    return v.variantName === w.variantName && v.modelName === w.modelName && v.weight === w.weight;
  });

const copy = <T extends ServedChange>(c: T): T => ({
  ...c,
  at: new Date(c.at),
  variants: c.variants.map((v) => ({ ...v })),
});

export class EndpointHistory {
  private readonly byName = new Map<string, EndpointHistoryView>();

  constructor(private readonly packageOf: (modelName: string) => string | undefined) {}

  /** An accepted CreateEndpoint, UpdateEndpoint or UpdateEndpointWeightsAndCapacities, at its desired weights. */
  requested(endpoint: string, operation: EndpointOperation, at: number, variants: readonly LiveVariant[]): void {
    const asked = this.snapshot(variants, 'DesiredWeight');
    this.entry(endpoint).requests.push({ at: new Date(at), operation, variants: asked });
  }

  /** The endpoint moved to `status` at `at`; kept only when what it serves changed. */
  moved(endpoint: string, status: string, at: number, variants: readonly LiveVariant[]): void {
    const served = this.entry(endpoint).served;
    const now = NOT_SERVING.has(status) ? [] : this.snapshot(variants, 'CurrentWeight');
    const last = served.at(-1);
    if (last ? same(last.variants, now) : now.length === 0) return;
    served.push({ at: new Date(at), variants: now });
  }

  view(): EndpointHistoryView[] {
    return [...this.byName.values()].map((e) => ({ ...e, requests: e.requests.map(copy), served: e.served.map(copy) }));
  }

  private entry(endpoint: string): EndpointHistoryView {
    const key = endpoint.toLowerCase();
    const found = this.byName.get(key) ?? { endpoint, requests: [], served: [] };
    this.byName.set(key, found);
    return found;
  }

  private snapshot(variants: readonly LiveVariant[], weight: 'CurrentWeight' | 'DesiredWeight'): HistoryVariant[] {
    return variants.map((v) => {
      const packageArn = this.packageOf(v.ModelName);
      const pkg = packageArn !== undefined ? { packageArn } : {};
      return { variantName: v.VariantName, modelName: v.ModelName, ...pkg, weight: v[weight] };
    });
  }
}
