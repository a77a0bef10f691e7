import type { JobTraining, ModelLine, PipelineTraining } from '../../config/schema';
import type { Action, Decision } from '../actions';
import { clientToken } from '../names';
import { evaluateGate, type GateResult } from './gate';
import { alert } from './notify';
import { pipelineExecutionRequest, trainingJobRequest, type ModelPackageRequest } from './requests';
import { remember, type InFlight, type TrainingState } from './state';

type D = Decision<TrainingState>;

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
  const f = state.inFlight;
  if (f && f.jobName === name) return f.phase === 'registering' ? 'stale' : 'current';
  if (state.recent.includes(name) || (f && name.startsWith(`${f.runName}-r`)) || f?.runName === name) return 'stale';
  return 'unknown';
}

// Managed spot: capacity lost for longer than MaxWaitTimeInSeconds ends the job; the checkpoint lets a new job resume.
const SPOT_STATUSES = new Set(['MaxWaitTimeExceeded', 'Interrupted']);
export const isSpotInterruption = (o: TrainingObservation): boolean =>
  SPOT_STATUSES.has(o.secondaryStatus ?? '') || /insufficient ?capacity|spot (instance|capacity|interrupt)/i.test(o.failureReason ?? '');

const entry = (model: string, at: string, id: string, type: string, message: string, data?: Record<string, unknown>): Action => ({
  type: 'record',
  entry: { model, at, id, type, message, ...(data ? { data } : {}) },
});

const release = (state: TrainingState, f: InFlight): TrainingState => ({ ...state, inFlight: undefined, recent: remember(state.recent, f.jobName, f.runName) });

/** InProgress / Executing: the run is alive; a spot interruption is worth a line in the timeline. */
export function onProgress(state: TrainingState, o: TrainingObservation, now: Date): D {
  const f = state.inFlight!;
  const at = now.toISOString();
  const interrupted = o.secondaryStatus === 'Interrupted' && f.lastSecondaryStatus !== 'Interrupted';
  return {
    state: { ...state, inFlight: { ...f, lastHeardAt: at, ...(o.executionArn ? { executionArn: o.executionArn } : {}), ...(o.secondaryStatus ? { lastSecondaryStatus: o.secondaryStatus } : {}) } },
    actions: interrupted ? [entry(state.model, at, `interrupted-${f.jobName}-${at}`, 'SpotInterrupted', `Spot capacity lost for ${f.jobName}: SageMaker resumes it from its checkpoint`)] : [],
    metrics: [],
    log: { message: 'training in progress', data: { name: o.name, secondaryStatus: o.secondaryStatus } },
  };
}

/** Failed / Stopped: a spot interruption is retried from the run's checkpoint a bounded number of times; anything else ends the run. */
export function onEnded(state: TrainingState, line: ModelLine, o: TrainingObservation, now: Date): D {
  const f = state.inFlight!;
  const at = now.toISOString();
  const why = o.failureReason ?? o.secondaryStatus ?? o.status;
  if (line.training.type === 'job' && isSpotInterruption(o) && f.attempt < line.training.maxSpotRetries) {
    const next: InFlight = { ...f, attempt: f.attempt + 1, jobName: `${f.runName}-r${f.attempt + 1}`, lastHeardAt: at, lastSecondaryStatus: undefined };
    return {
      state: { ...state, inFlight: next, recent: remember(state.recent, f.jobName) },
      actions: [
        { type: 'createTrainingJob', request: trainingJobRequest(line as ModelLine & { training: JobTraining }, next) },
        entry(state.model, at, `retried-${next.jobName}`, 'TrainingRetried', `${f.jobName} ended by spot capacity (${why}); retry ${next.attempt}/${line.training.maxSpotRetries} as ${next.jobName} resumes from the checkpoint`),
      ],
      metrics: ['TrainingsRetried'],
      log: { message: 'spot-interrupted training retried from its checkpoint', data: { from: f.jobName, to: next.jobName, why } },
    };
  }
  const severity = o.status === 'Failed' ? 'critical' : 'warning';
  const verb = o.status === 'Failed' ? 'failed' : 'stopped';
  return {
    state: release(state, f),
    actions: [
      entry(state.model, at, `ended-${f.jobName}`, 'TrainingFailed', `${f.jobName} ${verb}: ${why}`, { status: o.status, secondaryStatus: o.secondaryStatus, failureReason: o.failureReason }),
      {
        type: 'notify',
        notification: alert(state.model, severity, `training ${verb}`, `Training ${f.jobName} of model line ${state.model} ${verb}.`, {
          Reason: why,
          Status: `${o.status}${o.secondaryStatus ? ` / ${o.secondaryStatus}` : ''}`,
          Trigger: f.trigger.reason,
          Attempts: f.attempt + 1,
          'Coalesced retraining': state.pending ? `queued (${state.pending.reason})` : 'none',
        }),
      },
    ],
    metrics: ['TrainingsFailed'],
    log: { message: `training ${verb}`, data: { name: f.jobName, why } },
  };
}

