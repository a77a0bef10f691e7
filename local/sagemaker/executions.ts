// Pipeline executions: what StartPipelineExecution may carry, and how an execution is shown —
// DescribePipelineExecution, ListPipelineExecutions' summary, and the camelCase detail of
// `SageMaker Model Building Pipeline Execution Status Change` (as in events/pipeline-execution-status-change.*.json).
import { isoSeconds } from './shared';
import { Checker, P, type Json } from './validation';

export interface Pipeline {
  name: string;
  arn: string;
  token?: string;
}

export interface Execution {
  arn: string;
  pipeline: Pipeline;
  displayName: string;
  description?: string;
  parameters: Record<string, string>;
  status: string;
  failureReason?: string;
  createdAt: number;
  lastModified: number;
  endedAt?: number;
  seq: number;
  /** The package its RegisterModel step registered. */
  registered?: string;
}

export interface StartRequest {
  displayName?: string;
  description?: string;
  token: string;
  parameters: Record<string, string>;
}

/** StartPipelineExecution's members other than PipelineName, checked into `c`. */
export function startRequest(c: Checker, input: Json): StartRequest {
  const displayName = c.string(input.PipelineExecutionDisplayName, 'pipelineExecutionDisplayName', {
    min: 1,
    max: 82,
    pattern: P.pipelineExecutionName,
  });
  const description = c.string(input.PipelineExecutionDescription, 'pipelineExecutionDescription', { max: 3072 });
  c.required(input.ClientRequestToken, 'clientRequestToken');
  const token = c.string(input.ClientRequestToken, 'clientRequestToken', { min: 32, max: 128 }) ?? '';
  const list = c.list(input.PipelineParameters, 'pipelineParameters', { min: 0, max: 200 }) ?? [];
  const parameters = Object.fromEntries(
    list.map((item, i) => {
      const p = Checker.path('pipelineParameters', i);
      const param = c.struct(item, p) ?? {};
      c.required(param.Name, Checker.path(p, 'Name'));
      c.required(param.Value, Checker.path(p, 'Value'));
      const name =
        c.string(param.Name, Checker.path(p, 'Name'), { min: 1, max: 256, pattern: P.pipelineParameterName }) ?? '';
      return [name, c.string(param.Value, Checker.path(p, 'Value'), { max: 1024 }) ?? ''];
    }),
  );
  return {
    token,
    parameters,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

export function describeExecution(e: Execution): Json {
  return {
    PipelineArn: e.pipeline.arn,
    PipelineExecutionArn: e.arn,
    PipelineExecutionDisplayName: e.displayName,
    PipelineExecutionStatus: e.status,
    ...(e.description !== undefined ? { PipelineExecutionDescription: e.description } : {}),
    ...(e.failureReason !== undefined ? { FailureReason: e.failureReason } : {}),
    CreationTime: new Date(e.createdAt),
    LastModifiedTime: new Date(e.lastModified),
    CreatedBy: {},
    LastModifiedBy: {},
  };
}

export function executionSummary(e: Execution): Json {
  return {
    PipelineExecutionArn: e.arn,
    StartTime: new Date(e.createdAt),
    PipelineExecutionStatus: e.status,
    ...(e.description !== undefined ? { PipelineExecutionDescription: e.description } : {}),
    PipelineExecutionDisplayName: e.displayName,
    ...(e.failureReason !== undefined ? { PipelineExecutionFailureReason: e.failureReason } : {}),
  };
}

/**
 * The event detail; `previous` is absent on the first (Executing) event. Like the documented events, no failure
 * reason.
 */
export function statusChangeDetail(e: Execution, previous: string | undefined): Json {
  return {
    pipelineExecutionDisplayName: e.displayName,
    currentPipelineExecutionStatus: e.status,
    ...(previous !== undefined ? { previousPipelineExecutionStatus: previous } : {}),
    executionStartTime: isoSeconds(e.createdAt),
    ...(e.endedAt !== undefined ? { executionEndTime: isoSeconds(e.endedAt) } : {}),
    ...(e.description !== undefined ? { pipelineExecutionDescription: e.description } : {}),
    pipelineArn: e.pipeline.arn,
    pipelineExecutionArn: e.arn,
  };
}

/** ListPipelineExecutionSteps' steps: the emulator tells only the RegisterModel step of a run that registered. */
export function executionSteps(e: Execution): Json[] {
  if (e.registered === undefined) return [];
  const end = new Date(e.endedAt ?? e.lastModified);
  return [
    {
      StepName: 'RegisterModel',
      StepDisplayName: 'RegisterModel',
      StartTime: end,
      EndTime: end,
      StepStatus: 'Succeeded',
      AttemptCount: 1,
      Metadata: { RegisterModel: { Arn: e.registered } },
    },
  ];
}
