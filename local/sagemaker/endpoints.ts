// Endpoints: CreateEndpoint, UpdateEndpoint, UpdateEndpointWeightsAndCapacities, DescribeEndpoint, DeleteEndpoint,
// ListEndpoints, and each endpoint's life on the virtual clock as the scenario's plan scripts it, with one
// `SageMaker Endpoint State Change` event and one timeline line per status change. A failed update rolls back
// silently, as on AWS: the endpoint comes back InService on its previous config, with a FailureReason.
import { Endpoint } from './endpoint';
import { deployVariants, weightsLine, type LiveVariant } from './endpoint-variants';
import type { EndpointConfig, EndpointConfigs } from './endpoint-configs';
import { CAPACITY, DELETE_MS, DURATION, Lifecycle, ping, STATUSES } from './endpoint-lifecycle';
import type { EndpointPlan, EndpointScript } from './endpoint-plan';
import { refuseAutoscaledChange, type ScalableTargets } from './endpoint-scaling';
import { askWeights, settleWeights } from './endpoint-weights';
import { createRequest, nameRequest, updateRequest, weightsRequest } from './endpoint-requests';
import { listing } from './listing';
import type { Models } from './models';
import { hosted, Resources } from './resources';
import type { Context } from './shared';
import { invalid, type Json } from './validation';
import type { EndpointView } from './views';

export class Endpoints extends Lifecycle {
  private readonly endpoints: Resources<Endpoint>;

  constructor(
    ctx: Context,
    private readonly models: Models,
    private readonly configs: EndpointConfigs,
    plan?: EndpointPlan,
    private readonly scaling: ScalableTargets = {},
  ) {
    super(ctx, plan, (model) => models.packageOf(model));
    this.endpoints = new Resources(hosted<Endpoint>('endpoint', 'endpoint'), ctx.tags);
  }

  has(resourceArn: string): boolean {
    return this.endpoints.has(resourceArn);
  }

  view(): EndpointView[] {
    return this.endpoints.all().map((e) => e.view());
  }

  all(): Endpoint[] {
    return this.endpoints.all();
  }

  /** Setup hook: an endpoint serving `configName` since `since`, created before the scenario began. */
  seed(name: string, configName: string, since: number, tags: readonly { Key: string; Value: string }[]): void {
    const config = this.configs.require(configName);
    const e = this.endpoints.add(name, (arn, seq) => new Endpoint(name, arn, config.name, since, seq), tags);
    e.variants = this.deploy(config);
    e.move('InService', since);
  }

  create(input: Json): { EndpointArn: string } {
    const r = createRequest(input);
    const build = (endpointArn: string, seq: number) =>
      new Endpoint(r.name, endpointArn, this.configs.require(r.configName).name, this.now(), seq);
    const e = this.endpoints.add(r.name, build, r.tags);
    const [config, start] = [this.configs.require(e.configName), e.createdAt];
    e.pending = this.deploy(config);
    this.announce(e, ` (config ${config.name})`);
    const script = this.accepted(e, 'CreateEndpoint', config.name, e.pending);
    this.at(e, start + (script.durationMs ?? DURATION.CreateEndpoint), (t) => {
      const failure = this.failureOf(script, config);
      if (failure !== undefined) return this.fail(e, failure, t);
      [e.variants, e.pending] = [e.pending, []];
      this.served(e, t);
    });
    return { EndpointArn: e.arn };
  }

  update(input: Json): { EndpointArn: string } {
    const r = updateRequest(input);
    const e = this.updatable(r.name);
    const next = this.configs.require(r.configName);
    // What a failed update rolls back to: without it SageMaker refuses the update.
    this.configs.require(e.configName);
    refuseAutoscaledChange(this.scaling, e, next);
    const target = this.deploy(next, r.retain ? { current: e.variants, exclude: r.exclude } : undefined);
    const start = this.updating(e, ` to config ${next.name}`);
    const script = this.accepted(e, 'UpdateEndpoint', next.name, target);
    this.at(e, start + (script.durationMs ?? DURATION.UpdateEndpoint), (t) => {
      const failure = this.failureOf(script, next);
      if (failure !== undefined && script.outcome === 'Failed') return this.fail(e, failure, t);
      if (failure !== undefined) return this.rollBack(e, failure, t, r.guarded, `update to ${next.name}`);
      [e.configName, e.variants] = [next.name, target];
      this.served(e, t);
    });
    return { EndpointArn: e.arn };
  }

