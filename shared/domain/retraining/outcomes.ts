// What a run's own events and look-ups say: alive, succeeded (a pipeline), lost, registered. A job's completion is
// in completed.ts, a failure or stop in ended.ts.
import type { ModelLine } from '../../config/schema';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import { startAction } from './tuning';
import { released, type TrainingDecision, type TrainingState } from './state';

export interface TrainingObservation {
  /** Training or tuning job name, or a pipeline execution's display name. */
  name: string;
  status: string;
  secondaryStatus?: string;
  failureReason?: string;
  executionArn?: string;
}

export interface CompletedTraining {
  jobName: string;
  /** The tuning job whose best training job this is: the model's lineage. */
  tuning?: { name: string; arn?: string; hyperparameters: Record<string, string> };
  metrics: Record<string, number>;
  artifactUri: string;
  image: string;
  trainingSeconds?: number;
  billableSeconds?: number;
}

/** A package a pipeline execution registered in the line's group. */
export interface RegisteredPackage {
  arn: string;
  approvalStatus: string;
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
 * A pipeline owns its evaluation and registration steps: success ends the run, its package arrives by its own
 * event. An execution that registered nothing (its own evaluation held the model back, or its registration step
 * names another group) is said, as a rejection by Shepherd's gate would be.
 */
export function onPipelineSucceeded(
  state: TrainingState,
  line: ModelLine,
  registered: RegisteredPackage | undefined,
  now: Date,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const group = line.modelPackageGroup;
  const text = registered
    ? `Pipeline execution ${run.runName} succeeded and registered ${registered.arn} (${registered.approvalStatus})`
    : `Pipeline execution ${run.runName} succeeded but registered no model in ${group}`;
  const succeeded = record(state.model, at, `succeeded-${run.runName}`, 'PipelineSucceeded', text, {
    executionArn: run.executionArn,
    modelPackageArn: registered?.arn,
  });
  const warning = alert(state.model, 'warning', 'pipeline registered no model', `${text}.`, {
    Execution: run.executionArn ?? run.runName,
    'Model package group': group,
    Trigger: run.trigger.reason,
    'Looked for packages created since': run.startedAt,
  });
  return {
    state: released(state, run),
    actions: registered ? [succeeded] : [succeeded, { type: 'notify', notification: warning }],
    metrics: registered ? ['TrainingsSucceeded'] : ['TrainingsSucceeded', 'GateRejected'],
    log: { message: 'pipeline execution succeeded', data: { runName: run.runName, registered: registered?.arn } },
  };
}

/**
 * The reconciler found no trace of the run in SageMaker: the start was lost (a crash before the create, an
 * outbox entry that failed for good). Ask again with the same name or token, which cannot start it twice.
 */
export function onMissing(state: TrainingState, line: ModelLine, now: Date): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const start = startAction(line, run);
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
  return { ...nothing('run released after registration', { runName }), state: released(state, run) };
}

// A registering run is waiting on its outbox, which finishes on its own; SageMaker has nothing more to say.
export const isStalled = (state: TrainingState, line: ModelLine, now: Date): boolean =>
  !!state.inFlight &&
  state.inFlight.phase !== 'registering' &&
  now.getTime() - Date.parse(state.inFlight.lastHeardAt) >= line.guards.stalledAfterMinutes * 60_000;
