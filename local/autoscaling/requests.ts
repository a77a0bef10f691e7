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
const POLICY_TYPES = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'];
/** The predefined metrics that track each dimension: an instance count, or a serverless provisioned concurrency. */
const VARIANT_METRICS = new Map<string, readonly string[]>([
  [DIMENSION, ['SageMakerVariantInvocationsPerInstance', 'SageMakerVariantConcurrentRequestsPerModelHighResolution']],
  [PROVISIONED, ['SageMakerVariantProvisionedConcurrencyUtilization']],
]);
const STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'];
const RESOURCE_ID: StringRule = {
  min: 1,
  max: 1600,
  pattern: pattern(
    '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*',
    '[\\u0020-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}\\r\\n\\t]*',
  ),
};
const POLICY_NAME: StringRule = { min: 1, max: 256, pattern: pattern('\\p{Print}+', '[\\x20-\\x7E]+') };
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

export interface PolicyRequest {
  name: string;
  type: 'StepScaling' | 'TargetTrackingScaling';
  /** the configuration of that type, as given */
  config: Json;
  /** `SageMakerVariantInvocationsPerInstance → 70`, for the timeline */
  summary: string;
}

/** PutScalingPolicy's name, type (StepScaling when absent, as AWS defaults) and the configuration that type needs. */
export function policyRequest(c: Checker, input: Json, dimension: string): PolicyRequest {
  c.required(input.PolicyName, 'policyName');
  const name = c.string(input.PolicyName, 'policyName', POLICY_NAME) ?? '';
  const type = c.string(input.PolicyType, 'policyType', { enum: POLICY_TYPES }) ?? 'StepScaling';
  const tracking = c.struct(input.TargetTrackingScalingPolicyConfiguration, 'targetTrackingScalingPolicyConfiguration');
  const step = c.struct(input.StepScalingPolicyConfiguration, 'stepScalingPolicyConfiguration');
  if (tracking) trackingConfig(c, tracking, 'targetTrackingScalingPolicyConfiguration');
  if (step) stepConfig(c, step, 'stepScalingPolicyConfiguration');
  c.done();
  if (type === 'TargetTrackingScaling') {
    if (!tracking)
      throw invalid('TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling.');
    return { name, type, config: structuredClone(tracking), summary: trackingSummary(tracking, dimension) };
  }
  if (type === 'StepScaling') {
    if (!step?.AdjustmentType || !Array.isArray(step.StepAdjustments) || step.StepAdjustments.length === 0) {
      throw invalid(
        'StepScalingPolicyConfiguration with an AdjustmentType and at least one StepAdjustment ' +
          'is required for a policy of type StepScaling.',
      );
    }
    return {
      name,
      type,
      config: structuredClone(step),
      summary: `${String(step.AdjustmentType)} ×${step.StepAdjustments.length}`,
    };
  }
  throw invalid(`Policy type ${type} is not supported for service namespace ${NAMESPACE}.`);
}

function trackingConfig(c: Checker, t: Json, p: string): void {
  c.required(t.TargetValue, path(p, 'TargetValue'));
  c.number(t.TargetValue, path(p, 'TargetValue'));
  c.int(t.ScaleInCooldown, path(p, 'ScaleInCooldown'), { min: 0 });
  c.int(t.ScaleOutCooldown, path(p, 'ScaleOutCooldown'), { min: 0 });
  c.bool(t.DisableScaleIn, path(p, 'DisableScaleIn'));
  const predefined = c.struct(t.PredefinedMetricSpecification, path(p, 'PredefinedMetricSpecification'));
  if (predefined) {
    const q = path(p, 'PredefinedMetricSpecification');
    c.required(predefined.PredefinedMetricType, path(q, 'PredefinedMetricType'));
    c.string(predefined.PredefinedMetricType, path(q, 'PredefinedMetricType'));
    c.string(predefined.ResourceLabel, path(q, 'ResourceLabel'), { min: 1, max: 1023 });
  }
  const custom = c.struct(t.CustomizedMetricSpecification, path(p, 'CustomizedMetricSpecification'));
  if (custom)
    c.string(custom.Statistic, path(path(p, 'CustomizedMetricSpecification'), 'Statistic'), { enum: STATISTICS });
}

/** The service's rules once the model's passed: one metric, and one that tracks the target's dimension. */
function trackingSummary(t: Json, dimension: string): string {
  const predefined = t.PredefinedMetricSpecification as Json | undefined;
  const custom = t.CustomizedMetricSpecification as Json | undefined;
  if (!predefined === !custom)
    throw invalid(
      'A target tracking scaling policy needs exactly one of ' +
        'PredefinedMetricSpecification and CustomizedMetricSpecification.',
    );
  const metrics = VARIANT_METRICS.get(dimension);
  const type = String(predefined?.PredefinedMetricType);
  if (predefined && metrics && !metrics.includes(type)) {
    throw invalid(`Predefined metric type ${type} does not apply to scalable dimension ${dimension}.`);
  }
  if (custom && !Array.isArray(custom.Metrics) && !(custom.MetricName && custom.Namespace && custom.Statistic)) {
    throw invalid('CustomizedMetricSpecification needs either Metrics or MetricName, Namespace and Statistic.');
  }
  const metric = predefined
    ? String(predefined.PredefinedMetricType)
    : custom?.MetricName
      ? `${String(custom.Namespace)}/${String(custom.MetricName)}`
      : 'metric math';
  return `${metric} → ${String(t.TargetValue)}`;
}

function stepConfig(c: Checker, s: Json, p: string): void {
  c.string(s.AdjustmentType, path(p, 'AdjustmentType'), {
    enum: ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'],
  });
  c.string(s.MetricAggregationType, path(p, 'MetricAggregationType'), { enum: ['Average', 'Minimum', 'Maximum'] });
  c.int(s.Cooldown, path(p, 'Cooldown'));
  c.int(s.MinAdjustmentMagnitude, path(p, 'MinAdjustmentMagnitude'));
  (c.list(s.StepAdjustments, path(p, 'StepAdjustments')) ?? []).forEach((a, i) => {
    const q = path(path(p, 'StepAdjustments'), i);
    const adjustment = c.struct(a, q) ?? {};
    c.required(adjustment.ScalingAdjustment, path(q, 'ScalingAdjustment'));
    c.int(adjustment.ScalingAdjustment, path(q, 'ScalingAdjustment'));
    c.number(adjustment.MetricIntervalLowerBound, path(q, 'MetricIntervalLowerBound'));
    c.number(adjustment.MetricIntervalUpperBound, path(q, 'MetricIntervalUpperBound'));
  });
}