/** A pipeline owns its evaluation and registration steps: success ends the run, its package arrives by its own event. */
export function onPipelineSucceeded(state: TrainingState, now: Date): D {
  const f = state.inFlight!;
  const at = now.toISOString();
  return {
    state: release(state, f),
    actions: [entry(state.model, at, `succeeded-${f.runName}`, 'PipelineSucceeded', `Pipeline execution ${f.runName} succeeded`, { executionArn: f.executionArn })],
    metrics: ['TrainingsSucceeded'],
    log: { message: 'pipeline execution succeeded', data: { runName: f.runName } },
  };
}

const metadataValue = (v: string | number): string => String(v).slice(0, 256);

export function modelPackageRequest(line: ModelLine, f: InFlight, t: CompletedTraining, gate: GateResult, approval: ModelPackageRequest['ModelApprovalStatus']): ModelPackageRequest {
  const training = line.training as JobTraining;
  const metrics = Object.entries(t.metrics).slice(0, 40).map(([k, v]) => [`shepherd:metric:${k}`.slice(0, 128), metadataValue(v)]);
  const versus = gate.production !== undefined ? ` vs production ${gate.production}` : ' (no production model to compare)';
  return {
    ModelPackageGroupName: line.modelPackageGroup,
    ModelPackageDescription: `${line.name} retrained by ${f.trigger.reason} in ${t.jobName}: ${gate.metric}=${gate.value}${versus}`.slice(0, 1024),
    ClientToken: clientToken('model-package', t.jobName),
    ModelApprovalStatus: approval,
    InferenceSpecification: {
      Containers: [{ Image: training.inferenceImage ?? t.image, ModelDataUrl: t.artifactUri }],
      SupportedContentTypes: training.contentTypes,
      SupportedResponseMIMETypes: training.responseTypes,
    },
    CustomerMetadataProperties: Object.fromEntries([
      ['shepherd:model', line.name],
      ['shepherd:trainingJob', t.jobName],
      ['shepherd:trigger', f.trigger.reason],
      ['shepherd:triggerId', metadataValue(f.trigger.id)],
      ['shepherd:windowObjects', String(f.window.objects)],
      ['shepherd:windowBytes', String(f.window.bytes)],
      ['shepherd:startedAt', f.startedAt],
      ['shepherd:objective', gate.metric],
      ...(gate.production !== undefined ? [['shepherd:productionValue', metadataValue(gate.production)]] : []),
      ...metrics,
    ]),
  };
}

