// Models (CreateModel, DescribeModel, DeleteModel, ListModels): what an endpoint config's variants name. A model
// may serve a registered package (ModelPackageName), which must exist; which package a model serves is what the
// rest of the local cloud asks (`packageOf`) to tell a canary's traffic from the baseline's.
import { createHash } from 'node:crypto';
import { listing } from './listing';
import { modelRequest, type ModelRequest } from './model-request';
import type { Registry } from './registry';
import { hosted, nameIn, Resources } from './resources';
import type { Context } from './shared';
import { P, type Json } from './validation';
import type { ModelView } from './views';

export interface Model {
  name: string;
  arn: string;
  request: ModelRequest;
  createdAt: number;
  lastModified: number;
  seq: number;
}

const containersOf = (inference: Json | undefined): Json[] =>
  Array.isArray(inference?.Containers) ? (inference.Containers as Json[]) : [];

export class Models extends Resources<Model> {
  constructor(
    private readonly ctx: Context,
    private readonly registry: Registry,
  ) {
    super(hosted<Model>('model', 'model'), ctx.tags);
  }

  create(input: Json): { ModelArn: string } {
    const request = modelRequest(input);
    const build = (modelArn: string, seq: number): Model => {
      for (const k of request.containers) {
        if (typeof k.ModelPackageName === 'string') this.registry.require(k.ModelPackageName);
      }
      const now = this.ctx.clock.now().getTime();
      return { name: request.name, arn: modelArn, request, createdAt: now, lastModified: now, seq };
    };
    const model = this.add(request.name, build, request.tags);
    const served = this.packageOf(request.name);
    this.ctx.timeline.log(
      'sagemaker',
      `model ${request.name} created${served ? ` (serves ${served.split('/').slice(-2).join(' v')})` : ''}`,
    );
    return { ModelArn: model.arn };
  }

  private find(input: Json): Model {
    return this.require(nameIn(input, 'ModelName', { max: 63, pattern: P.modelName }));
  }

  describe(input: Json): Json {
    const m = this.find(input);
    const r = m.request;
    return {
      ModelName: m.name,
      ...(r.primary
        ? { PrimaryContainer: structuredClone(r.containers[0]) }
        : { Containers: structuredClone(r.containers) }),
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
    this.remove(m.name);
    this.ctx.timeline.log('sagemaker', `model ${m.name} deleted`);
    return {};
  }

  list(input: Json): { Models: Json[]; NextToken?: string } {
    const spec = {
      sortBy: ['Name', 'CreationTime'],
      defaultSortBy: 'CreationTime',
      defaultOrder: 'Descending',
    } as const;
    const { items, NextToken } = listing(this.all(), input, spec);
    return {
      Models: items.map((m) => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: new Date(m.createdAt) })),
      ...(NextToken ? { NextToken } : {}),
    };
  }

  /**
   * The model package the model serves: its container's ModelPackageName, else the newest package with its
   * artifact.
   */
  packageOf(name: string): string | undefined {
    const containers = this.get(name)?.request.containers ?? [];
    for (const k of containers) {
      const pkg = typeof k.ModelPackageName === 'string' ? this.registry.find(k.ModelPackageName) : undefined;
      if (pkg) return pkg.arn;
    }
    const urls = new Set(containers.map((k) => k.ModelDataUrl).filter((u): u is string => typeof u === 'string'));
    // A retrained artifact registered twice maps to its latest registration.
    return this.registry
      .all()
      .filter((p) => containersOf(p.inference).some((k) => urls.has(k.ModelDataUrl as string)))
      .at(-1)?.arn;
  }

  /** DeployedImages of a variant serving `name`: a package's containers bring their own images. */
  images(name: string, at: number): { SpecifiedImage: string; ResolvedImage: string; ResolutionTime: number }[] {
    const containers = (this.get(name)?.request.containers ?? []).flatMap((k) =>
      typeof k.Image === 'string'
        ? [k]
        : containersOf(
            typeof k.ModelPackageName === 'string' ? this.registry.find(k.ModelPackageName)?.inference : undefined,
          ),
    );
    return containers
      .map((k) => k.Image)
      .filter((i): i is string => typeof i === 'string')
      .map((image) => ({
        SpecifiedImage: image,
        ResolvedImage: `${image.replace(/:[^:/]+$/, '')}@sha256:${createHash('sha256').update(image).digest('hex')}`,
        ResolutionTime: at,
      }));
  }

  /** The Not-found answer for the first model of `names` that no longer exists (a deployment needs them all). */
  gone(names: readonly string[]): string | undefined {
    const gone = names.find((n) => !this.get(n));
    return gone === undefined ? undefined : this.missing(gone).message;
  }

  view(): ModelView[] {
    return this.all().map((m) => ({
      name: m.name,
      containers: m.request.containers.map((k) => ({
        ...(typeof k.Image === 'string' ? { image: k.Image } : {}),
        ...(typeof k.ModelDataUrl === 'string' ? { modelDataUrl: k.ModelDataUrl } : {}),
        ...(typeof k.ModelPackageName === 'string' ? { modelPackageName: k.ModelPackageName } : {}),
      })),
    }));
  }
}
