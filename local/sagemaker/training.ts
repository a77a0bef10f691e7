// Training jobs: CreateTrainingJob, DescribeTrainingJob, ListTrainingJobs, StopTrainingJob, and each job's
// life on the virtual clock as its script tells it (training-script.ts), one event and timeline line per change.
import { AwsError, envelope } from '../core';
import { arn, duration, page, pageRequest, sorter, timeInput, within, type Context } from './shared';
import { TrainingJob } from './training-job';
import { steps, type Step, type TrainingPlan, type TrainingScript } from './training-script';
import { trainingRequest } from './training-request';
import { Checker, invalid, P, type Json } from './validation';

export type { TrainingPlan, TrainingScript } from './training-script';

const STOP_REQUESTED_MS = 30_000;
const DEFAULT_FAILURE = 'AlgorithmError: framework error: the training script exited with a non-zero code\n\nExitCode 1';

export class Training {
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly scripts = new Map<TrainingJob, TrainingScript>();
  private readonly timers = new Map<TrainingJob, (() => void)[]>();

  constructor(
    private readonly ctx: Context,
    private readonly plan: TrainingPlan,
  ) {}

  all(): TrainingJob[] {
    return [...this.jobs.values()];
  }

  has(resourceArn: string): boolean {
    return this.all().some((j) => j.arn === resourceArn);
  }

  create(input: Json): { TrainingJobArn: string } {
    const request = trainingRequest(input);
    const key = request.name.toLowerCase();
    const jobArn = arn(`training-job/${key}`);
    if (this.jobs.has(key)) {
      throw new AwsError('ResourceInUse', `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${jobArn})`);
    }
    const script = this.plan({ name: request.name, tags: Object.fromEntries(request.tags.map((t) => [t.Key, t.Value])), request: structuredClone(input) });
    const job = new TrainingJob(request, jobArn, this.ctx.clock.now().getTime(), this.jobs.size);
    this.jobs.set(key, job);
    this.ctx.tags.add(jobArn, request.tags);
    this.scripts.set(job, script);
    this.announce(job);
    this.timers.set(job, steps(job.createdAt, script).map((step) => this.schedule(job, step)));
    return { TrainingJobArn: jobArn };
  }

  private find(input: Json): TrainingJob {
    const c = new Checker();
    c.required(input.TrainingJobName, 'trainingJobName');
    const name = c.string(input.TrainingJobName, 'trainingJobName', { min: 1, max: 63, pattern: P.entityName }) ?? '';
    c.done();
    const job = this.jobs.get(name.toLowerCase());
    if (!job) throw invalid('Requested resource not found.');
    return job;
  }

  describe(input: Json): Record<string, unknown> {
    return this.find(input).describe();
  }

  stop(input: Json): Record<string, never> {
    const job = this.find(input);
    if (job.status === 'Stopping') return {};
    if (job.status !== 'InProgress') throw invalid(`The request was rejected because the training job is in status ${job.status}.`);
    for (const cancel of this.timers.get(job) ?? []) cancel();
    const at = Math.max(this.ctx.clock.now().getTime(), job.lastTransitionAt);
    this.apply(job, { at, status: 'Stopping', secondary: 'Stopping' });
    this.timers.set(job, [this.schedule(job, { at: at + STOP_REQUESTED_MS, status: 'Stopped', secondary: 'Stopped' })]);
    return {};
  }

  list(input: Json): { TrainingJobSummaries: Record<string, unknown>[]; NextToken?: string } {
    const c = new Checker();
    const contains = c.string(input.NameContains, 'nameContains', { max: 63, pattern: P.nameContains })?.toLowerCase();
    const status = c.string(input.StatusEquals, 'statusEquals', { enum: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting'] });
    const sortBy = c.string(input.SortBy, 'sortBy', { enum: ['Name', 'CreationTime', 'Status'] }) ?? 'CreationTime';
    const order = c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] });
    const at = pageRequest(c, input);
    c.done();
    const [after, before] = [timeInput(input.CreationTimeAfter, 'creationTimeAfter'), timeInput(input.CreationTimeBefore, 'creationTimeBefore')];
    const [modAfter, modBefore] = [timeInput(input.LastModifiedTimeAfter, 'lastModifiedTimeAfter'), timeInput(input.LastModifiedTimeBefore, 'lastModifiedTimeBefore')];
    const key = (j: TrainingJob) => (sortBy === 'Name' ? j.name : sortBy === 'Status' ? j.status : j.createdAt);
    const matching = this.all()
      .filter((j) => (contains === undefined || j.name.toLowerCase().includes(contains)) && within(j.createdAt, after, before) && within(j.lastModified, modAfter, modBefore))
      .sort(sorter(key, (j) => j.seq, order));
    // As documented: a page of MaxResults jobs is taken first, then filtered by StatusEquals.
    const { items, NextToken } = page(matching, at);
    const summaries = items.filter((j) => status === undefined || j.status === status).map((j) => j.summary());
    return { TrainingJobSummaries: summaries, ...(NextToken ? { NextToken } : {}) };
  }

  /** Applies `step` at its virtual time: the delay is counted from now, so late timers do not add up. */
  private schedule(job: TrainingJob, step: Step): () => void {
    return this.ctx.clock.after(step.at - this.ctx.clock.now().getTime(), () => this.apply(job, step));
  }

  private apply(job: TrainingJob, step: Step): void {
    job.move(step.status, step.secondary, step.at);
    const script = this.scripts.get(job);
    if (step.status === 'Completed') job.metrics = { ...(script?.metrics ?? {}) };
    if (step.status === 'Failed') job.failureReason = script?.failureReason ?? DEFAULT_FAILURE;
    this.announce(job);
  }

  /** The state-change event and the timeline line for the job's current state. */
  private announce(job: TrainingJob): void {
    const at = job.lastTransitionAt;
    this.ctx.emit(envelope('aws.sagemaker', 'SageMaker Training Job State Change', job.eventDetail(this.ctx.tags.map(job.arn)), [job.arn], new Date(at)));
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
        const metrics = Object.entries(job.metrics).map(([k, v]) => `${k}=${v}`).join(' ');
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
