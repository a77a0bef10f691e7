// The emulated SageMaker API (awsJson1_1, target prefix `SageMaker`): training jobs on the virtual clock,
// the model registry and pipelines, each answering and failing the way SageMaker does (see AWS-FACTS.md),
// and emitting the EventBridge events SageMaker emits.
import { AwsError, type AwsEvent, type Clock, type JsonService, type Timeline } from '../core';
import { Pipelines, type PipelinePlan } from './pipelines';
import { Registry } from './registry';
import { TagStore, type Context } from './shared';
import { Training, type TrainingPlan } from './training';
import { Checker, invalid, P, type Json } from './validation';

export type { PipelineScript } from './pipelines';
export type { TrainingScript } from './training';

export interface SageMakerOptions {
  clock: Clock;
  emit: (event: AwsEvent) => void;
  timeline: Timeline;
  trainingPlan: TrainingPlan;
  pipelinePlan?: PipelinePlan;
}

export class SageMakerEmulator {
  private readonly ctx: Context;
  private readonly training: Training;
  private readonly registry: Registry;
  private readonly pipelines: Pipelines;
  private readonly operations: Readonly<Record<string, (input: Json) => unknown>>;

  constructor(opts: SageMakerOptions) {
    this.ctx = { clock: opts.clock, emit: opts.emit, timeline: opts.timeline, tags: new TagStore() };
    this.training = new Training(this.ctx, opts.trainingPlan);
    this.registry = new Registry(this.ctx);
    this.pipelines = new Pipelines(this.ctx, this.registry, opts.pipelinePlan);
    this.operations = {
      CreateTrainingJob: (i) => this.training.create(i),
      DescribeTrainingJob: (i) => this.training.describe(i),
      ListTrainingJobs: (i) => this.training.list(i),
      StopTrainingJob: (i) => this.training.stop(i),
      CreatePipeline: (i) => this.pipelines.create(i),
      StartPipelineExecution: (i) => this.pipelines.start(i),
      DescribePipelineExecution: (i) => this.pipelines.describe(i),
      ListPipelineExecutions: (i) => this.pipelines.list(i),
      CreateModelPackageGroup: (i) => this.registry.groups.create(i),
      DescribeModelPackageGroup: (i) => this.registry.groups.describe(i),
      CreateModelPackage: (i) => this.registry.create(i),
      DescribeModelPackage: (i) => this.registry.describe(i),
      ListModelPackages: (i) => this.registry.list(i),
      UpdateModelPackage: (i) => this.registry.update(i),
      AddTags: (i) => this.addTags(i),
      ListTags: (i) => this.listTags(i),
    };
  }

  /** (operation, input as the SDK sends it) → output with Dates, or throws an AwsError. */
  readonly handle: JsonService = (operation, input) => {
    const op = this.operations[operation];
    if (!op) throw new AwsError('UnknownOperationException', `SageMaker operation ${operation} is not emulated`);
    return op(input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {});
  };

  trainingJobs(): ReadonlyArray<{
    name: string;
    status: string;
    secondaryStatus: string;
    tags: Record<string, string>;
    createdAt: Date;
    endedAt?: Date;
    metrics: Record<string, number>;
    spot: boolean;
    checkpointS3Uri?: string;
  }> {
    return this.training.all().map((j) => ({
      name: j.name,
      status: j.status,
      secondaryStatus: j.secondaryStatus,
      tags: this.ctx.tags.map(j.arn),
      createdAt: new Date(j.createdAt),
      ...(j.endTime !== undefined ? { endedAt: new Date(j.endTime) } : {}),
      metrics: { ...j.metrics },
      spot: j.request.spot,
      ...(j.request.checkpoint ? { checkpointS3Uri: j.request.checkpoint.S3Uri } : {}),
    }));
  }

  modelPackages(): ReadonlyArray<{ arn: string; group: string; version: number; approvalStatus: string; description?: string; metadata: Record<string, string>; createdAt: Date }> {
    return this.registry.all().map((p) => ({
      arn: p.arn,
      group: p.group,
      version: p.version,
      approvalStatus: p.approvalStatus,
      ...(p.description !== undefined ? { description: p.description } : {}),
      metadata: { ...p.metadata },
      createdAt: new Date(p.createdAt),
    }));
  }

  pipelineExecutions(): ReadonlyArray<{ arn: string; pipelineName: string; displayName: string; status: string }> {
    return this.pipelines.all().map((e) => ({ arn: e.arn, pipelineName: e.pipeline.name, displayName: e.displayName, status: e.status }));
  }

  /** Setup hook: a model package group a user creates before deploying Shepherd (idempotent). */
  createModelPackageGroup(name: string): void {
    this.registry.groups.define(name);
  }

  /** Setup hook: a pipeline a user creates before deploying Shepherd (idempotent). */
  createPipeline(name: string): void {
    this.pipelines.define(name);
  }

  /** Cancels every pending training and pipeline transition, so a stopped cloud leaves no timers behind. */
  stop(): void {
    this.training.stopAll();
    this.pipelines.stopAll();
  }

  private resource(c: Checker, input: Json): string {
    c.required(input.ResourceArn, 'resourceArn');
    const resourceArn = c.string(input.ResourceArn, 'resourceArn', { max: 256, pattern: P.resourceArn }) ?? '';
    return resourceArn;
  }

  private exists(resourceArn: string): boolean {
    return this.training.has(resourceArn) || this.registry.has(resourceArn) || this.pipelines.has(resourceArn);
  }

  private addTags(input: Json): { Tags: { Key: string; Value: string }[] } {
    const c = new Checker();
    const resourceArn = this.resource(c, input);
    c.required(input.Tags, 'tags');
    const tags = c.tags(input.Tags);
    c.done();
    if (!this.exists(resourceArn)) throw invalid(`Resource ${resourceArn} does not exist.`);
    this.ctx.tags.add(resourceArn, tags);
    return { Tags: tags };
  }

  private listTags(input: Json): { Tags: { Key: string; Value: string }[] } {
    const c = new Checker();
    const resourceArn = this.resource(c, input);
    c.int(input.MaxResults, 'maxResults', { min: 50 });
    c.done();
    if (!this.exists(resourceArn)) throw invalid(`Resource ${resourceArn} does not exist.`);
    return { Tags: this.ctx.tags.list(resourceArn) };
  }
}
