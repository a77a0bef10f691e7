// Request shapes use the SageMaker API's field names so adapters pass them through unchanged.
import type { DeploymentConfig } from '../../config/deployment-schema';
import { boundedName, shortHash } from '../names';
import type { ApprovedPackage, VariantSpec } from './state';

export interface ModelRequest {
  ModelName: string;
  ExecutionRoleArn: string;
  Containers: { Image: string; ModelDataUrl?: string; Environment?: Record<string, string> }[];
  InferenceExecutionConfig?: { Mode: 'Serial' };
  VpcConfig?: { SecurityGroupIds: string[]; Subnets: string[] };
  EnableNetworkIsolation: boolean;
  Tags: { Key: string; Value: string }[];
}

export interface ProductionVariantRequest {
  VariantName: string;
  ModelName: string;
  InitialVariantWeight: number;
  InstanceType?: string;
  InitialInstanceCount?: number;
  ServerlessConfig?: { MemorySizeInMB: number; MaxConcurrency: number };
}

export interface EndpointConfigRequest {
  EndpointConfigName: string;
  ProductionVariants: ProductionVariantRequest[];
  KmsKeyId?: string;
  Tags: { Key: string; Value: string }[];
}

export interface WeightsRequest {
  EndpointName: string;
  DesiredWeightsAndCapacities: { VariantName: string; DesiredWeight: number; DesiredInstanceCount?: number }[];
}

export const deploymentId = (endpoint: string, packageArn: string): string => shortHash(`${endpoint}|${packageArn}`, 6);
export const modelName = (line: string, pkg: ApprovedPackage): string => boundedName(line, `v${pkg.version}-${shortHash(pkg.arn, 6)}`);
export const configName = (endpoint: string, id: string, purpose: 'canary' | 'final'): string => boundedName(endpoint, `${id}-${purpose}`);
export const variantName = (pkg: ApprovedPackage): string => `v${pkg.version}`;

const tags = (line: string, pkg: ApprovedPackage) => [
  { Key: 'shepherd:model', Value: line },
  { Key: 'shepherd:modelPackageVersion', Value: String(pkg.version) },
];

/** Several containers are an inference pipeline: SageMaker runs them in order. */
export function modelRequest(line: string, d: DeploymentConfig, pkg: ApprovedPackage): ModelRequest {
  return {
    ModelName: modelName(line, pkg),
    ExecutionRoleArn: d.executionRoleArn,
    Containers: pkg.containers,
    ...(pkg.containers.length > 1 ? { InferenceExecutionConfig: { Mode: 'Serial' as const } } : {}),
    ...(d.vpcConfig ? { VpcConfig: { SecurityGroupIds: d.vpcConfig.securityGroupIds, Subnets: d.vpcConfig.subnets } } : {}),
    EnableNetworkIsolation: d.enableNetworkIsolation,
    Tags: tags(line, pkg),
  };
}

/** The candidate's variant as the config describes it, at `instanceCount` instances. */
export const candidateSpec = (line: string, d: DeploymentConfig, pkg: ApprovedPackage, instanceCount = d.instanceCount): VariantSpec => ({
  variant: variantName(pkg),
  model: modelName(line, pkg),
  instanceCount: d.serverless ? 0 : instanceCount,
  ...(d.instanceType && !d.serverless ? { instanceType: d.instanceType } : {}),
  ...(d.serverless ? { serverless: d.serverless } : {}),
});

const productionVariant = (v: VariantSpec, weight: number): ProductionVariantRequest => ({
  VariantName: v.variant,
  ModelName: v.model,
  InitialVariantWeight: weight,
  ...(v.serverless
    ? { ServerlessConfig: { MemorySizeInMB: v.serverless.memorySizeInMB, MaxConcurrency: v.serverless.maxConcurrency } }
    : { InstanceType: v.instanceType!, InitialInstanceCount: v.instanceCount }),
});

export function endpointConfigRequest(name: string, line: string, d: DeploymentConfig, pkg: ApprovedPackage, variants: { spec: VariantSpec; weight: number }[]): EndpointConfigRequest {
  return {
    EndpointConfigName: name,
    ProductionVariants: variants.map((v) => productionVariant(v.spec, v.weight)),
    ...(d.kmsKeyId && variants.every((v) => !v.spec.serverless) ? { KmsKeyId: d.kmsKeyId } : {}),
    Tags: tags(line, pkg),
  };
}

/** Candidate instances follow its share of traffic: a 10 % canary need not pay for the full fleet. */
export const canaryInstances = (d: DeploymentConfig, weight: number): number => Math.max(1, Math.ceil((d.instanceCount * weight) / 100));

export function weightsRequest(endpoint: string, baseline: VariantSpec, candidate: VariantSpec, d: DeploymentConfig, weight: number): WeightsRequest {
  const count = (v: VariantSpec, n: number) => (v.serverless ? {} : { DesiredInstanceCount: n });
  return {
    EndpointName: endpoint,
    DesiredWeightsAndCapacities: [
      { VariantName: baseline.variant, DesiredWeight: 100 - weight, ...count(baseline, baseline.instanceCount) },
      { VariantName: candidate.variant, DesiredWeight: weight, ...count(candidate, weight === 0 ? candidate.instanceCount : canaryInstances(d, weight)) },
    ],
  };
}
