// The SageMaker emulator's parts, each built on the context they share and wired to the parts it asks: tuning
// runs training jobs; pipelines, hosting, Neo and inference recommendations read the registry; Model Monitor asks
// hosting whether an endpoint captures data.
import type { AwsEvent, Timeline } from '../core';
import type { Clock } from '../clock';
import { CompilationJobs, type CompilationPlan } from './compilation';
import type { EndpointPlan } from './endpoint-plan';
import type { PlantedFault } from './faults';
import { Hosting } from './hosting';
import { Monitoring } from './monitoring';
import type { MonitoringWorld } from './monitoring-executions';
import type { PipelinePlan } from './pipeline-script';
import { Pipelines } from './pipelines';
import { Registry } from './registry';
import { Recommendations } from './recommendations';
import { TagStore, type Context } from './shared';
import { Training } from './training';
import type { TrainingPlan } from './training-script';
import { Tuning } from './tuning';
import type { Json } from './validation';
import { Notebooks } from './workspaces';
import { Studio } from './studio';

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
  /** and DeleteEndpoint deregisters the endpoint's scalable targets */
  deregisterScalableTargets?: (endpointName: string) => void;
  /** requests refused as AWS refuses an invalid one, whatever they ask (a scenario's `faults`) */
  faults?: readonly PlantedFault[];
  /** where Model Monitor's executions publish metrics and reports, and what they find (default: nothing drifts) */
  monitoring?: Omit<MonitoringWorld, 'capturing'>;
}

export class SageMakerParts {
  readonly ctx: Context;
  readonly training: Training;
  readonly tuning: Tuning;
  readonly registry: Registry;
  readonly pipelines: Pipelines;
  readonly hosting: Hosting;
  readonly neo: CompilationJobs;
  readonly notebooks: Notebooks;
  readonly studio = new Studio();
  readonly recommendations: Recommendations;
  readonly monitor: Monitoring;

  constructor(opts: SageMakerOptions) {
    this.ctx = { clock: opts.clock, emit: opts.emit, timeline: opts.timeline, tags: new TagStore() };
    this.training = new Training(this.ctx, opts.trainingPlan);
    this.tuning = new Tuning(this.ctx, this.training);
    this.registry = new Registry(this.ctx);
    this.pipelines = new Pipelines(this.ctx, this.registry, opts.pipelinePlan);
    this.hosting = new Hosting(this.ctx, this.registry, opts.endpointPlan, {
      ...(opts.hasScalableTarget ? { hasScalableTarget: opts.hasScalableTarget } : {}),
      ...(opts.deregisterScalableTargets ? { deregisterScalableTargets: opts.deregisterScalableTargets } : {}),
    });
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
  }

  /** Whether a taggable resource of that ARN exists. */
  has(arn: string): boolean {
    return [
      this.training,
      this.tuning,
      this.registry,
      this.pipelines,
      this.hosting,
      this.neo,
      this.notebooks,
      this.recommendations,
    ].some((part) => part.has(arn));
  }

  /** Whether the endpoint serves a config with data capture switched on, as Model Monitor needs. */
  private capturing(endpoint: string): 'capturing' | 'not capturing' | 'no endpoint' {
    const e = this.hosting.endpoints.view().find((x) => x.name === endpoint);
    if (!e || e.status === 'Failed') return 'no endpoint';
    const capture = this.hosting.configs.get(e.configName)?.extra.DataCaptureConfig as Json | undefined;
    return capture && capture.EnableCapture !== false ? 'capturing' : 'not capturing';
  }

  /** Cancels every part's pending transitions. */
  stopAll(): void {
    this.monitor.stopAll();
    this.training.stopAll();
    this.pipelines.stopAll();
    this.hosting.stopAll();
    this.neo.stopAll();
  }
}