  updateWeights(input: Json): { EndpointArn: string } {
    const r = weightsRequest(input);
    const e = this.updatable(r.name);
    askWeights(e, r.desired);
    const start = this.updating(e, ` weights ${weightsLine(e.variants, 'DesiredWeight')}`);
    const script = this.accepted(e, 'UpdateEndpointWeightsAndCapacities', e.configName, e.variants);
    this.at(e, start + (script.durationMs ?? DURATION.UpdateEndpointWeightsAndCapacities), (t) => {
      if (script.outcome === 'Failed') return this.fail(e, script.failureReason ?? CAPACITY, t);
      // RollingBack is documented for exactly this: a weight or capacity change that could not be made.
      if (script.outcome === 'RolledBack')
        return this.rollBack(e, script.failureReason ?? CAPACITY, t, true, 'weights change');
      settleWeights(e.variants);
      this.served(e, t);
    });
    return { EndpointArn: e.arn };
  }

  describe(input: Json): Json {
    return this.find(nameRequest(input)).describe();
  }

  delete(input: Json): Record<string, never> {
    const e = this.find(nameRequest(input));
    if (!['InService', 'Failed', 'OutOfService'].includes(e.status))
      throw invalid(`Cannot update in-progress endpoint "${e.arn}".`);
    this.cancel(e);
    // Application Auto Scaling deregisters the endpoint's variants as the deletion is asked for (Developer Guide,
    // "Delete endpoints configured for auto scaling").
    this.scaling.deregisterScalableTargets?.(e.name);
    const start = this.startOf(e);
    e.move('Deleting', start);
    this.announce(e, '');
    this.at(e, start + DELETE_MS, () => {
      this.endpoints.remove(e.name);
      this.forget(e);
      this.ctx.timeline.log('sagemaker', `endpoint ${e.name} deleted`);
    });
    return {};
  }

  list(input: Json): { Endpoints: Json[]; NextToken?: string } {
    const spec = {
      sortBy: ['Name', 'CreationTime', 'Status'],
      defaultSortBy: 'CreationTime',
      defaultOrder: 'Descending',
      statuses: STATUSES,
      modified: true,
    } as const;
    const { items, NextToken } = listing(this.endpoints.all(), input, spec);
    return { Endpoints: items.map((e) => e.summary()), ...(NextToken ? { NextToken } : {}) };
  }

  /** Why deploying `config` fails: the plan's reason, or, when the plan says InService, a model deleted since. */
  private failureOf(script: EndpointScript, config: EndpointConfig): string | undefined {
    if (script.outcome !== 'InService') return script.failureReason ?? ping(config);
    return this.models.gone(config.variants.map((v) => v.ModelName));
  }

  private find(name: string): Endpoint {
    return this.endpoints.require(name);
  }

  /** The endpoint of that name if it takes a change: only InService does; SageMaker names the other cases apart. */
  private updatable(name: string): Endpoint {
    const e = this.find(name);
    if (e.status === 'Failed') throw invalid(`Cannot update failed endpoint "${e.arn}".`);
    if (e.status !== 'InService') throw invalid(`Cannot update in-progress endpoint "${e.arn}".`);
    return e;
  }

  private deploy(
    config: EndpointConfig,
    retain?: { current: readonly LiveVariant[]; exclude: ReadonlySet<string> },
  ): LiveVariant[] {
    return deployVariants(config.variants, (model) => this.models.images(model, this.now()), retain);
  }
}
