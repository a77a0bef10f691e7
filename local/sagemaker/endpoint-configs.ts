// Endpoint configs (CreateEndpointConfig, DescribeEndpointConfig, DeleteEndpointConfig, ListEndpointConfigs):
// immutable variant sets an endpoint deploys. Their models must exist when the config is created; deleting a
// config an endpoint uses is allowed, as on AWS — the endpoint's next update is what fails.
import { configRequest, type VariantSpec } from './config-request';
import { listing } from './listing';
import { modelArn, type Models } from './models';
import { alreadyExists, arn, notFound, type Context } from './shared';
import { Checker, P, type Json } from './validation';

export type { VariantSpec } from './config-request';

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

export const configArn = (name: string): string => arn(`endpoint-config/${name.toLowerCase()}`);

/** `AllTraffic: churn-v3 ml.m5.large×2 w1` — one variant, for the timeline. */
export const variantLine = (v: VariantSpec): string =>
  `${v.VariantName}: ${v.ModelName} ${v.ServerlessConfig ? `serverless ${v.ServerlessConfig.MemorySizeInMB}MB` : `${v.InstanceType}×${v.InitialInstanceCount}`} w${v.InitialVariantWeight}`;

export class EndpointConfigs {
  private readonly byName = new Map<string, EndpointConfig>();
  private seq = 0;

  constructor(
    private readonly ctx: Context,
    private readonly models: Models,
  ) {}

  get(name: string): EndpointConfig | undefined {
    return this.byName.get(name.toLowerCase());
  }

  has(resourceArn: string): boolean {
    return [...this.byName.values()].some((x) => x.arn === resourceArn);
  }

  /** The config of that name, or the not-found answer every hosting operation gives for it. */
  require(name: string): EndpointConfig {
    const config = this.get(name);
    if (!config) throw notFound('endpoint configuration', configArn(name));
    return config;
  }

  create(input: Json): { EndpointConfigArn: string } {
    const r = configRequest(input);
    const configArnValue = configArn(r.name);
    if (this.get(r.name)) throw alreadyExists('endpoint configuration', configArnValue);
    const gone = r.variants.find((v) => !this.models.get(v.ModelName));
    if (gone) throw notFound('model', modelArn(gone.ModelName));
    const now = this.ctx.clock.now().getTime();
    const config: EndpointConfig = { name: r.name, arn: configArnValue, variants: r.variants, extra: r.extra, createdAt: now, lastModified: now, seq: this.seq++ };
    if (r.kmsKeyId !== undefined) config.kmsKeyId = r.kmsKeyId;
    this.byName.set(r.name.toLowerCase(), config);
    this.ctx.tags.add(configArnValue, r.tags);
    this.ctx.timeline.log('sagemaker', `endpoint config ${r.name} created (${r.variants.map(variantLine).join(', ')})`);
    return { EndpointConfigArn: configArnValue };
  }

  private find(input: Json): EndpointConfig {
    const c = new Checker();
    c.required(input.EndpointConfigName, 'endpointConfigName');
    const name = c.string(input.EndpointConfigName, 'endpointConfigName', { max: 63, pattern: P.entityName }) ?? '';
    c.done();
    return this.require(name);
  }

  describe(input: Json): Json {
    const x = this.find(input);
    return {
      EndpointConfigName: x.name,
      EndpointConfigArn: x.arn,
      ProductionVariants: x.variants.map((v) => ({ ...structuredClone(v.given), InitialVariantWeight: v.InitialVariantWeight })),
      ...structuredClone(x.extra),
      ...(x.kmsKeyId !== undefined ? { KmsKeyId: x.kmsKeyId } : {}),
      CreationTime: new Date(x.createdAt),
    };
  }

  delete(input: Json): Record<string, never> {
    const x = this.find(input);
    this.byName.delete(x.name.toLowerCase());
    this.ctx.tags.drop(x.arn);
    this.ctx.timeline.log('sagemaker', `endpoint config ${x.name} deleted`);
    return {};
  }

  list(input: Json): { EndpointConfigs: Json[]; NextToken?: string } {
    const spec = { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultOrder: 'Descending' } as const;
    const { items, NextToken } = listing([...this.byName.values()], input, spec);
    return {
      EndpointConfigs: items.map((x) => ({ EndpointConfigName: x.name, EndpointConfigArn: x.arn, CreationTime: new Date(x.createdAt) })),
      ...(NextToken ? { NextToken } : {}),
    };
  }
}
