// PutScalingPolicy's request, checked as Application Auto Scaling answers it: the service model's constraints on the
// policy's configuration, then the service's own rules for the target's dimension. Apart from the requests that name
// a scalable target (./requests.ts), since a policy's configuration is a language of its own. The service's rules'
// messages are ours: the API reference names the exceptions, not their text.
import { pattern } from '../sagemaker/patterns';
import { Checker, invalid, type Json, type StringRule } from '../sagemaker/validation';
import { NAMESPACE, VARIANT_METRICS } from './requests';

const POLICY_TYPES = ['StepScaling', 'TargetTrackingScaling', 'PredictiveScaling'];
const STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'];
const POLICY_NAME: StringRule = { min: 1, max: 256, pattern: pattern('\\p{Print}+', '[\\x20-\\x7E]+') };
const path = Checker.path;

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
