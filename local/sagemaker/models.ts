// Models (CreateModel, DescribeModel, DeleteModel, ListModels): what an endpoint config's variants name. A model
// may serve a registered package (ModelPackageName), which must exist; which package a model serves is what the
// rest of the local cloud asks (`packageOf`) to tell a canary's traffic from the baseline's.
import { createHash } from 'node:crypto';
import { listing } from './listing';
import { modelRequest, type ModelRequest } from './model-request';
import type { Registry } from './registry';
import { alreadyExists, arn, notFound, type Context } from './shared';
import { Checker, invalid, P, type Json } from './validation';
import type { ModelView } from './views';

export interface Model {
  name: string;
  arn: string;
  request: ModelRequest;
  createdAt: number;
  lastModified: number;
  seq: number;
}

export const modelArn = (name: string): string => arn(`model/${name.toLowerCase()}`);

const containersOf = (inference: Json | undefined): Json[] => (Array.isArray(inference?.Containers) ? (inference.Containers as Json[]) : []);

export class Models {
  private readonly byName = new Map<string, Model>();
  private seq = 0;

  constructor(
    private readonly ctx: Context,
    private readonly registry: Registry,
  ) {}

  get(name: string): Model | undefined {
    return this.byName.get(name.toLowerCase());
  }

  has(resourceArn: string): boolean {
    return [...this.byName.values()].some((m) => m.arn === resourceArn);
  }

  create(input: Json): { ModelArn: string } {
    const request = modelRequest(input);
    const modelArnValue = modelArn(request.name);
    if (this.get(request.name)) throw alreadyExists('model', modelArnValue);
    for (const k of request.containers) {
      const pkg = k.ModelPackageName;
      if (typeof pkg === 'string' && !this.registry.find(pkg)) throw invalid(`Model package ${pkg} does not exist.`);
    }
    const now = this.ctx.clock.now().getTime();
    this.byName.set(request.name.toLowerCase(), { name: request.name, arn: modelArnValue, request, createdAt: now, lastModified: now, seq: this.seq++ });
    this.ctx.tags.add(modelArnValue, request.tags);
    const served = this.packageOf(request.name);
    this.ctx.timeline.log('sagemaker', `model ${request.name} created${served ? ` (serves ${served.split('/').slice(-2).join(' v')})` : ''}`);
    return { ModelArn: modelArnValue };
  }

  private find(input: Json): Model {
    const c = new Checker();
    c.required(input.ModelName, 'modelName');
    const name = c.string(input.ModelName, 'modelName', { max: 63, pattern: P.modelName }) ?? '';
    c.done();
    const model = this.get(name);
    if (!model) throw notFound('model', modelArn(name));
    return model;
  }

  describe(input: Json): Json {
    const m = this.find(input);
    const r = m.request;
    return {
      ModelName: m.name,
      ...(r.primary ? { PrimaryContainer: structuredClone(r.containers[0]) } : { Containers: structuredClone(r.containers) }),
      ...(r.executionConfig ? { InferenceExecutionConfig: { ...r.executionConfig } } : {}),
      ...(r.roleArn !== undefined ? { ExecutionRoleArn: r.roleArn } : {}),
      ...(r.vpc ? { VpcConfig: structuredClone(r.vpc) } : {}),
      CreationTime: new Date(m.createdAt),
      ModelArn: m.arn,
      EnableNetworkIsolation: r.networkIsolation,
    };
  }

  /** Allowed while endpoint configs name the model, as on AWS: what breaks is the next deployment that needs it. */
  delete(input: Json): Record<string, never> {
    const m = this.find(input);
    this.byName.delete(m.name.toLowerCase());
    this.ctx.tags.drop(m.arn);
    this.ctx.timeline.log('sagemaker', `model ${m.name} deleted`);
    return {};
  }

  list(input: Json): { Models: Json[]; NextToken?: string } {
    const spec = { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultOrder: 'Descending' } as const;
    const { items, NextToken } = listing([...this.byName.values()], input, spec);
    return { Models: items.map((m) => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: new Date(m.createdAt) })), ...(NextToken ? { NextToken } : {}) };
  }

  /** The model package the model serves: its container's ModelPackageName, else the newest package with its artifact. */
  packageOf(name: string): string | undefined {
    const containers = this.get(name)?.request.containers ?? [];
    for (const k of containers) {
      const pkg = typeof k.ModelPackageName === 'string' ? this.registry.find(k.ModelPackageName) : undefined;
      if (pkg) return pkg.arn;
    }
    const urls = new Set(containers.map((k) => k.ModelDataUrl).filter((u): u is string => typeof u === 'string'));
    // A retrained artifact registered twice maps to its latest registration.
    return this.registry.all().filter((p) => containersOf(p.inference).some((k) => urls.has(k.ModelDataUrl as string))).at(-1)?.arn;
  }

  /** DeployedImages of a variant serving `name`: a package's containers bring their own images. */
  images(name: string, at: number): { SpecifiedImage: string; ResolvedImage: string; ResolutionTime: number }[] {
    const containers = (this.get(name)?.request.containers ?? []).flatMap((k) =>
      typeof k.Image === 'string' ? [k] : containersOf(typeof k.ModelPackageName === 'string' ? this.registry.find(k.ModelPackageName)?.inference : undefined),
    );
    return containers
      .map((k) => k.Image)
      .filter((i): i is string => typeof i === 'string')
      .map((image) => ({ SpecifiedImage: image, ResolvedImage: `${image.replace(/:[^:/]+$/, '')}@sha256:${createHash('sha256').update(image).digest('hex')}`, ResolutionTime: at }));
  }

  /** The Not-found answer for the first model of `names` that no longer exists (a deployment needs them all). */
  missing(names: readonly string[]): string | undefined {
    const gone = names.find((n) => !this.get(n));
    return gone === undefined ? undefined : notFound('model', modelArn(gone)).message;
  }

  view(): ModelView[] {
    return [...this.byName.values()].map((m) => ({
      name: m.name,
      containers: m.request.containers.map((k) => ({
        ...(typeof k.Image === 'string' ? { image: k.Image } : {}),
        ...(typeof k.ModelDataUrl === 'string' ? { modelDataUrl: k.ModelDataUrl } : {}),
        ...(typeof k.ModelPackageName === 'string' ? { modelPackageName: k.ModelPackageName } : {}),
      })),
    }));
  }
}