/** Completed: the quality gate decides between registration and rejection. */
export function onCompleted(state: TrainingState, line: ModelLine, t: CompletedTraining, production: ProductionModel | undefined, now: Date): D {
  const f = state.inFlight!;
  const at = now.toISOString();
  const gate = evaluateGate(line.qualityGate, t.metrics, production?.metric);
  const evidence = { metric: gate.metric, value: gate.value, production: gate.production, floor: line.qualityGate.floor, margin: line.qualityGate.margin, direction: line.qualityGate.direction };
  if (!gate.passed) {
    const detail = { model: line.name, trainingJobName: t.jobName, reasons: gate.reasons, ...evidence, productionModelPackageArn: production?.modelPackageArn };
    return {
      state: release(state, f),
      actions: [
        entry(line.name, at, `rejected-${t.jobName}`, 'TrainingRejected', `${t.jobName} rejected by the quality gate: ${gate.reasons.join('; ')}`, detail),
        { type: 'publishEvent', detailType: 'Training Rejected', detail },
        {
          type: 'notify',
          notification: alert(line.name, 'warning', 'model rejected by the quality gate', `Training ${t.jobName} finished but its model was not registered.`, {
            Reasons: gate.reasons.join('; '),
            Metric: `${gate.metric} = ${gate.value ?? 'missing'} (${line.qualityGate.direction})`,
            Floor: line.qualityGate.floor,
            Production: production ? `${gate.production ?? 'no comparable metric'} (${production.modelPackageArn})` : 'none',
            Margin: line.qualityGate.margin,
          }),
        },
      ],
      metrics: ['TrainingsSucceeded', 'GateRejected'],
      log: { message: 'training rejected by the quality gate', data: { jobName: t.jobName, gate } },
    };
  }
  const approval = line.approval.mode === 'auto' && gate.beatProduction ? 'Approved' : 'PendingManualApproval';
  return {
    // The lock is held until the package exists, so the next run's gate compares against this model.
    state: { ...state, inFlight: { ...f, phase: 'registering', lastHeardAt: at } },
    actions: [
      entry(line.name, at, `passed-${t.jobName}`, 'GatePassed', `${t.jobName} passed the quality gate: ${gate.metric}=${gate.value}`, evidence),
      {
        type: 'createModelPackage',
        request: modelPackageRequest(line, f, t, gate, approval),
        followUp: {
          model: line.name,
          runName: f.runName,
          modelPackageGroup: line.modelPackageGroup,
          trainingJobName: t.jobName,
          trigger: f.trigger.reason,
          approvalStatus: approval,
          metric: { name: gate.metric, value: gate.value!, ...(gate.production !== undefined ? { production: gate.production } : {}) },
          approvers: line.approval.approvers,
          at,
        },
      },
    ],
    metrics: ['TrainingsSucceeded', 'ModelsRegistered'],
    log: { message: 'training passed the quality gate', data: { jobName: t.jobName, approval, gate } },
  };
}

/**
 * The reconciler found no trace of the run in SageMaker: the start was lost (a crash before the create, an
 * outbox entry that failed for good). Ask again with the same name or token, which cannot start it twice.
 */
export function onMissing(state: TrainingState, line: ModelLine, now: Date): D {
  const f = state.inFlight!;
  const at = now.toISOString();
  const start: Action =
    f.kind === 'job'
      ? { type: 'createTrainingJob', request: trainingJobRequest(line as ModelLine & { training: JobTraining }, f) }
      : { type: 'startPipelineExecution', model: line.name, request: pipelineExecutionRequest(line as ModelLine & { training: PipelineTraining }, f.runName, f.trigger) };
  return {
    state: { ...state, inFlight: { ...f, lastHeardAt: at } },
    actions: [start, entry(state.model, at, `restarted-${f.jobName}-${at}`, 'TrainingRestarted', `${f.jobName} was not found in SageMaker: started again`)],
    metrics: [],
    log: { message: 'training in flight not found in SageMaker: started again', data: { name: f.jobName } },
  };
}

/** Registered: the run is over and the line free for the next one. */
export function onRegistered(state: TrainingState, runName: string): D {
  const f = state.inFlight;
  if (f?.runName !== runName || f.phase !== 'registering') return { actions: [], metrics: [], log: { message: 'run already released', data: { runName } } };
  return { state: release(state, f), actions: [], metrics: [], log: { message: 'run released after registration', data: { runName } } };
}

// A registering run is waiting on its outbox, which finishes on its own; SageMaker has nothing more to say.
export const isStalled = (state: TrainingState, line: ModelLine, now: Date): boolean =>
  !!state.inFlight && state.inFlight.phase !== 'registering' && now.getTime() - Date.parse(state.inFlight.lastHeardAt) >= line.guards.stalledAfterMinutes * 60_000;
