// How a candidate enters its endpoint: the first model creates it; otherwise beside the baseline at the first canary
// weight, or, when a serverless variant is involved, in the baseline's place at once.
import type { DeploymentConfig } from '../../config/deployment-schema';
import { configName } from '../names';
import { candidateSpec, canaryInstances } from './requests';
import type { ApprovedPackage, Deployment, VariantSpec } from './state';

/**
 * A serverless endpoint has exactly one production variant (Serverless Inference supports no second one, and
 * SageMaker's deployment guardrails do not apply to it), so there is no canary by weights: a serverless line, or a
 * line whose serving variant is still serverless, replaces the model all at once and judges it before/after.
 */
export const replacesAtOnce = (settings: DeploymentConfig, baseline: VariantSpec | undefined): boolean =>
  !!baseline && (!!settings.serverless || !!baseline.serverless);

export interface Entry {
  kind: Deployment['kind'];
  status: Deployment['status'];
  /** The candidate's weight once the config is in service. */
  weight: number;
  candidate: VariantSpec;
  config: string;
  variants: { spec: VariantSpec; weight: number }[];
}

export function entryOf(
  line: string,
  settings: DeploymentConfig,
  pkg: ApprovedPackage,
  id: string,
  baseline: VariantSpec | undefined,
): Entry {
  // The candidate alone: a config of its own, the one a promotion would have made, so keeping it makes none.
  const alone = (kind: Entry['kind'], status: Entry['status']): Entry => {
    const candidate = candidateSpec(line, settings, pkg);
    const config = configName(settings.endpointName, id, 'final');
    return { kind, status, weight: 100, candidate, config, variants: [{ spec: candidate, weight: 100 }] };
  };
  if (!baseline) return alone('create', 'creating');
  if (replacesAtOnce(settings, baseline)) return alone('replace', 'replacing');
  const weight = settings.canarySteps[0]!;
  const spec = candidateSpec(line, settings, pkg, canaryInstances(settings, weight, baseline));
  // The baseline may already go by v<version> (named by hand, or by a group made again whose versions count anew):
  // SageMaker refuses a config that names a variant twice, and the metrics of one name cannot tell the two apart.
  const candidate = spec.variant === baseline.variant ? { ...spec, variant: `${spec.variant}-${id}` } : spec;
  return {
    kind: 'canary',
    status: 'starting',
    weight,
    candidate,
    config: configName(settings.endpointName, id, 'canary'),
    variants: [
      { spec: baseline, weight: 100 - weight },
      { spec: candidate, weight },
    ],
  };
}
