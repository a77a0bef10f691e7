// SageMaker hosting as Shepherd's deployments and cost sweep use it: models, the endpoint configs that name
// them, and the endpoints that deploy those configs — wired together, with the operations they answer.
import { EndpointConfigs } from './endpoint-configs';
import type { EndpointPlan } from './endpoint-plan';
import type { ScalableTargets } from './endpoint-scaling';
import { Endpoints } from './endpoints';
import { Models } from './models';
import type { Registry } from './registry';
import type { Context } from './shared';
import type { Json } from './validation';

export class Hosting {
  readonly models: Models;
  readonly configs: EndpointConfigs;
  readonly endpoints: Endpoints;
  readonly operations: Readonly<Record<string, (input: Json) => unknown>>;

  constructor(ctx: Context, registry: Registry, plan?: EndpointPlan, scaling: ScalableTargets = {}) {
    this.models = new Models(ctx, registry);
    this.configs = new EndpointConfigs(ctx, this.models);
    this.endpoints = new Endpoints(ctx, this.models, this.configs, plan, scaling);
    this.operations = {
      CreateModel: (i) => this.models.create(i),
      DescribeModel: (i) => this.models.describe(i),
      DeleteModel: (i) => this.models.delete(i),
      ListModels: (i) => this.models.list(i),
      CreateEndpointConfig: (i) => this.configs.create(i),
      DescribeEndpointConfig: (i) => this.configs.describe(i),
      DeleteEndpointConfig: (i) => this.configs.delete(i),
      ListEndpointConfigs: (i) => this.configs.list(i),
      CreateEndpoint: (i) => this.endpoints.create(i),
      UpdateEndpoint: (i) => this.endpoints.update(i),
      UpdateEndpointWeightsAndCapacities: (i) => this.endpoints.updateWeights(i),
      DescribeEndpoint: (i) => this.endpoints.describe(i),
      DeleteEndpoint: (i) => this.endpoints.delete(i),
      ListEndpoints: (i) => this.endpoints.list(i),
    };
  }

  has(resourceArn: string): boolean {
    return this.models.has(resourceArn) || this.configs.has(resourceArn) || this.endpoints.has(resourceArn);
  }

  stopAll(): void {
    this.endpoints.stopAll();
  }
}
