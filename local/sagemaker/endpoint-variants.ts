// The variants an endpoint serves (LiveVariant): what a config deploys — keeping, with RetainAllVariantProperties,
// what autoscaling or UpdateEndpointWeightsAndCapacities set — and their weights as the timeline shows them. Apart
// from the endpoint (endpoint.ts): the lifecycle, the weights and the history work on variants, not on endpoints.
import type { VariantSpec } from './variant-spec';

export interface DeployedImage {
  SpecifiedImage: string;
  ResolvedImage: string;
  ResolutionTime: number;
}

export interface LiveVariant {
  VariantName: string;
  ModelName: string;
  CurrentWeight: number;
  DesiredWeight: number;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
  InstanceType?: string;
  ServerlessConfig?: VariantSpec['ServerlessConfig'];
  DeployedImages: DeployedImage[];
}

/** `baseline=0.9 candidate=0.1`: the weights of `variants`, for the timeline. */
export const weightsLine = (
  variants: readonly LiveVariant[],
  of: 'CurrentWeight' | 'DesiredWeight' = 'CurrentWeight',
): string => variants.map((v) => `${v.VariantName}=${v[of]}`).join(' ');

/**
 * The variants a config deploys. With `retain` (RetainAllVariantProperties), a variant of the same name keeps
 * its current weight and instance count — what autoscaling or UpdateEndpointWeightsAndCapacities set — unless
 * ExcludeRetainedVariantProperties names the property.
 */
export function deployVariants(
  variants: readonly VariantSpec[],
  images: (model: string) => DeployedImage[],
  retain?: { current: readonly LiveVariant[]; exclude: ReadonlySet<string> },
): LiveVariant[] {
  return variants.map((v) => {
    const kept = retain?.current.find((x) => x.VariantName === v.VariantName);
    const weight = kept && !retain?.exclude.has('DesiredWeight') ? kept.CurrentWeight : v.InitialVariantWeight;
    const count =
      kept?.CurrentInstanceCount !== undefined && !retain?.exclude.has('DesiredInstanceCount')
        ? kept.CurrentInstanceCount
        : v.InitialInstanceCount;
    return {
      VariantName: v.VariantName,
      ModelName: v.ModelName,
      CurrentWeight: weight,
      DesiredWeight: weight,
      ...(v.ServerlessConfig
        ? { ServerlessConfig: { ...v.ServerlessConfig } }
        : { InstanceType: v.InstanceType ?? '', CurrentInstanceCount: count ?? 1, DesiredInstanceCount: count ?? 1 }),
      DeployedImages: images(v.ModelName),
    };
  });
}
