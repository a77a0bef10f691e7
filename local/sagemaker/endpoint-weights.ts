// What UpdateEndpointWeightsAndCapacities does to an endpoint's variants: the desired values it records when asked
// and the current values they become once the change is made. Apart from the operation's timing (./endpoints.ts).
import type { Endpoint } from './endpoint';
import type { LiveVariant } from './endpoint-variants';
import type { Desired } from './endpoint-requests';
import { invalid } from './validation';

/** Records the desired weights and counts; a variant the endpoint's config does not have is refused, as on AWS. */
export function askWeights(e: Endpoint, desired: readonly Desired[]): void {
  const unknown = desired
    .filter((d) => !e.variants.some((v) => v.VariantName === d.VariantName))
    .map((d) => d.VariantName);
  if (unknown.length)
    throw invalid(
      `The variant name(s) [${unknown.join(', ')}] are not present in the endpoint configuration ${e.configName}.`,
    );
  for (const d of desired) {
    const v = e.variants.find((x) => x.VariantName === d.VariantName)!;
    if (d.DesiredWeight !== undefined) v.DesiredWeight = d.DesiredWeight;
    if (d.DesiredInstanceCount !== undefined && v.CurrentInstanceCount !== undefined)
      v.DesiredInstanceCount = d.DesiredInstanceCount;
  }
}

/** The change is made: each variant's current weight and count are what was desired. */
export function settleWeights(variants: LiveVariant[]): void {
  for (const v of variants)
    Object.assign(
      v,
      { CurrentWeight: v.DesiredWeight },
      v.DesiredInstanceCount !== undefined ? { CurrentInstanceCount: v.DesiredInstanceCount } : {},
    );
}
