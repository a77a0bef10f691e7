// The emulated SageMaker API (awsJson1_1, target prefix `SageMaker`): training jobs on the virtual clock,
// the model registry and pipelines, hosting (models, endpoint configs, endpoints) and Neo compilation jobs,
// each answering and failing the way SageMaker does (docs/aws-sagemaker.md), and emitting the EventBridge events
// SageMaker emits — and none where it emits none (compilation jobs).
import { AwsError, type AwsEvent, type Clock, type JsonService, type Timeline } from '../core';
import { CompilationJobs, type CompilationPlan } from './compilation';
import type { EndpointHistoryView } from './endpoint-history';
import type { EndpointPlan } from './endpoint-lifecycle';
import { Hosting } from './hosting';
import { Monitoring, type MonitoringWorld } from './monitoring';
import { Pipelines, type PipelinePlan } from './pipelines';
import { Registry } from './registry';
import { Recommendations } from './recommendations';
import { search } from './search';
import { TagStore, type Context } from './shared';
import { Tagging } from './tags';
import { Training, type TrainingPlan } from './training';
import { Tuning } from './tuning';
import type { Json } from './validation';
import { Notebooks } from './workspaces';
import { Studio, type SeededApp, type SeededDomain } from './studio';
import type { CompilationJobView, EndpointView, ModelView } from './views';

export type { CompilationPlan, CompilationScript } from './compilation';
export type { EndpointHistoryView, EndpointRequestRecord, HistoryVariant, ServedChange } from './endpoint-history';
export type { EndpointOperation, EndpointPlan, EndpointScript } from './endpoint-lifecycle';
export type { PipelineScript } from './pipelines';
export type { TrainingScript } from './training';
export type { CompilationJobView, EndpointVariantView, EndpointView, ModelView } from './views';

export interface SageMakerOptions {
  clock: Clock;
  emit: (event: AwsEvent) => void;
  timeline: Timeline;
  trainingPlan: TrainingPlan;
  pipelinePlan?: PipelinePlan;
  /** how each endpoint operation ends (default: InService after 8 min, 2 min for weights) */
  endpointPlan?: EndpointPlan;
  /** how each compilation job ends (default: COMPLETED after 6 min) */
  compilationPlan?: CompilationPlan;
  /**
   * Application Auto Scaling's registry: UpdateEndpoint refuses to drop (or re-type) a variant
   * that is a scalable target
   */
  hasScalableTarget?: (endpointName: string, variantName: string) => boolean;
  /** requests refused as AWS refuses an invalid one, whatever they ask (a scenario's `faults`) */
  faults?: readonly PlantedFault[];
  /** where Model Monitor's executions publish metrics and reports, and what they find (default: nothing drifts) */
  monitoring?: Omit<MonitoringWorld, 'capturing'>;
}

/**
 * The nth call of an operation (whatever resource it names), and `times` calls from it on (default: every later
 * one), answered with an error instead.
 */
export interface PlantedFault {
  operation: string;
  nth: number;
  times?: number;
  error: string;
  message: string;
}

export class SageMakerEmulator {
  private readonly ctx: Context;
  private readonly training: Training;
  private readonly tuning: Tuning;
  private readonly registry: Registry;
  private readonly pipelines: Pipelines;
  private readonly hosting: Hosting;
  private readonly neo: CompilationJobs;
  private readonly notebooks: Notebooks;
  private readonly studio = new Studio();
  private readonly recommendations: Recommendations;
  private readonly monitor: Monitoring;
  private readonly operations: Readonly<Record<string, (input: Json) => unknown>>;
  private readonly faults: readonly PlantedFault[];
  private readonly calls = new Map<string, number>();

