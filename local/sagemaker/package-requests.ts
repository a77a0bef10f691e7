// CreateModelPackage's and UpdateModelPackage's requests, checked against the service model into a Checker: what
// a version is registered with, and what an edit changes. Apart from the registry (registry.ts), which numbers,
// finds and changes the versions themselves.
import { APPROVAL } from './packages';
import { type Checker, P, type Json } from './validation';

const METADATA = {
  min: 1,
  max: 50,
  key: { min: 1, max: 128, pattern: P.metadataKey },
  value: { min: 1, max: 256, pattern: P.metadataValue },
};

export interface CreatePackageRequest {
  description?: string;
  approval: string;
  token?: string;
  metadata: Record<string, string>;
  tags: { Key: string; Value: string }[];
  inference?: Json;
  /** the members kept as given, for DescribeModelPackage */
  extra: Json;
}

/** CreateModelPackage's members other than ModelPackageGroupName, checked into `c` (not yet thrown). */
export function createPackageRequest(c: Checker, input: Json): CreatePackageRequest {
  c.string(input.ModelPackageName, 'modelPackageName', { min: 1, max: 63, pattern: P.entityName });
  const description = c.string(input.ModelPackageDescription, 'modelPackageDescription', {
    max: 1024,
    pattern: P.description,
  });
  const approval =
    c.string(input.ModelApprovalStatus, 'modelApprovalStatus', { enum: APPROVAL }) ?? 'PendingManualApproval';
  const token = c.string(input.ClientToken, 'clientToken', { min: 1, max: 36, pattern: P.clientToken });
  const metadata = c.map(input.CustomerMetadataProperties, 'customerMetadataProperties', METADATA) ?? {};
  const tags = c.tags(input.Tags);
  const inference = c.struct(input.InferenceSpecification, 'inferenceSpecification');
  if (inference && c.required(inference.Containers, 'inferenceSpecification.containers'))
    c.list(inference.Containers, 'inferenceSpecification.containers', { min: 1, max: 15 });
  const extra = Object.fromEntries(
    ['MetadataProperties', 'ModelMetrics', 'Domain', 'Task', 'SamplePayloadUrl']
      .filter((k) => input[k] !== undefined)
      .map((k) => [k, input[k]]),
  );
  return {
    approval,
    metadata,
    tags,
    extra,
    ...(description !== undefined ? { description } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(inference ? { inference } : {}),
  };
}

export interface UpdatePackageRequest {
  packageArn: string;
  approval?: string;
  note?: string;
  metadata?: Record<string, string>;
  /** CustomerMetadataPropertiesToRemove */
  remove: string[];
}

/** UpdateModelPackage's request, checked into `c`, which throws what it found. */
export function updatePackageRequest(c: Checker, input: Json): UpdatePackageRequest {
  c.required(input.ModelPackageArn, 'modelPackageArn');
  const packageArn =
    c.string(input.ModelPackageArn, 'modelPackageArn', { min: 1, max: 2048, pattern: P.modelPackageArn }) ?? '';
  const approval = c.string(input.ModelApprovalStatus, 'modelApprovalStatus', { enum: APPROVAL });
  const note = c.string(input.ApprovalDescription, 'approvalDescription', { max: 1024, pattern: P.anyLine });
  const metadata = c.map(input.CustomerMetadataProperties, 'customerMetadataProperties', METADATA);
  const remove = (c.list(input.CustomerMetadataPropertiesToRemove, 'customerMetadataPropertiesToRemove') ?? []).map(
    String,
  );
  c.string(input.ClientToken, 'clientToken', { min: 1, max: 36, pattern: P.clientToken });
  c.done();
  return {
    packageArn,
    remove,
    ...(approval !== undefined ? { approval } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  };
}
