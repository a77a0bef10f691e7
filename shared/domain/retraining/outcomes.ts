import type { JobTraining, ModelLine, PipelineTraining } from '../../config/schema';
import type { Action, RegistrationFollowUp } from '../actions';
import { nothing, record } from '../decisions';
import { clientToken } from '../names';
import { alert } from '../notify';
import { remember } from '../recent';
import { evaluateGate, type GateResult } from './gate';
import { pipelineExecutionRequest, trainingJobRequest, type ModelPackageRequest } from './requests';
import type { InFlight, TrainingDecision, TrainingState } from './state';

export interface TrainingObservation {
  /** Training job name, or a pipeline execution's display name. */
  name: string;
  status: string;
  secondaryStatus?: string;
  failureReason?: string;
  executionArn?: string;
}

export interface CompletedTraining {
  jobName: string;
  metrics: Record<string, number>;
  artifactUri: string;
  image: string;
  trainingSeconds?: number;
  billableSeconds?: number;
}

export interface ProductionModel {
  modelPackageArn: string;
  metric?: number;
}

/** `current`: the run in flight; `stale`: something Shepherd already handled; `unknown`: not Shepherd's. */
export function classify(state: TrainingState, name: string): 'current' | 'stale' | 'unknown' {
  const run = state.inFlight;
  if (run && run.jobName === name) return run.phase === 'registering' ? 'stale' : 'current';
  if (state.recent.includes(name) || (run && name.startsWith(`${run.runName}-r`)) || run?.runName === name)
    return 'stale';
  return 'unknown';
}

// Managed spot: capacity lost for longer than MaxWaitTimeInSeconds ends the job; the checkpoint lets a new job resume.
const SPOT_STATUSES = new Set(['MaxWaitTimeExceeded', 'Interrupted']);
export const isSpotInterruption = (observed: TrainingObservation): boolean =>
  SPOT_STATUSES.has(observed.secondaryStatus ?? '') ||
  /insufficient ?capacity|spot (instance|capacity|interrupt)/i.test(observed.failureReason ?? '');

const release = (state: TrainingState, run: InFlight): TrainingState => ({
  ...state,
  inFlight: undefined,
  recent: remember(state.recent, run.jobName, run.runName),
});

/** InProgress / Executing: the run is alive; a spot interruption is worth a line in the timeline. */
export function onProgress(state: TrainingState, observed: TrainingObservation, now: Date): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const interrupted = observed.secondaryStatus === 'Interrupted' && run.lastSecondaryStatus !== 'Interrupted';
  const text = `Spot capacity lost for ${run.jobName}: SageMaker resumes it from its checkpoint`;
  return {
    state: {
      ...state,
      inFlight: {
        ...run,
        lastHeardAt: at,
        ...(observed.executionArn ? { executionArn: observed.executionArn } : {}),
        ...(observed.secondaryStatus ? { lastSecondaryStatus: observed.secondaryStatus } : {}),
      },
    },
    actions: interrupted ? [record(state.model, at, `interrupted-${run.jobName}-${at}`, 'SpotInterrupted', text)] : [],
    metrics: [],
    log: { message: 'training in progress', data: { name: observed.name, secondaryStatus: observed.secondaryStatus } },
  };
}

/**
 * Failed / Stopped: a spot interruption is retried from the run's checkpoint a bounded number of times; anything
 * else ends the run.
 */
