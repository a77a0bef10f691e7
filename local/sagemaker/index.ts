// The emulated SageMaker API (awsJson1_1, target prefix `SageMaker`): training jobs on the virtual clock,
// the model registry and pipelines, hosting (models, endpoint configs, endpoints) and Neo compilation jobs,
// each answering and failing the way SageMaker does (docs/aws-sagemaker.md), and emitting the EventBridge events
// SageMaker emits — and none where it emits none (compilation jobs). The parts: parts.ts (each part, wired to the
// parts it asks), operations.ts (which part answers each operation), faults.ts (a scenario's planted faults),
// views.ts and job-views.ts (the snapshots the rest of the local cloud reads).
import { AwsError, type JsonService } from '../core';
import type { EndpointHistoryView } from './endpoint-history';
import { PlantedFaults } from './faults';
import {
  modelPackageViews,
  pipelineExecutionViews,
  trainingJobViews,
  tuningJobViews,
  type ModelPackageView,
  type PipelineExecutionView,
  type TrainingJobView,
  type TuningJobView,
} from './job-views';
import type { Monitoring } from './monitoring';
import { operationsOf } from './operations';
import { SageMakerParts, type SageMakerOptions } from './parts';
import type { SeededApp, SeededDomain } from './studio';
import type { Json } from './validation';
import type { CompilationJobView, EndpointView, ModelView } from './views';

export type { CompilationPlan, CompilationScript } from './compilation';
export type { EndpointHistoryView, EndpointRequestRecord, HistoryVariant, ServedChange } from './endpoint-history';
export type { EndpointOperation, EndpointPlan, EndpointScript } from './endpoint-plan';
export type { PlantedFault } from './faults';
export type { SageMakerOptions } from './parts';
export type { PipelineScript } from './pipeline-script';
export type { TrainingScript } from './training-script';
export type { CompilationJobView, EndpointVariantView, EndpointView, ModelView } from './views';

export class SageMakerEmulator {
  private readonly parts: SageMakerParts;
  private readonly operations: Readonly<Record<string, (input: Json) => unknown>>;
  private readonly faults: PlantedFaults;

  constructor(opts: SageMakerOptions) {
    this.faults = new PlantedFaults(opts.faults ?? [], opts.timeline);
    this.parts = new SageMakerParts(opts);
    this.operations = operationsOf(this.parts);
  }

  /** (operation, input as the SDK sends it) → output with Dates, or throws an AwsError. */
  readonly handle: JsonService = (operation, input) => {
    const op = this.operations[operation];
    if (!op) throw new AwsError('UnknownOperationException', `SageMaker operation ${operation} is not emulated`);
    this.faults.refuse(operation);
    return op(input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {});
  };

  /** Tuning jobs as SageMaker holds them, in creation order: what the run's summary reports. */
  tuningJobs(): ReadonlyArray<TuningJobView> {
    return tuningJobViews(this.parts.tuning);
  }

  trainingJobs(): ReadonlyArray<TrainingJobView> {
    return trainingJobViews(this.parts.training, this.parts.ctx.tags);
  }

  modelPackages(): ReadonlyArray<ModelPackageView> {
    return modelPackageViews(this.parts.registry);
  }

  pipelineExecutions(): ReadonlyArray<PipelineExecutionView> {
    return pipelineExecutionViews(this.parts.pipelines);
  }

  /** Setup hook: a model package group a user creates before deploying Shepherd (idempotent). */
  createModelPackageGroup(name: string): void {
    this.parts.registry.groups.define(name);
  }

  /** Setup hook: a pipeline a user creates before deploying Shepherd (idempotent). */
  createPipeline(name: string): void {
    this.parts.pipelines.define(name);
  }

  endpoints(): ReadonlyArray<EndpointView> {
    return this.parts.hosting.endpoints.view();
  }

  /** Per endpoint, every accepted change request and every change in what it served, deleted endpoints included. */
  endpointHistory(): ReadonlyArray<EndpointHistoryView> {
    return this.parts.hosting.endpoints.history.view();
  }

  models(): ReadonlyArray<ModelView> {
    return this.parts.hosting.models.view();
  }

  compilationJobs(): ReadonlyArray<CompilationJobView> {
    return this.parts.neo.view();
  }

  /**
   * The model package ARN a model serves: its container's ModelPackageName, or the package registered with its
   * ModelDataUrl.
   */
  modelPackageOf(modelName: string): string | undefined {
    return this.parts.hosting.models.packageOf(modelName);
  }

  /** Setup hook: an endpoint InService since `since` (epoch ms) on a config that exists. */
  seedEndpoint(name: string, configName: string, since: number, tags: Record<string, string>): void {
    const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    this.parts.hosting.endpoints.seed(name, configName, since, list);
  }

  /** Setup hook: a notebook instance InService since `since`. */
  seedNotebook(name: string, instanceType: string, since: number, tags: Record<string, string>): void {
    this.parts.notebooks.seed(name, instanceType, since, tags);
  }

  /** Setup hook: a Studio domain and the apps it runs. */
  seedStudio(domain: SeededDomain, apps: SeededApp[]): void {
    this.parts.studio.seed(domain, apps);
  }

  /** Setup hook: a training job (a CreateTrainingJob request) that ran from `startedAt` to `endedAt`. */
  /** A job that ran before the scenario: Completed at `endedAt`, or still InProgress without one. */
  seedTrainingJob(request: Json, startedAt: number, endedAt?: number): void {
    this.parts.training.seedFinished(request, startedAt, endedAt);
  }

  notebookInstances(): ReadonlyArray<{ name: string; status: string; instanceType: string }> {
    return this.parts.notebooks.view();
  }

  studioApps(): ReadonlyArray<{ domainId: string; name: string; type: string; status: string }> {
    return this.parts.studio.view();
  }

  /** Model Monitor's schedules and the executions each ran, as the summary reports them. */
  monitoringSchedules(): ReturnType<Monitoring['view']> {
    return this.parts.monitor.view();
  }

  /** A schedule deleted behind Shepherd's back (a scenario's or a test's doing). */
  removeMonitoringSchedule(name: string): void {
    this.parts.monitor.remove(name);
  }

  /** Cancels every pending transition, so a stopped cloud leaves no timers behind. */
  stop(): void {
    this.parts.stopAll();
  }
}
