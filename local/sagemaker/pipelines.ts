// SageMaker Pipelines, as far as Shepherd drives them: a pipeline exists (CreatePipeline or the setup hook),
// StartPipelineExecution runs it — idempotent on its ClientRequestToken — for the script's duration, then
// Succeeded (registering a model package, as its RegisterModel step would) or Failed, with a
// `SageMaker Model Building Pipeline Execution Status Change` event on each change. Here are the requests, the
// pipelines and the executions' reads; running an execution is pipeline-runs.ts.
import { AwsError } from '../core';
import {
  describeExecution,
  executionSummary,
  startRequest,
  executionSteps,
  type Execution,
  type Pipeline,
} from './executions';
import { PipelineRuns } from './pipeline-runs';
import type { PipelinePlan } from './pipeline-script';
import type { Registry } from './registry';
import { lowerArn, nameIn, Resources, type Kind } from './resources';
import { arn, page, pageRequest, sorter, timeInput, within, type Context } from './shared';
import { Checker, invalid, P, type Json } from './validation';

/** A name in use is a ValidationException naming it; an unknown pipeline ResourceNotFound, its ARN as asked. */
const PIPELINES: Kind<Pipeline> = {
  arn: lowerArn('pipeline'),
  exists: (_found, name) =>
    invalid(
      'Pipeline names must be unique within an AWS account and region. ' +
        `Pipeline with name (${name}) already exists.`,
    ),
  missing: (asked) => {
    const shown = asked.startsWith('arn:') ? asked : arn(`pipeline/${asked}`);
    return new AwsError('ResourceNotFound', `Pipeline '${shown}' does not exist.`);
  },
};

/** Executions are named by their ARN, matched exactly. */
const EXECUTIONS: Kind<Execution> = {
  arn: (executionArn) => executionArn,
  missing: (asked) => new AwsError('ResourceNotFound', `Pipeline execution '${asked}' does not exist.`),
  exactCase: true,
};

export class Pipelines {
  private readonly pipelines: Resources<Pipeline>;
  private readonly executions: Resources<Execution>;
  private readonly runs: PipelineRuns;

  constructor(ctx: Context, registry: Registry, plan: PipelinePlan | undefined) {
    this.pipelines = new Resources(PIPELINES, ctx.tags);
    this.executions = new Resources(EXECUTIONS, ctx.tags);
    this.runs = new PipelineRuns(ctx, this.executions, registry, plan);
  }

  all(): readonly Execution[] {
    return this.executions.all();
  }

  has(resourceArn: string): boolean {
    return this.pipelines.has(resourceArn) || this.executions.has(resourceArn);
  }

  /** The pipeline of that name, created if need be (the setup hook is idempotent). */
  define(name: string): Pipeline {
    return this.pipelines.ensure(name, (pipelineArn) => ({ name, arn: pipelineArn }));
  }

  create(input: Json): { PipelineArn: string } {
    const c = new Checker();
    c.required(input.PipelineName, 'pipelineName');
    const name = c.string(input.PipelineName, 'pipelineName', { min: 1, max: 256, pattern: P.pipelineName }) ?? '';
    c.string(input.PipelineDisplayName, 'pipelineDisplayName', { min: 1, max: 256, pattern: P.pipelineName });
    c.string(input.PipelineDefinition, 'pipelineDefinition', { min: 1, max: 1_048_576 });
    c.string(input.PipelineDescription, 'pipelineDescription', { max: 3072 });
    c.required(input.ClientRequestToken, 'clientRequestToken');
    const token = c.string(input.ClientRequestToken, 'clientRequestToken', { min: 32, max: 128 });
    c.required(input.RoleArn, 'roleArn');
    c.string(input.RoleArn, 'roleArn', { min: 20, max: 2048, pattern: P.roleArn });
    const tags = c.tags(input.Tags);
    c.done();
    const existing = this.pipelines.get(name);
    if (existing && existing.token === token) return { PipelineArn: existing.arn };
    const pipeline = this.pipelines.add(name, (pipelineArn) => ({ name, arn: pipelineArn, token }), tags);
    return { PipelineArn: pipeline.arn };
  }

  /** Checks a PipelineName member (name or ARN) into `c`, throws what `c` found, then finds the pipeline. */
  private pipeline(c: Checker, value: unknown): Pipeline {
    c.required(value, 'pipelineName');
    const name = c.string(value, 'pipelineName', { min: 1, max: 2048, pattern: P.pipelineNameOrArn }) ?? '';
    c.done();
    return this.pipelines.require(name.startsWith('arn:') ? (name.split(':pipeline/')[1] ?? '') : name, name);
  }

  start(input: Json): { PipelineExecutionArn: string } {
    const c = new Checker();
    const request = startRequest(c, input);
    const pipeline = this.pipeline(c, input.PipelineName);
    return { PipelineExecutionArn: this.runs.start(pipeline, request).arn };
  }

  describe(input: Json): Json {
    const executionArn = nameIn(input, 'PipelineExecutionArn', { max: 2048, pattern: P.pipelineExecutionArn });
    return describeExecution(this.executions.require(executionArn));
  }

  steps(input: Json): { PipelineExecutionSteps: Json[]; NextToken?: string } {
    const c = new Checker();
    c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] });
    const at = pageRequest(c, input);
    c.done();
    const executionArn = nameIn(input, 'PipelineExecutionArn', { max: 2048, pattern: P.pipelineExecutionArn });
    const steps = executionSteps(this.executions.require(executionArn));
    const { items, NextToken } = page(steps, at);
    return { PipelineExecutionSteps: items, ...(NextToken ? { NextToken } : {}) };
  }

  list(input: Json): { PipelineExecutionSummaries: Json[]; NextToken?: string } {
    const c = new Checker();
    const sortBy =
      c.string(input.SortBy, 'sortBy', { enum: ['CreationTime', 'PipelineExecutionArn'] }) ?? 'CreationTime';
    const order = c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] }) ?? 'Descending';
    const at = pageRequest(c, input);
    const pipeline = this.pipeline(c, input.PipelineName);
    const [after, before] = [
      timeInput(input.CreatedAfter, 'createdAfter'),
      timeInput(input.CreatedBefore, 'createdBefore'),
    ];
    const matching = this.all()
      .filter((e) => e.pipeline === pipeline && within(e.createdAt, after, before))
      .sort(
        sorter(
          (e) => (sortBy === 'PipelineExecutionArn' ? e.arn : e.createdAt),
          (e) => e.seq,
          order,
        ),
      );
    const { items, NextToken } = page(matching, at);
    return { PipelineExecutionSummaries: items.map(executionSummary), ...(NextToken ? { NextToken } : {}) };
  }

  stopAll(): void {
    this.runs.stopAll();
  }
}
