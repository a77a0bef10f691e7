// Endpoint configs (CreateEndpointConfig, DescribeEndpointConfig, DeleteEndpointConfig, ListEndpointConfigs):
// immutable variant sets an endpoint deploys. Their models must exist when the config is created; deleting a
// config an endpoint uses is allowed, as on AWS — the endpoint's next update is what fails.
import { configRequest } from './config-request';
import { listing } from './listing';
import type { Models } from './models';
import { hosted, nameIn, Resources } from './resources';
import { checkServerlessModels } from './serverless-rules';
import type { Context } from './shared';
import { P, type Json } from './validation';
import type { VariantSpec } from './variant-spec';

export interface EndpointConfig {
  name: string;
  arn: string;
  variants: VariantSpec[];
  kmsKeyId?: string;
  extra: Json;
  createdAt: number;
  lastModified: number;
  seq: number;
}

/** `AllTraffic: churn-v3 ml.m5.large×2 w1` — one variant, for the timeline. */
export const variantLine = (v: VariantSpec): string => {
  const size = v.ServerlessConfig
    ? `serverless ${v.ServerlessConfig.MemorySizeInMB}MB`
    : `${v.InstanceType}×${v.InitialInstanceCount}`;
  return `${v.VariantName}: ${v.ModelName} ${size} w${v.InitialVariantWeight}`;
};

export class EndpointConfigs extends Resources<EndpointConfig> {
  constructor(
    private readonly ctx: Context,
    private readonly models: Models,
  ) {
    super(hosted<EndpointConfig>('endpoint-config', 'endpoint configuration'), ctx.tags);
  }

  create(input: Json): { EndpointConfigArn: string } {
    const r = configRequest(input);
    const build = (configArn: string, seq: number): EndpointConfig => {
      for (const v of r.variants) this.models.require(v.ModelName);
      checkServerlessModels(r.variants, (name) => this.models.get(name)?.request);
      const now = this.ctx.clock.now().getTime();
      const kms = r.kmsKeyId !== undefined ? { kmsKeyId: r.kmsKeyId } : {};
      const { name, variants, extra } = r;
      return { name, arn: configArn, variants, ...kms, extra, createdAt: now, lastModified: now, seq };
    };
    const config = this.add(r.name, build, r.tags);
    this.ctx.timeline.log('sagemaker', `endpoint config ${r.name} created (${r.variants.map(variantLine).join(', ')})`);
    return { EndpointConfigArn: config.arn };
  }

  private find(input: Json): EndpointConfig {
    return this.require(nameIn(input, 'EndpointConfigName', { max: 63, pattern: P.entityName }));
  }

  describe(input: Json): Json {
    const x = this.find(input);
    return {
      EndpointConfigName: x.name,
      EndpointConfigArn: x.arn,
      ProductionVariants: x.variants.map((v) => ({
        ...structuredClone(v.given),
        InitialVariantWeight: v.InitialVariantWeight,
      })),
      ...structuredClone(x.extra),
      ...(x.kmsKeyId !== undefined ? { KmsKeyId: x.kmsKeyId } : {}),
      CreationTime: new Date(x.createdAt),
    };
  }

  delete(input: Json): Record<string, never> {
    const x = this.find(input);
    this.remove(x.name);
    this.ctx.timeline.log('sagemaker', `endpoint config ${x.name} deleted`);
    return {};
  }

  list(input: Json): { EndpointConfigs: Json[]; NextToken?: string } {
    const spec = {
      sortBy: ['Name', 'CreationTime'],
      defaultSortBy: 'CreationTime',
      defaultOrder: 'Descending',
    } as const;
    const { items, NextToken } = listing(this.all(), input, spec);
    return {
      EndpointConfigs: items.map((x) => ({
        EndpointConfigName: x.name,
        EndpointConfigArn: x.arn,
        CreationTime: new Date(x.createdAt),
      })),
      ...(NextToken ? { NextToken } : {}),
    };
  }
}
