// Application Auto Scaling's requests for SageMaker endpoint variants, checked the way the service answers them:
// the service model's constraints first, all together, as one "N validation errors detected" ValidationException
// (the same front end as SageMaker's, so the same Checker), then the service's own rules, one message each.
// "Unsupported service namespace, resource type or scalable dimension" is AWS's wording; the other messages of
// this file are ours, since the API reference names the exceptions, not their text.
import { AwsError } from '../core';
import { pattern } from '../sagemaker/patterns';
import { Checker, invalid, type Json, type StringRule } from '../sagemaker/validation';

export const NAMESPACE = 'sagemaker';
/** An instance variant's scalable dimension. */
export const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
/** A serverless variant's only scalable dimension (its provisioned concurrency). */
export const PROVISIONED = 'sagemaker:variant:DesiredProvisionedConcurrency';
const NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
];
/** The predefined metrics that track each dimension: an instance count, or a serverless provisioned concurrency. */
export const VARIANT_METRICS = new Map<string, readonly string[]>([
  [DIMENSION, ['SageMakerVariantInvocationsPerInstance', 'SageMakerVariantConcurrentRequestsPerModelHighResolution']],
  [PROVISIONED, ['SageMakerVariantProvisionedConcurrencyUtilization']],
]);
const RESOURCE_ID: StringRule = {
  min: 1,
  max: 1600,
  pattern: pattern(
    '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*',
    '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}\\r\\n\\t]*',
  ),
};
const NAME = '[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}';
const VARIANT_ID = new RegExp(`^endpoint/(${NAME})/variant/(${NAME})$`);

const path = Checker.path;
export const unsupported = (): AwsError =>
  invalid('Unsupported service namespace, resource type or scalable dimension');

export interface TargetKey {
  namespace: string;
  resourceId: string;
  dimension: string;
}

export const namespaceOf = (c: Checker, input: Json): string => {
  c.required(input.ServiceNamespace, 'serviceNamespace');
  return c.string(input.ServiceNamespace, 'serviceNamespace', { enum: NAMESPACES }) ?? '';
};

/**
 * ServiceNamespace, ResourceId and ScalableDimension, all three required (Register, Deregister,
 * Put/DeleteScalingPolicy).
 */
export function targetKey(c: Checker, input: Json): TargetKey {
  const namespace = namespaceOf(c, input);
  c.required(input.ResourceId, 'resourceId');
  const resourceId = c.string(input.ResourceId, 'resourceId', RESOURCE_ID) ?? '';
  c.required(input.ScalableDimension, 'scalableDimension');
  const dimension = c.string(input.ScalableDimension, 'scalableDimension') ?? '';
  return { namespace, resourceId, dimension };
}

/** The endpoint and variant a key names, once the model's checks passed; only a variant's dimensions are taken. */
export function variantOf(key: TargetKey): { endpoint: string; variant: string } {
  if (key.namespace !== NAMESPACE)
    throw invalid(
      'The local cloud emulates Application Auto Scaling for SageMaker endpoint variants only, ' +
        `not service namespace ${key.namespace}.`,
    );
  const m = VARIANT_ID.exec(key.resourceId);
  if (!VARIANT_METRICS.has(key.dimension) || !m) throw unsupported();
  return { endpoint: m[1]!, variant: m[2]! };
}

/** MaxResults (1–`max`, default `max`, as the API reference gives them) and NextToken: the offset into the list. */
export function pageOf(c: Checker, input: Json, max: number): { offset: number; size: number } {
  const size = c.int(input.MaxResults, 'maxResults', { min: 1, max }) ?? max;
  const token = c.string(input.NextToken, 'nextToken', { max: 2048 });
  if (token === undefined) return { offset: 0, size };
  const m = /^local-page-(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m?.[1]) throw new AwsError('InvalidNextTokenException', 'The next token is invalid.');
  return { offset: Number(m[1]), size };
}

export function page<T>(items: readonly T[], at: { offset: number; size: number }): { items: T[]; NextToken?: string } {
  const end = at.offset + at.size;
  return {
    items: items.slice(at.offset, end),
    ...(end < items.length ? { NextToken: Buffer.from(`local-page-${end}`).toString('base64') } : {}),
  };
}

export const resourceIds = (c: Checker, value: unknown, p: string): string[] | undefined =>
  c.list(value, p)?.map((id, i) => c.string(id, path(p, i), RESOURCE_ID) ?? '');
