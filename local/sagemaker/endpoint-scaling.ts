// What SageMaker's endpoint operations ask of Application Auto Scaling's registry: apart from the operations
// (./endpoints.ts), since it is the one place the emulated SageMaker consults another emulated service.
import type { Endpoint } from './endpoint';
import type { EndpointConfig } from './endpoint-configs';
import { invalid } from './validation';

/** Application Auto Scaling's registry, as SageMaker's endpoint operations consult it. */
export interface ScalableTargets {
  /** UpdateEndpoint refuses to drop (or re-type) a variant that is a scalable target */
  hasScalableTarget?: (endpointName: string, variantName: string) => boolean;
  /** DeleteEndpoint deregisters the endpoint's scalable targets */
  deregisterScalableTargets?: (endpointName: string) => void;
}

/**
 * SageMaker refuses an update that removes, or changes the instance type of, a variant registered with Application
 * Auto Scaling: it must be deregistered first (Developer Guide, "Update endpoints that use auto scaling"). The
 * guide gives no message; this one is ours.
 */
export function refuseAutoscaledChange(scaling: ScalableTargets, e: Endpoint, next: EndpointConfig): void {
  const kind = (v: { InstanceType?: string }) => v.InstanceType ?? 'serverless';
  const blocked = e.variants
    .filter((v) => {
      const kept = next.variants.find((n) => n.VariantName === v.VariantName);
      return (!kept || kind(kept) !== kind(v)) && scaling.hasScalableTarget?.(e.name, v.VariantName);
    })
    .map((v) => v.VariantName);
  if (blocked.length) {
    throw invalid(
      `The production variant(s) [${blocked.join(', ')}] of endpoint "${e.arn}" ` +
        'are registered as Application Auto Scaling scalable targets: ' +
        'deregister them (DeregisterScalableTarget) before an update removes them or changes their instance type.',
    );
  }
}
