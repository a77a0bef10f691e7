// Application Auto Scaling's scaling policies, kept per scalable target: PutScalingPolicy, DescribeScalingPolicies,
// DeleteScalingPolicy, and the policies a deregistered target takes with it. A target tracking policy's alarms are
// its own (AWS creates them with it); a step policy's are CloudWatch's, those whose actions name its ARN
// (docs/aws-sagemaker.md).
import { AwsError } from '../core';
import type { Clock } from '../clock';
import { Checker, type Json } from '../sagemaker/validation';
import { policyRequest } from './policy-requests';
import { namespaceOf, page, pageOf, resourceIds, targetKey } from './requests';
import { type AlarmActions, type Policy, policyArn, policyView, trackingAlarms } from './shapes';
import type { ScalableTargets } from './targets';

export class ScalingPolicies {
  /** by the target's ResourceId, then by policy name */
  private readonly byTarget = new Map<string, Map<string, Policy>>();

  constructor(
    private readonly opts: {
      clock: Clock;
      log: (message: string) => void;
      targets: ScalableTargets;
      /** The alarms that trigger step policies (CloudWatch's AlarmActions); none without it. */
      alarmActions?: AlarmActions;
    },
  ) {}

  /** The names of the target's policies. */
  namesOf(resourceId: string): string[] {
    return [...(this.byTarget.get(resourceId)?.keys() ?? [])];
  }

  /** The target's policies, deleted with it: their names. */
  dropAll(resourceId: string): string[] {
    const policies = [...(this.byTarget.get(resourceId)?.values() ?? [])];
    for (const p of policies) this.untrigger(p);
    this.byTarget.delete(resourceId);
    return policies.map((p) => p.name);
  }

  put(input: Json): { PolicyARN: string; Alarms?: Policy['alarms'] } {
    const c = new Checker();
    const key = targetKey(c, input);
    const r = policyRequest(c, input, key.dimension);
    this.opts.targets.named(key);
    const policies = this.byTarget.get(key.resourceId) ?? new Map<string, Policy>();
    this.byTarget.set(key.resourceId, policies);
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
    this.opts.log(`${key.resourceId} policy ${r.name} ${existing ? 'updated' : 'put'} (${r.type} ${r.summary})`);
    return { PolicyARN: arn, ...(alarms.length ? { Alarms: alarms.map((a) => ({ ...a })) } : {}) };
  }

  describe(input: Json): { ScalingPolicies: Json[]; NextToken?: string } {
    const c = new Checker();
    const namespace = namespaceOf(c, input);
    const names = resourceIds(c, input.PolicyNames, 'policyNames');
    const resourceId = c.string(input.ResourceId, 'resourceId', { min: 1, max: 1600 });
    const dimension = c.string(input.ScalableDimension, 'scalableDimension');
    const at = pageOf(c, input, 10);
    c.done();
    const matching = this.opts.targets
      .all()
      .filter(
        (t) =>
          t.namespace === namespace &&
          (resourceId === undefined || t.resourceId === resourceId) &&
          (dimension === undefined || t.dimension === dimension),
      )
      .flatMap((t) =>
        [...(this.byTarget.get(t.resourceId)?.values() ?? [])]
          .filter((p) => !names?.length || names.includes(p.name))
          .map((p) => ({ t, p })),
      );
    const { items, NextToken } = page(matching, at);
    const triggered = (p: Policy): Policy =>
      p.type === 'StepScaling' ? { ...p, alarms: this.opts.alarmActions?.alarmsInvoking(p.arn) ?? [] } : p;
    const ScalingPolicies = items.map(({ t, p }) => policyView(t, triggered(p)));
    return { ScalingPolicies, ...(NextToken ? { NextToken } : {}) };
  }

  delete(input: Json): Record<string, never> {
    const c = new Checker();
    const key = targetKey(c, input);
    c.required(input.PolicyName, 'policyName');
    const name = c.string(input.PolicyName, 'policyName', { min: 1, max: 256 }) ?? '';
    c.done();
    // Named by all three, as AWS does: another namespace's or dimension's request finds no policy to delete.
    const policies = this.opts.targets.find(key) ? this.byTarget.get(key.resourceId) : undefined;
    const deleted = policies?.get(name);
    if (!policies || !deleted) {
      const k =
        `service namespace: ${key.namespace}, resource ID: ${key.resourceId}, ` +
        `scalable dimension: ${key.dimension}, policy name: ${name}`;
      throw new AwsError('ObjectNotFoundException', `No scaling policy found for ${k}`);
    }
    policies.delete(name);
    this.untrigger(deleted);
    this.opts.log(`${key.resourceId} policy ${name} deleted`);
    return {};
  }

  /**
   * Deleting a step policy deletes its alarms' action, not the alarms; a target tracking policy's alarms go with it
   * (the API reference's DeleteScalingPolicy), which the emulator, holding them only by name, need not do.
   */
  private untrigger(p: Policy): void {
    if (p.type === 'StepScaling') this.opts.alarmActions?.removeAlarmAction(p.arn);
  }
}