export function onEnded(
  state: TrainingState,
  line: ModelLine,
  observed: TrainingObservation,
  now: Date,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const why = observed.failureReason ?? observed.secondaryStatus ?? observed.status;
  if (line.training.type === 'job' && isSpotInterruption(observed) && run.attempt < line.training.maxSpotRetries) {
    const retry: InFlight = {
      ...run,
      attempt: run.attempt + 1,
      jobName: `${run.runName}-r${run.attempt + 1}`,
      lastHeardAt: at,
      lastSecondaryStatus: undefined,
    };
    const text =
      `${run.jobName} ended by spot capacity (${why}); ` +
      `retry ${retry.attempt}/${line.training.maxSpotRetries} as ${retry.jobName} resumes from the checkpoint`;
    return {
      state: { ...state, inFlight: retry, recent: remember(state.recent, run.jobName) },
      actions: [
        {
          type: 'createTrainingJob',
          request: trainingJobRequest(line as ModelLine & { training: JobTraining }, retry),
        },
        record(state.model, at, `retried-${retry.jobName}`, 'TrainingRetried', text),
      ],
      metrics: ['TrainingsRetried'],
      log: {
        message: 'spot-interrupted training retried from its checkpoint',
        data: { from: run.jobName, to: retry.jobName, why },
      },
    };
  }
  const severity = observed.status === 'Failed' ? 'critical' : 'warning';
  const verb = observed.status === 'Failed' ? 'failed' : 'stopped';
  const status = {
    status: observed.status,
    secondaryStatus: observed.secondaryStatus,
    failureReason: observed.failureReason,
  };
  return {
    state: release(state, run),
    actions: [
      record(state.model, at, `ended-${run.jobName}`, 'TrainingFailed', `${run.jobName} ${verb}: ${why}`, status),
      {
        type: 'notify',
        notification: alert(
          state.model,
          severity,
          `training ${verb}`,
          `Training ${run.jobName} of model line ${state.model} ${verb}.`,
          {
            Reason: why,
            Status: `${observed.status}${observed.secondaryStatus ? ` / ${observed.secondaryStatus}` : ''}`,
            Trigger: run.trigger.reason,
            Attempts: run.attempt + 1,
            'Coalesced retraining': state.pending ? `queued (${state.pending.reason})` : 'none',
          },
        ),
      },
    ],
    metrics: ['TrainingsFailed'],
    log: { message: `training ${verb}`, data: { name: run.jobName, why } },
  };
}

/**
 * A pipeline owns its evaluation and registration steps: success ends the run, its package arrives by its own
 * event.
 */
export function onPipelineSucceeded(state: TrainingState, now: Date): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const text = `Pipeline execution ${run.runName} succeeded`;
  return {
    state: release(state, run),
    actions: [
      record(state.model, at, `succeeded-${run.runName}`, 'PipelineSucceeded', text, {
        executionArn: run.executionArn,
      }),
    ],
    metrics: ['TrainingsSucceeded'],
    log: { message: 'pipeline execution succeeded', data: { runName: run.runName } },
  };
}

const metadataValue = (v: string | number): string => String(v).slice(0, 256);

export function modelPackageRequest(
  line: ModelLine,
  run: InFlight,
  completed: CompletedTraining,
  gate: GateResult,
  approval: RegistrationFollowUp['approvalStatus'],
): ModelPackageRequest {
  const training = line.training as JobTraining;
  const metrics = Object.entries(completed.metrics)
    .slice(0, 40)
    .map(([name, value]) => [`shepherd:metric:${name}`.slice(0, 128), metadataValue(value)]);
  const versus =
    gate.production !== undefined ? ` vs production ${gate.production}` : ' (no production model to compare)';
  const trained = `${line.name} retrained by ${run.trigger.reason} in ${completed.jobName}`;
  const description = `${trained}: ${gate.metric}=${gate.value}${versus}`;
  return {
    ModelPackageGroupName: line.modelPackageGroup,
    ModelPackageDescription: description.slice(0, 1024),
    ClientToken: clientToken('model-package', completed.jobName),
    ModelApprovalStatus: approval,
    InferenceSpecification: {
      Containers: [{ Image: training.inferenceImage ?? completed.image, ModelDataUrl: completed.artifactUri }],
      SupportedContentTypes: training.contentTypes,
      SupportedResponseMIMETypes: training.responseTypes,
    },
    CustomerMetadataProperties: Object.fromEntries([
      ['shepherd:model', line.name],
      ['shepherd:trainingJob', completed.jobName],
      ['shepherd:trigger', run.trigger.reason],
      ['shepherd:triggerId', metadataValue(run.trigger.id)],
      ['shepherd:windowObjects', String(run.window.objects)],
      ['shepherd:windowBytes', String(run.window.bytes)],
      ['shepherd:startedAt', run.startedAt],
      ['shepherd:objective', gate.metric],
      ...(gate.production !== undefined ? [['shepherd:productionValue', metadataValue(gate.production)]] : []),
      ...metrics,
    ]),
  };
}

