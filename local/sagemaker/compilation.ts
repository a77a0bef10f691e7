// SageMaker Neo compilation jobs: CreateCompilationJob, DescribeCompilationJob, ListCompilationJobs,
// StopCompilationJob, and each job's life on the virtual clock — STARTING → INPROGRESS → COMPLETED or FAILED,
// or STOPPING → STOPPED — as the plan scripts it. SageMaker sends no EventBridge event for compilation jobs, so
// none is emitted: Shepherd has to poll DescribeCompilationJob. Unknown jobs are ResourceNotFound, as declared.
import { AwsError } from '../core';
import { artifactOf, describeJob, jobSummary, type Job } from './compilation-job';
import { compilationRequest } from './compilation-request';
import { listing } from './listing';
import type { Registry } from './registry';
import { lowerArn, nameIn, Resources, type Kind } from './resources';
import type { Context } from './shared';
import { invalid, P, type Json } from './validation';
import type { CompilationJobView } from './views';

export interface CompilationScript {
  durationMs?: number;
  outcome: 'COMPLETED' | 'FAILED';
  failureReason?: string;
}

export type CompilationPlan = (job: { name: string; target: string }) => CompilationScript;

const MINUTE = 60_000;
const STOPPING_MS = 30_000;
const STATUSES = ['INPROGRESS', 'COMPLETED', 'FAILED', 'STARTING', 'STOPPING', 'STOPPED'];

/** A newer API: a name in use is ResourceInUse, an unknown one ResourceNotFound, as its reference declares. */
const JOBS: Kind<Job> = {
  arn: lowerArn('compilation-job'),
  exists: (found) =>
    new AwsError(
      'ResourceInUse',
      'Compilation job names must be unique within an AWS account and region, ' +
        `and a compilation job with this name already exists (${found.arn})`,
    ),
  missing: (_asked, jobArn) => new AwsError('ResourceNotFound', `Could not find compilation job "${jobArn}".`),
};

export class CompilationJobs extends Resources<Job> {
  private readonly timers = new Map<Job, (() => void)[]>();

  constructor(
    private readonly ctx: Context,
    private readonly registry: Registry,
    private readonly plan?: CompilationPlan,
  ) {
    super(JOBS, ctx.tags);
  }

  view(): CompilationJobView[] {
    const artifact = (j: Job) => (j.artifact ? { artifact: j.artifact } : {});
    return this.all().map((j) => ({ name: j.name, status: j.status, target: j.request.target, ...artifact(j) }));
  }

  create(input: Json): { CompilationJobArn: string } {
    const request = compilationRequest(input);
    const now = this.now();
    const pkg = () => (request.packageArn === undefined ? undefined : this.registry.require(request.packageArn));
    const build = (jobArn: string, seq: number): Job => {
      pkg(); // a missing package is answered only once the name is known to be free
      return { request, arn: jobArn, name: request.name, status: 'STARTING', createdAt: now, lastModified: now, seq };
    };
    const job = this.add(request.name, build, request.tags);
    this.log(job, ` (${request.target})`);
    const script = this.plan?.({ name: request.name, target: request.target }) ?? { outcome: 'COMPLETED' };
    const end = now + (script.durationMs ?? 6 * MINUTE);
    const artifact = artifactOf(request, pkg()?.inference);
    this.timers.set(job, [
      this.at(now + Math.min(MINUTE, (end - now) / 2), (t) => this.move(job, 'INPROGRESS', t)),
      this.at(end, (t) => {
        Object.assign(
          job,
          script.outcome === 'COMPLETED'
            ? { artifact }
            : {
                failureReason:
                  script.failureReason ??
                  `ClientError: CompilationError: Unable to compile model for ${request.target}`,
              },
        );
        const note = script.outcome === 'COMPLETED' ? ` → ${artifact}` : `: ${job.failureReason}`;
        this.move(job, script.outcome, t, note);
      }),
    ]);
    return { CompilationJobArn: job.arn };
  }

  private find(input: Json): Job {
    return this.require(nameIn(input, 'CompilationJobName', { min: 1, max: 63, pattern: P.entityName }));
  }

  describe(input: Json): Json {
    return describeJob(this.find(input));
  }

  list(input: Json): { CompilationJobSummaries: Json[]; NextToken?: string } {
    const spec = {
      sortBy: ['Name', 'CreationTime', 'Status'],
      defaultSortBy: 'CreationTime',
      defaultOrder: 'Ascending',
      statuses: STATUSES,
      modified: true,
    } as const;
    const { items, NextToken } = listing(this.all(), input, spec);
    return { CompilationJobSummaries: items.map(jobSummary), ...(NextToken ? { NextToken } : {}) };
  }

  stop(input: Json): Record<string, never> {
    const job = this.find(input);
    if (job.status === 'STOPPING') return {};
    if (job.status !== 'STARTING' && job.status !== 'INPROGRESS')
      throw invalid(`The compilation job ${job.name} is ${job.status} and can no longer be stopped.`);
    for (const cancel of this.timers.get(job) ?? []) cancel();
    const now = Math.max(this.now(), job.lastModified);
    this.move(job, 'STOPPING', now);
    this.timers.set(job, [this.at(now + STOPPING_MS, (t) => this.move(job, 'STOPPED', t))]);
    return {};
  }

  stopAll(): void {
    for (const cancels of this.timers.values()) for (const cancel of cancels) cancel();
    this.timers.clear();
  }

  private now(): number {
    return this.ctx.clock.now().getTime();
  }

  /** Runs `fn` at virtual time `when`, so late timers neither add up nor overtake the job's next transition. */
  private at(when: number, fn: (t: number) => void): () => void {
    return this.ctx.clock.at(when, () => fn(when));
  }

  private move(job: Job, status: string, t: number, note = ''): void {
    job.status = status;
    job.lastModified = Math.max(t, job.lastModified);
    if (status === 'INPROGRESS') job.startedAt = job.lastModified;
    if (['COMPLETED', 'FAILED', 'STOPPED'].includes(status)) job.endedAt = job.lastModified;
    this.log(job, note);
  }

  private log(job: Job, note: string): void {
    this.ctx.timeline.log('sagemaker', `compilation ${job.name} ${job.status}${note}`);
  }
}