  constructor(opts: SageMakerOptions) {
    this.ctx = { clock: opts.clock, emit: opts.emit, timeline: opts.timeline, tags: new TagStore() };
    this.faults = opts.faults ?? [];
    this.training = new Training(this.ctx, opts.trainingPlan);
    this.tuning = new Tuning(this.ctx, this.training);
    this.registry = new Registry(this.ctx);
    this.pipelines = new Pipelines(this.ctx, this.registry, opts.pipelinePlan);
    this.hosting = new Hosting(this.ctx, this.registry, opts.endpointPlan, opts.hasScalableTarget);
    this.neo = new CompilationJobs(this.ctx, this.registry, opts.compilationPlan);
    this.monitor = new Monitoring(this.ctx, {
      putMetric: () => undefined,
      putObject: () => undefined,
      drift: () => ({ features: [], drifted: [] }),
      ...opts.monitoring,
      capturing: (endpoint) => this.capturing(endpoint),
    });
    this.notebooks = new Notebooks(this.ctx);
    this.recommendations = new Recommendations(this.ctx, (arn) => {
      try {
        this.registry.describe({ ModelPackageName: arn });
        return true;
      } catch {
        return false;
      }
    });
    const tagging = new Tagging(this.ctx.tags, (arn) =>
      [
        this.training,
        this.tuning,
        this.registry,
        this.pipelines,
        this.hosting,
        this.neo,
        this.notebooks,
        this.recommendations,
      ].some((part) => part.has(arn)),
    );
    this.operations = {
      ...this.hosting.operations,
      ...this.monitor.operations,
      CreateTrainingJob: (i) => this.training.create(i),
      DescribeTrainingJob: (i) => this.training.describe(i),
      ListTrainingJobs: (i) => this.training.list(i),
      StopTrainingJob: (i) => this.training.stop(i),
      CreateHyperParameterTuningJob: (i) => this.tuning.create(i),
      DescribeHyperParameterTuningJob: (i) => this.tuning.describe(i),
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
      DeleteModelPackage: (i) => this.registry.delete(i),
      CreateCompilationJob: (i) => this.neo.create(i),
      DescribeCompilationJob: (i) => this.neo.describe(i),
      ListCompilationJobs: (i) => this.neo.list(i),
      StopCompilationJob: (i) => this.neo.stop(i),
      ListNotebookInstances: (i) => this.notebooks.list(i),
      StopNotebookInstance: (i) => this.notebooks.stop(i),
      ListApps: (i) => this.studio.listApps(i),
      CreateInferenceRecommendationsJob: (i) => this.recommendations.create(i),
      DescribeInferenceRecommendationsJob: (i) => this.recommendations.describe(i),
      DescribeDomain: (i) => this.studio.describeDomain(i),
      Search: (i) =>
        search(
          i,
          () => this.hosting.endpoints.all(),
          (arn) => this.ctx.tags.list(arn),
        ),
      AddTags: (i) => tagging.add(i),
      ListTags: (i) => tagging.list(i),
    };
  }

  /** (operation, input as the SDK sends it) → output with Dates, or throws an AwsError. */
  readonly handle: JsonService = (operation, input) => {
    const op = this.operations[operation];
    if (!op) throw new AwsError('UnknownOperationException', `SageMaker operation ${operation} is not emulated`);
    this.refusePlanted(operation);
    return op(input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {});
  };

