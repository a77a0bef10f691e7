// A production variant's autoscaling (Application Auto Scaling), carried over when a canary replaces it.
import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  ObjectNotFoundException,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
  type PutScalingPolicyCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import type { VariantScaling } from '../domain/deployment/state';

const NAMESPACE = 'sagemaker';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const resourceId = (endpoint: string, variant: string) => `endpoint/${endpoint}/variant/${variant}`;

export class AutoScalingAdapter {
  constructor(private readonly client: ApplicationAutoScalingClient) {}

  /** The variant's scalable target and policies, or undefined when it does not scale. */
  async variantScaling(endpoint: string, variant: string): Promise<VariantScaling | undefined> {
    const ResourceId = resourceId(endpoint, variant);
    const targets = await this.client.send(
      new DescribeScalableTargetsCommand({
        ServiceNamespace: NAMESPACE,
        ResourceIds: [ResourceId],
        ScalableDimension: DIMENSION,
      }),
    );
    const target = targets.ScalableTargets?.[0];
    if (!target) return undefined;
    const policies = await this.client.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: NAMESPACE, ResourceId, ScalableDimension: DIMENSION }),
    );
    return {
      minCapacity: target.MinCapacity ?? 1,
      maxCapacity: target.MaxCapacity ?? 1,
      policies: (policies.ScalingPolicies ?? []).map((p) => ({
        PolicyName: p.PolicyName ?? 'policy',
        PolicyType: p.PolicyType ?? 'TargetTrackingScaling',
        ...(p.TargetTrackingScalingPolicyConfiguration
          ? {
              TargetTrackingScalingPolicyConfiguration: JSON.parse(
                JSON.stringify(p.TargetTrackingScalingPolicyConfiguration),
              ),
            }
          : {}),
        ...(p.StepScalingPolicyConfiguration
          ? { StepScalingPolicyConfiguration: JSON.parse(JSON.stringify(p.StepScalingPolicyConfiguration)) }
          : {}),
        // A step policy fires only from its owner's alarms, which a promotion cannot carry: named in its report.
        ...(p.PolicyType === 'StepScaling' && p.Alarms?.length
          ? { alarms: p.Alarms.map((a) => a.AlarmName ?? a.AlarmARN ?? 'alarm') }
          : {}),
      })),
    };
  }

  /** Before a variant leaves the endpoint: SageMaker refuses to remove a variant that autoscaling targets. */
  async deregister(endpoint: string, variant: string): Promise<void> {
    try {
      await this.client.send(
        new DeregisterScalableTargetCommand({
          ServiceNamespace: NAMESPACE,
          ResourceId: resourceId(endpoint, variant),
          ScalableDimension: DIMENSION,
        }),
      );
    } catch (err) {
      if (!(err instanceof ObjectNotFoundException)) throw err; // already gone: an earlier attempt did it
    }
  }

  /** The same bounds and policies on the variant that now serves; registering again only updates. */
  async register(endpoint: string, variant: string, scaling: VariantScaling): Promise<void> {
    const ResourceId = resourceId(endpoint, variant);
    await this.client.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: NAMESPACE,
        ResourceId,
        ScalableDimension: DIMENSION,
        MinCapacity: scaling.minCapacity,
        MaxCapacity: scaling.maxCapacity,
      }),
    );
    for (const { alarms: _triggers, ...p } of scaling.policies) {
      await this.client.send(
        new PutScalingPolicyCommand({
          ...(p as Omit<PutScalingPolicyCommandInput, 'ServiceNamespace' | 'ResourceId' | 'ScalableDimension'>),
          ServiceNamespace: NAMESPACE,
          ResourceId,
          ScalableDimension: DIMENSION,
        }),
      );
    }
  }
}
