// A baseline's autoscaling as it can be carried to the variant that replaces it (docs/aws-sagemaker.md, "What of a
// variant's autoscaling can follow its replacement"). Target tracking carries: Application Auto Scaling makes its
// alarms from the policy, so a customised metric naming the baseline is rewritten to name the candidate. Step scaling
// does not: only CloudWatch alarms its owner made trigger it, and they watch the baseline and name its policy.
import type { VariantScaling } from './state';

type Policy = VariantScaling['policies'][number];

export interface CarriedScaling {
  scaling: VariantScaling;
  /** What is not carried, said to whoever owns the scaling. */
  left: string[];
}

interface Dimension {
  Name?: unknown;
  Value?: unknown;
}

const renamed = (dimensions: unknown, from: string, to: string): unknown =>
  Array.isArray(dimensions)
    ? dimensions.map((d: Dimension) => (d?.Name === 'VariantName' && d.Value === from ? { ...d, Value: to } : d))
    : dimensions;

/** A customised metric, in either form (one metric, or metric math over several), measuring `to` for `from`. */
function retargeted(custom: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const metrics = custom.Metrics;
  return {
    ...custom,
    ...(custom.Dimensions ? { Dimensions: renamed(custom.Dimensions, from, to) } : {}),
    ...(Array.isArray(metrics)
      ? {
          Metrics: metrics.map((m) => {
            const metric = m?.MetricStat?.Metric;
            if (!metric) return m;
            const Dimensions = renamed(metric.Dimensions, from, to);
            return { ...m, MetricStat: { ...m.MetricStat, Metric: { ...metric, Dimensions } } };
          }),
        }
      : {}),
  };
}

function tracking(policy: Policy, from: string, to: string): Policy {
  const config = policy.TargetTrackingScalingPolicyConfiguration;
  const custom = config?.CustomizedMetricSpecification as Record<string, unknown> | undefined;
  if (!config || !custom) return policy;
  return {
    ...policy,
    TargetTrackingScalingPolicyConfiguration: {
      ...config,
      CustomizedMetricSpecification: retargeted(custom, from, to),
    },
  };
}

const isStep = (p: Policy): boolean => p.PolicyType === 'StepScaling';

/** `step scaling burst-out (alarms churn-prod-v1-burst)`: a step policy as its owner knows it. */
const stepPolicyNamed = (p: Policy): string =>
  `step scaling ${p.PolicyName}${p.alarms?.length ? ` (alarms ${p.alarms.join(', ')})` : ''}`;

/** The step policies of `scaling`, registered on `from`, that `to` will not have: one line each. */
export const stepsNotCarried = (scaling: VariantScaling, from: string, to: string): string[] =>
  scaling.policies.filter(isStep).map((p) => `${stepPolicyNamed(p)} not carried to ${to}: its alarms watch ${from}`);

/**
 * The step policies of `scaling` that lose their trigger when `variant`'s scalable target is deregistered and then
 * registered again with them: deregistering deletes the policies, deleting a step policy deletes its alarms'
 * action (not the alarms), and PutScalingPolicy re-creates it under a new ARN that no alarm names
 * (docs/aws-sagemaker.md, "A step policy registered again has no alarm"). One line each.
 */
export const stepsWithoutAlarms = (scaling: VariantScaling, variant: string): string[] =>
  scaling.policies
    .filter((p) => isStep(p) && p.alarms?.length)
    .map(
      (p) =>
        `${stepPolicyNamed(p)} re-created on ${variant} without its alarms' action: ` +
        `point them at the new ${p.PolicyName} by hand`,
    );

/** `scaling`, registered on `from`, as `to` should have it, and what cannot go with it. */
export function carriedScaling(scaling: VariantScaling, from: string, to: string): CarriedScaling {
  const policies = scaling.policies.filter((p) => !isStep(p)).map((p) => tracking(p, from, to));
  return { scaling: { ...scaling, policies }, left: stepsNotCarried(scaling, from, to) };
}