  /** A planted fault answers before the operation runs, as AWS's validation does: nothing changes. */
  private refusePlanted(operation: string): void {
    const n = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, n);
    const planted = (f: PlantedFault) => f.operation === operation && n >= f.nth && n < f.nth + (f.times ?? Infinity);
    const fault = this.faults.find(planted);
    if (!fault) return;
    this.ctx.timeline.log('sagemaker', `${operation} refused (planted, call ${n}): ${fault.error}: ${fault.message}`);
    const status = /^(InternalFailure|ServiceUnavailable)$/.test(fault.error) ? 500 : 400;
    throw new AwsError(fault.error, fault.message, status);
  }

  /** Tuning jobs as SageMaker holds them, in creation order: what the run's summary reports. */
  tuningJobs(): ReadonlyArray<{ name: string; status: string; bestTrainingJob?: string; children: number }> {
    return this.tuning.all().map((j) => ({
      name: j.name,
      status: j.status,
      ...(j.best ? { bestTrainingJob: j.best.name } : {}),
      children: j.children.length,
    }));
  }

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

  modelPackages(): ReadonlyArray<{
    arn: string;
    group: string;
    version: number;
    approvalStatus: string;
    description?: string;
    metadata: Record<string, string>;
    createdAt: Date;
  }> {
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
    return this.pipelines
      .all()
      .map((e) => ({ arn: e.arn, pipelineName: e.pipeline.name, displayName: e.displayName, status: e.status }));
  }

  /** Setup hook: a model package group a user creates before deploying Shepherd (idempotent). */
  createModelPackageGroup(name: string): void {
    this.registry.groups.define(name);
  }

  /** Setup hook: a pipeline a user creates before deploying Shepherd (idempotent). */
  createPipeline(name: string): void {
    this.pipelines.define(name);
  }

  endpoints(): ReadonlyArray<EndpointView> {
    return this.hosting.endpoints.view();
  }

  /** Per endpoint, every accepted change request and every change in what it served, deleted endpoints included. */
  endpointHistory(): ReadonlyArray<EndpointHistoryView> {
    return this.hosting.endpoints.history.view();
  }

  models(): ReadonlyArray<ModelView> {
    return this.hosting.models.view();
  }

  compilationJobs(): ReadonlyArray<CompilationJobView> {
    return this.neo.view();
  }

  /**
   * The model package ARN a model serves: its container's ModelPackageName, or the package registered with its
   * ModelDataUrl.
   */
  modelPackageOf(modelName: string): string | undefined {
    return this.hosting.models.packageOf(modelName);
  }

  /** Setup hook: an endpoint InService since `since` (epoch ms) on a config that exists. */
  seedEndpoint(name: string, configName: string, since: number, tags: Record<string, string>): void {
    const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    this.hosting.endpoints.seed(name, configName, since, list);
  }

  /** Setup hook: a notebook instance InService since `since`. */
  seedNotebook(name: string, instanceType: string, since: number, tags: Record<string, string>): void {
    this.notebooks.seed(name, instanceType, since, tags);
  }

  /** Setup hook: a Studio domain and the apps it runs. */
  seedStudio(domain: SeededDomain, apps: SeededApp[]): void {
    this.studio.seed(domain, apps);
  }

  /** Setup hook: a training job (a CreateTrainingJob request) that ran from `startedAt` to `endedAt`. */
  seedTrainingJob(request: Json, startedAt: number, endedAt: number): void {
    this.training.seedFinished(request, startedAt, endedAt);
  }

  notebookInstances(): ReadonlyArray<{ name: string; status: string; instanceType: string }> {
    return this.notebooks.view();
  }

  studioApps(): ReadonlyArray<{ domainId: string; name: string; type: string; status: string }> {
    return this.studio.view();
  }

  /** Whether the endpoint serves a config with data capture switched on, as Model Monitor needs. */
  private capturing(endpoint: string): 'capturing' | 'not capturing' | 'no endpoint' {
    const e = this.hosting.endpoints.view().find((x) => x.name === endpoint);
    if (!e || e.status === 'Failed') return 'no endpoint';
    const capture = this.hosting.configs.get(e.configName)?.extra.DataCaptureConfig as Json | undefined;
    return capture && capture.EnableCapture !== false ? 'capturing' : 'not capturing';
  }

  /** Model Monitor's schedules and the executions each ran, as the summary reports them. */
  monitoringSchedules(): ReturnType<Monitoring['view']> {
    return this.monitor.view();
  }

  /** A schedule deleted behind Shepherd's back (a scenario's or a test's doing). */
  removeMonitoringSchedule(name: string): void {
    this.monitor.remove(name);
  }

  /** Cancels every pending transition, so a stopped cloud leaves no timers behind. */
  stop(): void {
    this.monitor.stopAll();
    this.training.stopAll();
    this.pipelines.stopAll();
    this.hosting.stopAll();
    this.neo.stopAll();
  }
}
