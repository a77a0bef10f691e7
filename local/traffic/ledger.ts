// What the synthetic traffic sent each variant, minute by minute, as the world counts it: the requests and 5XX
// the summary attributes to a deployment's candidate, apart from anything Shepherd or CloudWatch reports.
import type { VariantView } from './spec';

export interface ServedMinute {
  endpoint: string;
  variant: string;
  modelName: string;
  /** the model package the variant's model served that minute, if any */
  packageArn?: string;
  /** the variant's weight when the minute's requests were split, read once the minute had passed */
  weight: number;
  /** the start of the minute */
  minute: Date;
  requests: number;
  errors: number;
}

type Counts = Pick<ServedMinute, 'requests' | 'errors'>;

export function servedMinute(
  endpoint: string,
  v: VariantView,
  packageArn: string | undefined,
  minute: Date,
  counts: Counts,
): ServedMinute {
  const pkg = packageArn !== undefined ? { packageArn } : {};
  const { variantName: variant, modelName, currentWeight: weight } = v;
  return { endpoint, variant, modelName, ...pkg, weight, minute, ...counts };
}

/** Requests and errors by `endpoint/variant`. */
export function totalsOf(minutes: readonly ServedMinute[]): Record<string, Counts> {
  const totals: Record<string, Counts> = {};
  for (const m of minutes) {
    const seen = (totals[`${m.endpoint}/${m.variant}`] ??= { requests: 0, errors: 0 });
    seen.requests += m.requests;
    seen.errors += m.errors;
  }
  return totals;
}
