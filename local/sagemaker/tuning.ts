// Hyperparameter tuning jobs: CreateHyperParameterTuningJob (no client token: a name in use is ResourceInUse) and
// DescribeHyperParameterTuningJob. A tuning job runs its children as training jobs, at most MaxParallelTrainingJobs
// at once, each going as the scenario scripts the line's trainings; when all have ended it picks the best by its
// objective and emits `SageMaker HyperParameter Tuning Job State Change`, which, as AWS documents, names no best job.
import { createHash } from 'node:crypto';
import { AwsError, envelope } from '../core';
import { lowerArn, nameIn, Resources, type Kind } from './resources';
import type { Context } from './shared';
import type { Training } from './training';
import type { TrainingJob } from './training-job';
import { sample, TuningJob } from './tuning-job';
import { pattern } from './patterns';
import { Checker, invalid, type Json } from './validation';

const NAME = pattern('[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}');
const STRATEGIES = ['Bayesian', 'Random', 'Hyperband', 'Grid'];

const JOBS: Kind<TuningJob> = {
  arn: lowerArn('hyper-parameter-tuning-job'),
  exists: (found) => new AwsError('ResourceInUse', `Resource Already Exists: ${found.arn}`),
  missing: (asked) => new AwsError('ResourceNotFound', `Amazon SageMaker can't find a tuning job named ${asked}.`),
};

export class Tuning extends Resources<TuningJob> {
  constructor(
    private readonly ctx: Context,
    private readonly training: Training,
  ) {
    super(JOBS, ctx.tags);
  }

  create(input: Json): { HyperParameterTuningJobArn: string } {
    const { name, tags } = check(input);
    const now = this.ctx.clock.now().getTime();
    const job = this.add(name, (jobArn) => new TuningJob(name, jobArn, structuredClone(input), now), tags);
    this.announce(job);
    const parallel = Math.min(job.limits.MaxParallelTrainingJobs, job.limits.MaxNumberOfTrainingJobs);
    for (let i = 0; i < parallel; i++) this.launch(job);
    return { HyperParameterTuningJobArn: job.arn };
  }

  describe(input: Json): Json {
    return this.require(nameIn(input, 'HyperParameterTuningJobName', { min: 1, max: 32, pattern: NAME })).describe();
  }

  /** SageMaker names children `<tuning job>-<nnn>-<8 hex>`. */
  private launch(job: TuningJob): void {
    const n = job.children.length;
    const def = job.input.TrainingJobDefinition as Json;
    const hash = createHash('sha256').update(`${job.arn}|${n}`).digest('hex').slice(0, 8);
    const request: Json = {
      TrainingJobName: `${job.name}-${String(n + 1).padStart(3, '0')}-${hash}`,
      HyperParameters: {
        ...((def.StaticHyperParameters as Json) ?? {}),
        ...sample(job.config, n, job.limits.MaxNumberOfTrainingJobs),
      },
      AlgorithmSpecification: def.AlgorithmSpecification,
      RoleArn: def.RoleArn,
      InputDataConfig: def.InputDataConfig,
      OutputDataConfig: def.OutputDataConfig,
      ResourceConfig: def.ResourceConfig,
      StoppingCondition: def.StoppingCondition,
      ...(def.VpcConfig ? { VpcConfig: def.VpcConfig } : {}),
      EnableManagedSpotTraining: def.EnableManagedSpotTraining,
      EnableNetworkIsolation: def.EnableNetworkIsolation,
      EnableInterContainerTrafficEncryption: def.EnableInterContainerTrafficEncryption,
      ...(def.CheckpointConfig ? { CheckpointConfig: def.CheckpointConfig } : {}),
      // The tuning job's tags go to every training job it launches.
      Tags: job.input.Tags ?? [],
    };
    const { TrainingJobArn } = this.training.create(request, {
      tuningJobArn: job.arn,
      onEnded: () => this.childEnded(job),
    });
    job.children.push(this.training.get(TrainingJobArn.split('/').pop()!)!);
  }

  private childEnded(job: TuningJob): void {
    if (job.status !== 'InProgress') return;
    if (job.children.length < job.limits.MaxNumberOfTrainingJobs) {
      this.launch(job);
      return;
    }
    if (job.children.some((c) => !c.ended)) return;
    const { MetricName, Type } = job.objective;
    const scored = job.children.filter((c) => c.status === 'Completed' && c.metrics[MetricName] !== undefined);
    const better = (a: TrainingJob, b: TrainingJob) =>
      Type === 'Maximize'
        ? a.metrics[MetricName]! > b.metrics[MetricName]!
        : a.metrics[MetricName]! < b.metrics[MetricName]!;
    job.best = scored.reduce<TrainingJob | undefined>((best, c) => (!best || better(c, best) ? c : best), undefined);
    job.status = job.best ? 'Completed' : 'Failed';
    if (!job.best) job.failureReason = `No training job succeeded with objective metric ${MetricName}`;
    job.lastModified = job.endTime = this.ctx.clock.now().getTime();
    this.announce(job);
  }

  private announce(job: TuningJob): void {
    const detail = job.eventDetail(this.ctx.tags.map(job.arn));
    const at = new Date(job.lastModified);
    this.ctx.emit(envelope('aws.sagemaker', 'SageMaker HyperParameter Tuning Job State Change', detail, [job.arn], at));
    const best = job.best
      ? `: best ${job.best.name} ${job.objective.MetricName}=${job.best.metrics[job.objective.MetricName]}`
      : '';
    this.ctx.timeline.log(
      'sagemaker',
      `tuning ${job.name} ${job.status}${best}${job.failureReason ? `: ${job.failureReason}` : ''}`,
    );
  }
}

/** The request, checked as far as Shepherd's requests can go wrong. */
function check(input: Json): { name: string; tags: { Key: string; Value: string }[] } {
  const c = new Checker();
  c.required(input.HyperParameterTuningJobName, 'hyperParameterTuningJobName');
  const name =
    c.string(input.HyperParameterTuningJobName, 'hyperParameterTuningJobName', { min: 1, max: 32, pattern: NAME }) ??
    '';
  const config = c.struct(input.HyperParameterTuningJobConfig, 'hyperParameterTuningJobConfig');
  c.required(config, 'hyperParameterTuningJobConfig');
  c.required(input.TrainingJobDefinition, 'trainingJobDefinition');
  c.done();
  if (!STRATEGIES.includes(String(config!.Strategy))) throw invalid(`Strategy must be one of ${STRATEGIES.join(', ')}`);
  const limits = config!.ResourceLimits as Json | undefined;
  if (!limits || !Number(limits.MaxNumberOfTrainingJobs) || !Number(limits.MaxParallelTrainingJobs))
    throw invalid('ResourceLimits needs MaxNumberOfTrainingJobs and MaxParallelTrainingJobs');
  const objective = config!.HyperParameterTuningJobObjective as Json | undefined;
  if (!objective?.MetricName || !['Maximize', 'Minimize'].includes(String(objective.Type)))
    throw invalid('HyperParameterTuningJobObjective needs a MetricName and a Type of Maximize or Minimize');
  return { name, tags: (input.Tags as { Key: string; Value: string }[] | undefined) ?? [] };
}
