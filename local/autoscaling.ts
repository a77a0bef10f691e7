// Application Auto Scaling (awsJson1_1, target prefix `AnyScaleFrontendService`) for SageMaker endpoint variants:
// scalable targets `endpoint/<name>/variant/<variant>` on `sagemaker:variant:DesiredInstanceCount` (a variant on
// instances) or `sagemaker:variant:DesiredProvisionedConcurrency` (a serverless one) and their scaling policies,
// kept and described as the API reference shows them. Nothing scales: the emulator records what Shepherd
// configures, and tells SageMaker (hasScalableTarget) which variants an UpdateEndpoint may not drop. A step policy's
// alarms are CloudWatch's, those whose actions name its ARN (docs/aws-sagemaker.md).
import { policyRequest } from './autoscaling/policy-requests';
import { namespaceOf, page, pageOf, resourceIds, targetKey, variantOf } from './autoscaling/requests';
import { checkDimension, type ServedVariant } from './autoscaling/variants';
import {
  noTarget,
  policyArn,
  policyView,
  SERVICE_ROLE,
  SUSPENDED_FLAGS,
  targetArn,
  targetView,
  trackingAlarms,
  type AlarmActions,
  type Policy,
  type Target,
} from './autoscaling/shapes';
import { AwsError, type Clock, type JsonService, type Timeline } from './core';
import { Checker, invalid, type Json } from './sagemaker/validation';

/** ` (scale-in suspended)`: what of a target's scaling is suspended, for the timeline. */
const suspendedLine = (s: Target['suspended']): string => {
  const off = [
    s.DynamicScalingInSuspended && 'scale-in',
    s.DynamicScalingOutSuspended && 'scale-out',
    s.ScheduledScalingSuspended && 'scheduled',
  ].filter(Boolean);
  return off.length ? ` (${off.join(', ')} suspended)` : '';
};

export class AutoScalingEmulator {
  /** by ResourceId: a variant has one scalable dimension, its instance count or its provisioned concurrency */
  private readonly targets = new Map<string, Target>();
  private readonly policies = new Map<string, Map<string, Policy>>();

  constructor(
    private readonly opts: {
      clock: Clock;
      timeline: Timeline;
      /** What SageMaker serves under that name, if anything: a target needs a real variant, of the right kind. */
      servedVariant?: (endpoint: string, variant: string) => ServedVariant | undefined;
      /** The alarms that trigger step policies (CloudWatch's AlarmActions); none without it. */
      alarmActions?: AlarmActions;
    },
  ) {}

