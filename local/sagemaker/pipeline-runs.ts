// Running a pipeline execution: StartPipelineExecution's new execution (or, on a ClientRequestToken seen before for
// that pipeline, the one it started), its script's duration on the virtual clock, its end, and the
// `SageMaker Model Building Pipeline Execution Status Change` event and timeline line on each change. It stands
// apart from the Pipelines API (pipelines.ts), which checks requests and shows pipelines and executions.
import { envelope } from '../core';
import { type Execution, type Pipeline, type StartRequest, statusChangeDetail } from './executions';
import { finishExecution, type PipelinePlan, type PipelineScript } from './pipeline-script';
import type { Registry } from './registry';
import type { Resources } from './resources';
import { type Context, executionId } from './shared';

export class PipelineRuns {
  private readonly tokens = new Map<string, Execution>();
  private readonly timers: (() => void)[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly executions: Resources<Execution>,
    private readonly registry: Registry,
    private readonly plan: PipelinePlan | undefined,
  ) {}

  start(pipeline: Pipeline, request: StartRequest): Execution {
    const again = this.tokens.get(`${pipeline.arn} ${request.token}`);
    if (again) return again;
    const now = this.ctx.clock.now().getTime();
    const execution = this.executions.add(`${pipeline.arn}/execution/${executionId()}`, (executionArn, seq) => ({
      arn: executionArn,
      pipeline,
      displayName: request.displayName ?? `execution-${now}`,
      parameters: request.parameters,
      status: 'Executing',
      createdAt: now,
      lastModified: now,
      seq,
      ...(request.description !== undefined ? { description: request.description } : {}),
    }));
    this.tokens.set(`${pipeline.arn} ${request.token}`, execution);
    const script = this.plan?.({
      pipelineName: pipeline.name,
      displayName: execution.displayName,
      parameters: { ...request.parameters },
    }) ?? { outcome: 'Succeeded' };
    this.announce(execution, undefined);
    const end = now + (script.durationMs ?? 15 * 60_000);
    this.timers.push(this.ctx.clock.at(end, () => this.finish(execution, script, end)));
    return execution;
  }

  private finish(e: Execution, script: PipelineScript, at: number): void {
    finishExecution(e, script, at, this.registry);
    this.announce(e, 'Executing');
  }

  private announce(e: Execution, previous: string | undefined): void {
    const detail = statusChangeDetail(e, previous);
    this.ctx.emit(
      envelope(
        'aws.sagemaker',
        'SageMaker Model Building Pipeline Execution Status Change',
        detail,
        [e.pipeline.arn, e.arn],
        new Date(e.lastModified),
      ),
    );
    const id = e.arn.split('/').pop();
    this.ctx.timeline.log(
      'sagemaker',
      `pipeline ${e.pipeline.name} ${id} (${e.displayName}) ${e.status}` +
        `${e.failureReason ? `: ${e.failureReason.slice(0, 100)}` : ''}`,
    );
  }

  stopAll(): void {
    for (const cancel of this.timers.splice(0)) cancel();
  }
}
