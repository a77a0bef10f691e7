// Requests in the SDK's own types (see ../sdk.ts), so adapters pass them through unchanged.
import type {
  CreateEndpointConfigInput,
  CreateModelInput,
  ProductionVariant,
  ProductionVariantInstanceType,
  UpdateEndpointWeightsAndCapacitiesInput,
} from '@aws-sdk/client-sagemaker';
import type { DeploymentConfig } from '../../config/deployment-schema';
import type { MonitoringConfig } from '../../config/monitoring-schema';
import { dataCaptureConfig } from '../monitoring/requests';
import { modelName, shortHash } from '../names';
import type { WithFields } from '../sdk';
import type { ApprovedPackage, VariantSpec } from './state';

export type ModelRequest = CreateModelInput;

export type ProductionVariantRequest = ProductionVariant;

/** A config always lists its variants: promotion and the tests read them back. */
export type EndpointConfigRequest = WithFields<CreateEndpointConfigInput, 'ProductionVariants'>;

/** The endpoint and the weights are read back to tell whether a late request is still wanted. */
export type WeightsRequest = WithFields<
  UpdateEndpointWeightsAndCapacitiesInput,
  'EndpointName' | 'DesiredWeightsAndCapacities'
>;

export const deploymentId = (endpoint: string, packageArn: string): string => shortHash(`${endpoint}|${packageArn}`, 6);
export const variantName = (pkg: ApprovedPackage): string => `v${pkg.version}`;

const tags = (line: string, pkg: ApprovedPackage) => [
  { Key: 'shepherd:model', Value: line },
  { Key: 'shepherd:modelPackageVersion', Value: String(pkg.version) },
];

/** Several containers are an inference pipeline: SageMaker runs them in order. */
export function modelRequest(line: string, settings: DeploymentConfig, pkg: ApprovedPackage): ModelRequest {
  return {
    ModelName: modelName(line, pkg),
    ExecutionRoleArn: settings.executionRoleArn,
    Containers: pkg.containers,
    ...(pkg.containers.length > 1 ? { InferenceExecutionConfig: { Mode: 'Serial' as const } } : {}),
    ...(settings.vpcConfig
      ? { VpcConfig: { SecurityGroupIds: settings.vpcConfig.securityGroupIds, Subnets: settings.vpcConfig.subnets } }
      : {}),
    EnableNetworkIsolation: settings.enableNetworkIsolation,
    Tags: tags(line, pkg),
  };
}

/** The candidate's variant as the config describes it, at `instanceCount` instances. */
export const candidateSpec = (
  line: string,
  settings: DeploymentConfig,
  pkg: ApprovedPackage,
  instanceCount = settings.instanceCount,
): VariantSpec => ({
  variant: variantName(pkg),
  model: modelName(line, pkg),
  instanceCount: settings.serverless ? 0 : instanceCount,
  ...(settings.instanceType && !settings.serverless ? { instanceType: settings.instanceType } : {}),
  ...(settings.serverless ? { serverless: settings.serverless } : {}),
});

// The config checks an instance type's form (ml.<family>.<size>); SageMaker checks that the type exists, including
// types newer than this SDK's list.
const productionVariant = (v: VariantSpec, weight: number): ProductionVariantRequest => ({
  VariantName: v.variant,
  ModelName: v.model,
  InitialVariantWeight: weight,
  ...(v.serverless
    ? { ServerlessConfig: { MemorySizeInMB: v.serverless.memorySizeInMB, MaxConcurrency: v.serverless.maxConcurrency } }
    : { InstanceType: v.instanceType as ProductionVariantInstanceType, InitialInstanceCount: v.instanceCount }),
});

export function endpointConfigRequest(
  name: string,
  line: string,
  settings: DeploymentConfig,
  pkg: ApprovedPackage,
  variants: { spec: VariantSpec; weight: number }[],
  capture?: MonitoringConfig['capture'],
): EndpointConfigRequest {
  const instancesOnly = variants.every((v) => !v.spec.serverless);
  return {
    EndpointConfigName: name,
    ProductionVariants: variants.map((v) => productionVariant(v.spec, v.weight)),
    ...(settings.kmsKeyId && instancesOnly ? { KmsKeyId: settings.kmsKeyId } : {}),
    // Capture cannot be switched on later without a new config, so every config of a monitored line carries it.
    ...(capture && instancesOnly ? { DataCaptureConfig: dataCaptureConfig(capture) } : {}),
    Tags: tags(line, pkg),
  };
}

/**
 * The fleet the candidate must be able to carry alone: what the baseline serves now (its autoscaling may have raised
 * it past the config's count; sized from the config, a 50 % candidate would be overloaded and rolled back unfairly),
 * never below the config's count, and no more than the baseline's autoscaling maximum, which it would scale in to.
 */
export const fleetSize = (settings: DeploymentConfig, baseline?: VariantSpec): number =>
  Math.max(settings.instanceCount, Math.min(baseline?.instanceCount ?? 0, baseline?.scaling?.maxCapacity ?? Infinity));

/** Candidate instances follow its share of traffic: a 10 % canary need not pay for the full fleet. */
export const canaryInstances = (settings: DeploymentConfig, weight: number, baseline?: VariantSpec): number =>
  Math.max(1, Math.ceil((fleetSize(settings, baseline) * weight) / 100));

/**
 * The baseline gets its weight only: its instance count is whatever it is now, which its autoscaling (registered
 * throughout the canary) may have raised since the canary started; DesiredInstanceCount is optional per variant.
 * The candidate's instances follow its weight, of the baseline's fleet as last observed (`baseline.instanceCount`).
 */
export function weightsRequest(
  endpoint: string,
  baseline: VariantSpec,
  candidate: VariantSpec,
  settings: DeploymentConfig,
  weight: number,
): WeightsRequest {
  const count = (v: VariantSpec, n: number) => (v.serverless ? {} : { DesiredInstanceCount: n });
  return {
    EndpointName: endpoint,
    DesiredWeightsAndCapacities: [
      { VariantName: baseline.variant, DesiredWeight: 100 - weight },
      {
        VariantName: candidate.variant,
        DesiredWeight: weight,
        ...count(candidate, weight === 0 ? candidate.instanceCount : canaryInstances(settings, weight, baseline)),
      },
    ],
  };
}
