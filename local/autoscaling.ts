// Application Auto Scaling (awsJson1_1, target prefix `AnyScaleFrontendService`) for SageMaker endpoint variants:
// scalable targets `endpoint/<name>/variant/<variant>` on `sagemaker:variant:DesiredInstanceCount` (a variant on
// instances) or `sagemaker:variant:DesiredProvisionedConcurrency` (a serverless one) and their scaling policies,
// kept and described as the API reference shows them. Nothing scales: the emulator records what Shepherd
// configures, and tells SageMaker (hasScalableTarget) which variants an UpdateEndpoint may not drop. The parts:
// autoscaling/targets.ts (the scalable targets), autoscaling/policies.ts (their policies and the alarms that
// trigger them); this file answers the operations and removes a target with its policies.
import { ScalingPolicies } from './autoscaling/policies';
import { targetKey } from './autoscaling/requests';
import type { AlarmActions } from './autoscaling/shapes';
import { ScalableTargets } from './autoscaling/targets';
import type { ServedVariant } from './autoscaling/variants';
import { AwsError, type JsonService, type Timeline } from './core';
import type { Clock } from './clock';
import { Checker, type Json } from './sagemaker/validation';

export class AutoScalingEmulator {
  private readonly targets: ScalableTargets;
  private readonly policies: ScalingPolicies;

  constructor(
    private readonly opts: {
      clock: Clock;
      timeline: Timeline;
      /** What SageMaker serves under that name, if anything: a target needs a real variant, of the right kind. */
      servedVariant?: (endpoint: string, variant: string) => ServedVariant | undefined;
      /** The alarms that trigger step policies (CloudWatch's AlarmActions); none without it. */
      alarmActions?: AlarmActions;
    },
  ) {
    const log = (message: string) => this.opts.timeline.log('autoscaling', message);
    this.targets = new ScalableTargets({
      clock: opts.clock,
      log,
      ...(opts.servedVariant ? { servedVariant: opts.servedVariant } : {}),
    });
    this.policies = new ScalingPolicies({
      clock: opts.clock,
      log,
      targets: this.targets,
      ...(opts.alarmActions ? { alarmActions: opts.alarmActions } : {}),
    });
  }

  readonly handle: JsonService = (operation, input) => {
    switch (operation) {
      case 'RegisterScalableTarget':
        return this.targets.register(input);
      case 'DescribeScalableTargets':
        return this.targets.describe(input);
      case 'DeregisterScalableTarget':
        return this.deregister(input);
      case 'PutScalingPolicy':
        return this.policies.put(input);
      case 'DescribeScalingPolicies':
        return this.policies.describe(input);
      case 'DeleteScalingPolicy':
        return this.policies.delete(input);
      default:
        throw new AwsError(
          'UnknownOperationException',
          `Application Auto Scaling operation ${operation} is not emulated`,
        );
    }
  };

  /**
   * Whether the variant is a registered scalable target (endpoint names compared as SageMaker does,
   * case-insensitively).
   */
  hasScalableTarget(endpoint: string, variant: string): boolean {
    return this.targets.ofEndpoint(endpoint).some((t) => t.variant === variant);
  }

  /**
   * DeleteEndpoint: Application Auto Scaling deregisters the endpoint's variants, and with them their scaling
   * policies (SageMaker Developer Guide, "Delete endpoints configured for auto scaling").
   */
  deregisterEndpoint(endpoint: string): void {
    for (const t of this.targets.ofEndpoint(endpoint)) {
      const dropped = this.policies.dropAll(t.resourceId);
      this.targets.remove(t.resourceId);
      const policies = dropped.length ? ` (policies ${dropped.join(', ')} deleted)` : '';
      this.opts.timeline.log('autoscaling', `${t.resourceId} deregistered with its endpoint${policies}`);
    }
  }

  scalableTargets(): ReadonlyArray<{ resourceId: string; min: number; max: number; policies: string[] }> {
    return this.targets.all().map((t) => ({
      resourceId: t.resourceId,
      min: t.min,
      max: t.max,
      policies: this.policies.namesOf(t.resourceId),
    }));
  }

  /** Deregistering deletes the target's scaling policies with it, as the API reference says. */
  private deregister(input: Json): Record<string, never> {
    const c = new Checker();
    const key = targetKey(c, input);
    c.done();
    this.targets.named(key);
    const dropped = this.policies.dropAll(key.resourceId);
    this.targets.remove(key.resourceId);
    const policies = dropped.length ? ` (policies ${dropped.join(', ')} deleted)` : '';
    this.opts.timeline.log('autoscaling', `${key.resourceId} deregistered${policies}`);
    return {};
  }
}
