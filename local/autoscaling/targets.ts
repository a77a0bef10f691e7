// Application Auto Scaling's scalable targets for SageMaker endpoint variants: RegisterScalableTarget (a new target,
// or new capacities and suspended flags for one already registered) and DescribeScalableTargets, kept by ResourceId.
// A target needs a variant that SageMaker serves, of the kind its dimension scales (local/autoscaling/variants.ts).
import type { Clock } from '../clock';
import { Checker, invalid, type Json } from '../sagemaker/validation';
import { namespaceOf, page, pageOf, resourceIds, type TargetKey, targetKey, variantOf } from './requests';
import { noTarget, SERVICE_ROLE, SUSPENDED_FLAGS, type Target, targetArn, targetView } from './shapes';
import { checkDimension, type ServedVariant } from './variants';

/** ` (scale-in suspended)`: what of a target's scaling is suspended, for the timeline. */
const suspendedLine = (s: Target['suspended']): string => {
  const off = [
    s.DynamicScalingInSuspended && 'scale-in',
    s.DynamicScalingOutSuspended && 'scale-out',
    s.ScheduledScalingSuspended && 'scheduled',
  ].filter(Boolean);
  return off.length ? ` (${off.join(', ')} suspended)` : '';
};

export class ScalableTargets {
  /** by ResourceId: a variant has one scalable dimension, its instance count or its provisioned concurrency */
  private readonly byResourceId = new Map<string, Target>();

  constructor(
    private readonly opts: {
      clock: Clock;
      log: (message: string) => void;
      /** What SageMaker serves under that name, if anything: a target needs a real variant, of the right kind. */
      servedVariant?: (endpoint: string, variant: string) => ServedVariant | undefined;
    },
  ) {}

  all(): Target[] {
    return [...this.byResourceId.values()];
  }

  /** The target the key names, namespace and dimension included; none for a target under its ResourceId but not. */
  find(key: TargetKey): Target | undefined {
    const target = this.byResourceId.get(key.resourceId);
    return target?.namespace === key.namespace && target.dimension === key.dimension ? target : undefined;
  }

  /** The target the key names, namespace and dimension included; ObjectNotFoundException otherwise. */
  named(key: TargetKey): Target {
    const target = this.find(key);
    if (!target) throw noTarget(key);
    return target;
  }

  /** The endpoint's targets (endpoint names compared as SageMaker does, case-insensitively). */
  ofEndpoint(endpoint: string): Target[] {
    return this.all().filter((t) => t.endpoint.toLowerCase() === endpoint.toLowerCase());
  }

  remove(resourceId: string): void {
    this.byResourceId.delete(resourceId);
  }

  register(input: Json): { ScalableTargetARN: string } {
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
    const existing = this.byResourceId.get(key.resourceId);
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
      if (changed) this.opts.log(`${key.resourceId} updated ${newMin}..${newMax}${suspendedLine(next.suspended)}`);
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
    this.byResourceId.set(key.resourceId, target);
    this.opts.log(`${key.resourceId} registered ${newMin}..${newMax}${suspendedLine(target.suspended)}`);
    return { ScalableTargetARN: target.arn };
  }

  describe(input: Json): { ScalableTargets: Json[]; NextToken?: string } {
    const c = new Checker();
    const namespace = namespaceOf(c, input);
    const ids = resourceIds(c, input.ResourceIds, 'resourceIds');
    const dimension = c.string(input.ScalableDimension, 'scalableDimension');
    const at = pageOf(c, input, 50);
    c.done();
    const matching = this.all().filter(
      (t) =>
        t.namespace === namespace &&
        (!ids?.length || ids.includes(t.resourceId)) &&
        (dimension === undefined || t.dimension === dimension),
    );
    const { items, NextToken } = page(matching, at);
    return { ScalableTargets: items.map(targetView), ...(NextToken ? { NextToken } : {}) };
  }
}
