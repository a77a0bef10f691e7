// Training jobs: CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs, StopTrainingJob, and each job's
// life on the virtual clock as its script tells it (training-script.ts), one event and timeline line per change.
import { AwsError, envelope } from '../core';
import { listing, type ListSpec } from './listing';
import { lowerArn, nameIn, Resources, type Kind } from './resources';
import { duration, type Context } from './shared';
import { TrainingJob } from './training-job';
import { steps, type Step, type TrainingPlan, type TrainingScript } from './training-script';
import { trainingRequest } from './training-request';
import { invalid, P, type Json } from './validation';

const STOP_REQUESTED_MS = 30_000;
const DEFAULT_FAILURE =
  'AlgorithmError: framework error: the training script exited with a non-zero code\n\nExitCode 1';
const STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting'];
const LIST: ListSpec = {
  sortBy: ['Name', 'CreationTime', 'Status'],
  defaultSortBy: 'CreationTime',
  defaultOrder: 'Ascending',
  statuses: STATUSES,
  modified: true,
  statusAfterPage: true,
};

/** A name in use is ResourceInUse; an unknown one a ValidationException without the name. */
const JOBS: Kind<TrainingJob> = {
  arn: lowerArn('training-job'),
  exists: (found) =>
    new AwsError(
      'ResourceInUse',
      'Training job names must be unique within an AWS account and region, ' +
        `and a training job with this name already exists (${found.arn})`,
    ),
  missing: () => invalid('Requested resource not found.'),
};

export class Training extends Resources<TrainingJob> {
  private readonly scripts = new Map<TrainingJob, TrainingScript>();
  private readonly timers = new Map<TrainingJob, (() => void)[]>();
  private readonly endWatchers = new Map<TrainingJob, (job: TrainingJob) => void>();

  constructor(
    private readonly ctx: Context,
    private readonly plan: TrainingPlan,
  ) {
    super(JOBS, ctx.tags);
  }

  /** `child`: a tuning job launches this one, and hears when it ends. */
  create(
    input: Json,
    child?: { tuningJobArn: string; onEnded: (job: TrainingJob) => void },
  ): { TrainingJobArn: string } {
    const request = trainingRequest(input);
    const now = this.ctx.clock.now().getTime();
    const build = (jobArn: string, seq: number) => new TrainingJob(request, jobArn, now, seq);
    const job = this.add(request.name, build, request.tags);
    if (child) {
      job.tuningJobArn = child.tuningJobArn;
      this.endWatchers.set(job, child.onEnded);
    }
    const script = this.plan({
      name: request.name,
      tags: Object.fromEntries(request.tags.map((t) => [t.Key, t.Value])),
      request: structuredClone(input),
    });
    this.scripts.set(job, script);
    this.announce(job);
    this.timers.set(
      job,
      steps(job.createdAt, script).map((step) => this.schedule(job, step)),
    );
    return { TrainingJobArn: job.arn };
  }

  /**
   * Setup hook: a job that ran and finished before the scenario began, or without `endedAt` one still running since
   * `startedAt`; it is history, so it raises no event.
   */
  seedFinished(input: Json, startedAt: number, endedAt?: number): void {
    const request = trainingRequest(input);
    const job = this.add(request.name, (arn, seq) => new TrainingJob(request, arn, startedAt, seq), request.tags);
    job.move('InProgress', 'Downloading', startedAt);
    if (endedAt === undefined) job.move('InProgress', 'Training', startedAt);
    else job.move('Completed', 'Completed', endedAt);
  }

  private find(input: Json): TrainingJob {
    return this.require(nameIn(input, 'TrainingJobName', { min: 1, max: 63, pattern: P.entityName }));
  }

  describe(input: Json): Record<string, unknown> {
    return this.find(input).describe();
  }

  stop(input: Json): Record<string, never> {
    const job = this.find(input);
    if (job.status === 'Stopping') return {};
    if (job.status !== 'InProgress')
      throw invalid(`The request was rejected because the training job is in status ${job.status}.`);
    for (const cancel of this.timers.get(job) ?? []) cancel();
    const at = Math.max(this.ctx.clock.now().getTime(), job.lastTransitionAt);
    this.apply(job, { at, status: 'Stopping', secondary: 'Stopping' });
    this.timers.set(job, [this.schedule(job, { at: at + STOP_REQUESTED_MS, status: 'Stopped', secondary: 'Stopped' })]);
    return {};
  }

  list(input: Json): { TrainingJobSummaries: Record<string, unknown>[]; NextToken?: string } {
    // As documented: a page of MaxResults jobs is taken first, then filtered by StatusEquals.
    const { items, NextToken } = listing(this.all(), input, LIST);
    return { TrainingJobSummaries: items.map((j) => j.summary()), ...(NextToken ? { NextToken } : {}) };
  }

  /** Applies `step` at its virtual time, so late timers neither add up nor overtake the job's next step. */
  private schedule(job: TrainingJob, step: Step): () => void {
    return this.ctx.clock.at(step.at, () => this.apply(job, step));
  }

  private apply(job: TrainingJob, step: Step): void {
    job.move(step.status, step.secondary, step.at);
    const script = this.scripts.get(job);
    if (step.status === 'Completed') job.metrics = { ...(script?.metrics ?? {}) };
    if (step.status === 'Failed') job.failureReason = script?.failureReason ?? DEFAULT_FAILURE;
    this.announce(job);
    if (job.ended) this.endWatchers.get(job)?.(job);
  }

  /** The state-change event and the timeline line for the job's current state. */
  private announce(job: TrainingJob): void {
    const at = job.lastTransitionAt;
    this.ctx.emit(
      envelope(
        'aws.sagemaker',
        'SageMaker Training Job State Change',
        job.eventDetail(this.ctx.tags.map(job.arn)),
        [job.arn],
        new Date(at),
      ),
    );
    this.ctx.timeline.log('sagemaker', `training ${job.name} ${job.status}/${job.secondaryStatus}${this.note(job)}`);
  }

  private note(job: TrainingJob): string {
    const script = this.scripts.get(job);
    switch (job.secondaryStatus) {
      case 'Starting':
        return job.request.spot ? ' (managed spot)' : '';
      case 'Interrupted': {
        const next = steps(job.createdAt, script ?? { outcome: 'Completed' }).find((s) => s.at > job.lastTransitionAt);
        return `: spot capacity reclaimed${next ? `, resumes in ${duration(next.at - job.lastTransitionAt)}` : ''}`;
      }
      case 'Completed': {
        const metrics = Object.entries(job.metrics)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        return `${metrics ? ` ${metrics}` : ''} (${job.trainingSeconds ?? 0}s, billable ${job.billableSeconds ?? 0}s)`;
      }
      case 'Failed':
        return `: ${(job.failureReason ?? '').split('\n')[0]!.slice(0, 100)}`;
      default:
        return '';
    }
  }

  /** Cancels every pending transition (the cloud is shutting down). */
  stopAll(): void {
    for (const cancels of this.timers.values()) for (const cancel of cancels) cancel();
    this.timers.clear();
  }
}