/** Completed: the quality gate decides between registration and rejection. */
export function onCompleted(
  state: TrainingState,
  line: ModelLine,
  completed: CompletedTraining,
  production: ProductionModel | undefined,
  now: Date,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const { jobName } = completed;
  const rule = line.qualityGate;
  const gate = evaluateGate(rule, completed.metrics, production?.metric);
  const evidence = {
    metric: gate.metric,
    value: gate.value,
    production: gate.production,
    floor: rule.floor,
    margin: rule.margin,
    direction: rule.direction,
  };
  if (!gate.passed) {
    const reasons = gate.reasons.join('; ');
    const detail = {
      model: line.name,
      trainingJobName: jobName,
      reasons: gate.reasons,
      ...evidence,
      productionModelPackageArn: production?.modelPackageArn,
    };
    return {
      state: release(state, run),
      actions: [
        record(
          line.name,
          at,
          `rejected-${jobName}`,
          'TrainingRejected',
          `${jobName} rejected by the quality gate: ${reasons}`,
          detail,
        ),
        { type: 'publishEvent', detailType: 'Training Rejected', detail },
        {
          type: 'notify',
          notification: alert(
            line.name,
            'warning',
            'model rejected by the quality gate',
            `Training ${jobName} finished but its model was not registered.`,
            {
              Reasons: reasons,
              Metric: `${gate.metric} = ${gate.value ?? 'missing'} (${rule.direction})`,
              Floor: rule.floor,
              Production: production
                ? `${gate.production ?? 'no comparable metric'} (${production.modelPackageArn})`
                : 'none',
              Margin: rule.margin,
            },
          ),
        },
      ],
      metrics: ['TrainingsSucceeded', 'GateRejected'],
      log: { message: 'training rejected by the quality gate', data: { jobName, gate } },
    };
  }
  const approval = line.approval.mode === 'auto' && gate.beatProduction ? 'Approved' : 'PendingManualApproval';
  const passed = `${jobName} passed the quality gate: ${gate.metric}=${gate.value}`;
  return {
    // The lock is held until the package exists, so the next run's gate compares against this model.
    state: { ...state, inFlight: { ...run, phase: 'registering', lastHeardAt: at } },
    actions: [
      record(line.name, at, `passed-${jobName}`, 'GatePassed', passed, evidence),
      {
        type: 'createModelPackage',
        request: modelPackageRequest(line, run, completed, gate, approval),
        followUp: {
          model: line.name,
          runName: run.runName,
          modelPackageGroup: line.modelPackageGroup,
          trainingJobName: jobName,
          trigger: run.trigger.reason,
          approvalStatus: approval,
          metric: {
            name: gate.metric,
            value: gate.value!,
            ...(gate.production !== undefined ? { production: gate.production } : {}),
          },
          approvers: line.approval.approvers,
          at,
        },
      },
    ],
    metrics: ['TrainingsSucceeded', 'ModelsRegistered'],
    log: { message: 'training passed the quality gate', data: { jobName, approval, gate } },
  };
}

/**
 * The reconciler found no trace of the run in SageMaker: the start was lost (a crash before the create, an
 * outbox entry that failed for good). Ask again with the same name or token, which cannot start it twice.
 */
export function onMissing(state: TrainingState, line: ModelLine, now: Date): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const start: Action =
    run.kind === 'job'
      ? { type: 'createTrainingJob', request: trainingJobRequest(line as ModelLine & { training: JobTraining }, run) }
      : {
          type: 'startPipelineExecution',
          model: line.name,
          request: pipelineExecutionRequest(
            line as ModelLine & { training: PipelineTraining },
            run.runName,
            run.trigger,
          ),
        };
  const text = `${run.jobName} was not found in SageMaker: started again`;
  return {
    state: { ...state, inFlight: { ...run, lastHeardAt: at } },
    actions: [start, record(state.model, at, `restarted-${run.jobName}-${at}`, 'TrainingRestarted', text)],
    metrics: [],
    log: { message: 'training in flight not found in SageMaker: started again', data: { name: run.jobName } },
  };
}

/** Registered: the run is over and the line free for the next one. */
export function onRegistered(state: TrainingState, runName: string): TrainingDecision {
  const run = state.inFlight;
  if (run?.runName !== runName || run.phase !== 'registering') return nothing('run already released', { runName });
  return { ...nothing('run released after registration', { runName }), state: release(state, run) };
}

// A registering run is waiting on its outbox, which finishes on its own; SageMaker has nothing more to say.
export const isStalled = (state: TrainingState, line: ModelLine, now: Date): boolean =>
  !!state.inFlight &&
  state.inFlight.phase !== 'registering' &&
  now.getTime() - Date.parse(state.inFlight.lastHeardAt) >= line.guards.stalledAfterMinutes * 60_000;