  readonly handle: JsonService = (operation, input) => {
    switch (operation) {
      case 'RegisterScalableTarget':
        return this.register(input);
      case 'DescribeScalableTargets':
        return this.describeTargets(input);
      case 'DeregisterScalableTarget':
        return this.deregister(input);
      case 'PutScalingPolicy':
        return this.putPolicy(input);
      case 'DescribeScalingPolicies':
        return this.describePolicies(input);
      case 'DeleteScalingPolicy':
        return this.deletePolicy(input);
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
    return [...this.targets.values()].some(
      (t) => t.endpoint.toLowerCase() === endpoint.toLowerCase() && t.variant === variant,
    );
  }

  /**
   * DeleteEndpoint: Application Auto Scaling deregisters the endpoint's variants, and with them their scaling
   * policies (SageMaker Developer Guide, "Delete endpoints configured for auto scaling").
   */
  deregisterEndpoint(endpoint: string): void {
    for (const t of [...this.targets.values()]) {
      if (t.endpoint.toLowerCase() !== endpoint.toLowerCase()) continue;
      const dropped = this.dropPolicies(t.resourceId);
      this.targets.delete(t.resourceId);
      this.policies.delete(t.resourceId);
      const policies = dropped.length ? ` (policies ${dropped.join(', ')} deleted)` : '';
      this.log(`${t.resourceId} deregistered with its endpoint${policies}`);
    }
  }

  scalableTargets(): ReadonlyArray<{ resourceId: string; min: number; max: number; policies: string[] }> {
    return [...this.targets.values()].map((t) => ({
      resourceId: t.resourceId,
      min: t.min,
      max: t.max,
      policies: [...(this.policies.get(t.resourceId)?.keys() ?? [])],
    }));
  }

  private register(input: Json): { ScalableTargetARN: string } {
    const c = new Checker();
    const key = targetKey(c, input);
    const min = c.int(input.MinCapacity, 'minCapacity');
    const max = c.int(input.MaxCapacity, 'maxCapacity');
    const role = c.string(input.RoleARN, 'roleARN', { min: 1, max: 1600 });
    const suspended = c.struct(input.SuspendedState, 'suspendedState');
    c.map(input.Tags, 'tags', { min: 1, max: 200, key: { min: 1, max: 128 }, value: { min: 0, max: 256 } });
    c.done();
    const { endpoint, variant } = variantOf(key);
    if (this.opts.servedVariant) {
      const served = this.opts.servedVariant(endpoint, variant);
      const missing = `the endpoint ${endpoint} has no variant ${variant}`;
      if (!served) throw invalid(`SageMaker endpoint variant ${key.resourceId} does not exist: ${missing}.`);
      checkDimension(key, served);
    }
    const existing = this.targets.get(key.resourceId);
    const [newMin, newMax] = [min ?? existing?.min, max ?? existing?.max];
    if (newMin === undefined || newMax === undefined)
      throw invalid('MinCapacity and MaxCapacity are required to register a new scalable target.');
    if (newMin > newMax)
      throw invalid(`Minimum capacity (${newMin}) cannot be greater than maximum capacity (${newMax}).`);
    const flags = (was?: Target['suspended']) =>
      Object.fromEntries(
        SUSPENDED_FLAGS.map((f) => [f, typeof suspended?.[f] === 'boolean' ? suspended[f] : (was?.[f] ?? false)]),
      ) as Target['suspended'];
    if (existing) {
      const next = {
        min: newMin,
        max: newMax,
        suspended: flags(existing.suspended),
        roleArn: role ?? existing.roleArn,
      };
      const changed =
        JSON.stringify([existing.min, existing.max, existing.suspended]) !==
        JSON.stringify([next.min, next.max, next.suspended]);
      Object.assign(existing, next);
      if (changed) this.log(`${key.resourceId} updated ${newMin}..${newMax}${suspendedLine(next.suspended)}`);
      return { ScalableTargetARN: existing.arn };
    }
    const target: Target = {
      ...key,
      endpoint,
      variant,
      min: newMin,
      max: newMax,
      roleArn: role ?? SERVICE_ROLE,
      suspended: flags(),
      arn: targetArn(),
      createdAt: this.opts.clock.now(),
    };
    this.targets.set(key.resourceId, target);
    this.log(`${key.resourceId} registered ${newMin}..${newMax}${suspendedLine(target.suspended)}`);
    return { ScalableTargetARN: target.arn };
  }

  private describeTargets(input: Json): { ScalableTargets: Json[]; NextToken?: string } {
    const c = new Checker();
    const namespace = namespaceOf(c, input);
    const ids = resourceIds(c, input.ResourceIds, 'resourceIds');
    const dimension = c.string(input.ScalableDimension, 'scalableDimension');
    const at = pageOf(c, input, 50);
    c.done();
    const matching = [...this.targets.values()].filter(
      (t) =>
        t.namespace === namespace &&
        (!ids?.length || ids.includes(t.resourceId)) &&
        (dimension === undefined || t.dimension === dimension),
    );
    const { items, NextToken } = page(matching, at);
    return { ScalableTargets: items.map(targetView), ...(NextToken ? { NextToken } : {}) };
  }

  /** Deregistering deletes the target's scaling policies with it, as the API reference says. */
  private deregister(input: Json): Record<string, never> {
    const c = new Checker();
    const key = targetKey(c, input);
    c.done();
    const target = this.targets.get(key.resourceId);
    if (!target || target.namespace !== key.namespace || target.dimension !== key.dimension) throw noTarget(key);
    const dropped = this.dropPolicies(key.resourceId);
    this.targets.delete(key.resourceId);
    this.policies.delete(key.resourceId);
    this.log(`${key.resourceId} deregistered${dropped.length ? ` (policies ${dropped.join(', ')} deleted)` : ''}`);
    return {};
  }

  private putPolicy(input: Json): { PolicyARN: string; Alarms?: Policy['alarms'] } {
    const c = new Checker();
    const key = targetKey(c, input);
    const r = policyRequest(c, input, key.dimension);
    const target = this.targets.get(key.resourceId);
    if (!target || target.namespace !== key.namespace || target.dimension !== key.dimension) throw noTarget(key);
    const policies = this.policies.get(key.resourceId) ?? new Map<string, Policy>();
    this.policies.set(key.resourceId, policies);
    const existing = policies.get(r.name);
    const alarms =
      r.type !== 'TargetTrackingScaling'
        ? []
        : existing?.type === r.type
          ? existing.alarms
          : trackingAlarms(key.resourceId);
    const arn = existing?.arn ?? policyArn(key.resourceId, r.name);
    policies.set(r.name, {
      name: r.name,
      arn,
      type: r.type,
      config: r.config,
      alarms,
      createdAt: existing?.createdAt ?? this.opts.clock.now(),
    });
    this.log(`${key.resourceId} policy ${r.name} ${existing ? 'updated' : 'put'} (${r.type} ${r.summary})`);
    return { PolicyARN: arn, ...(alarms.length ? { Alarms: alarms.map((a) => ({ ...a })) } : {}) };
  }

  private describePolicies(input: Json): { ScalingPolicies: Json[]; NextToken?: string } {
    const c = new Checker();
    const namespace = namespaceOf(c, input);
    const names = resourceIds(c, input.PolicyNames, 'policyNames');
    const resourceId = c.string(input.ResourceId, 'resourceId', { min: 1, max: 1600 });
    const dimension = c.string(input.ScalableDimension, 'scalableDimension');
    const at = pageOf(c, input, 10);
    c.done();
    const matching = [...this.targets.values()]
      .filter(
        (t) =>
          t.namespace === namespace &&
          (resourceId === undefined || t.resourceId === resourceId) &&
          (dimension === undefined || t.dimension === dimension),
      )
      .flatMap((t) =>
        [...(this.policies.get(t.resourceId)?.values() ?? [])]
          .filter((p) => !names?.length || names.includes(p.name))
          .map((p) => ({ t, p })),
      );
    const { items, NextToken } = page(matching, at);
    const triggered = (p: Policy): Policy =>
      p.type === 'StepScaling' ? { ...p, alarms: this.opts.alarmActions?.alarmsInvoking(p.arn) ?? [] } : p;
    const ScalingPolicies = items.map(({ t, p }) => policyView(t, triggered(p)));
    return { ScalingPolicies, ...(NextToken ? { NextToken } : {}) };
  }

  private deletePolicy(input: Json): Record<string, never> {
    const c = new Checker();
    const key = targetKey(c, input);
    c.required(input.PolicyName, 'policyName');
    const name = c.string(input.PolicyName, 'policyName', { min: 1, max: 256 }) ?? '';
    c.done();
    const policies =
      this.targets.get(key.resourceId)?.dimension === key.dimension ? this.policies.get(key.resourceId) : undefined;
    const deleted = policies?.get(name);
    if (!policies || !deleted) {
      const k =
        `service namespace: ${key.namespace}, resource ID: ${key.resourceId}, ` +
        `scalable dimension: ${key.dimension}, policy name: ${name}`;
      throw new AwsError('ObjectNotFoundException', `No scaling policy found for ${k}`);
    }
    policies.delete(name);
    this.untrigger(deleted);
    this.log(`${key.resourceId} policy ${name} deleted`);
    return {};
  }

  /** The target's policies, deleted with it: their names. */
  private dropPolicies(resourceId: string): string[] {
    const policies = [...(this.policies.get(resourceId)?.values() ?? [])];
    for (const p of policies) this.untrigger(p);
    return policies.map((p) => p.name);
  }

  /**
   * Deleting a step policy deletes its alarms' action, not the alarms; a target tracking policy's alarms go with it
   * (the API reference's DeleteScalingPolicy), which the emulator, holding them only by name, need not do.
   */
  private untrigger(p: Policy): void {
    if (p.type === 'StepScaling') this.opts.alarmActions?.removeAlarmAction(p.arn);
  }

  private log(message: string): void {
    this.opts.timeline.log('autoscaling', message);
  }
}
