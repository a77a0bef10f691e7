// What a run's own events and look-ups say: alive, lost, registered. A job's completion is in completed.ts, a
// pipeline's success in pipeline.ts, a failure or stop in ended.ts.
import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import { ignored, nothing, record } from '../decisions';
import { startAction } from './tuning';
import type { TrainingDecision } from './decision';
import type { TrainingObservation } from './observations';
import { released, type TrainingState } from './state';

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
  // SageMaker may send an event again, and deliveries overtake one another: one older than the status already heard
  // says nothing new, and its status would set the run's back (a second interruption, long after it resumed).
  if (observed.changedAt !== undefined && run.lastChangedAt !== undefined && observed.changedAt < run.lastChangedAt) {
    const { name, secondaryStatus, changedAt } = observed;
    return ignored('DuplicatesIgnored', 'training event older than the status already heard', {
      name,
      secondaryStatus,
      changedAt,
      lastChangedAt: run.lastChangedAt,
    });
  }
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
        ...(observed.changedAt !== undefined ? { lastChangedAt: observed.changedAt } : {}),
      },
    },
    actions: interrupted ? [record(state.model, at, `interrupted-${run.jobName}-${at}`, 'SpotInterrupted', text)] : [],
    metrics: [],
    log: { message: 'training in progress', data: { name: observed.name, secondaryStatus: observed.secondaryStatus } },
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

const STARTS = new Set<Action['type']>(['createTrainingJob', 'createTuningJob', 'startPipelineExecution']);

/**
 * A run whose start still waits in the outbox is not lost: SageMaker cannot know it yet (nor a pipeline's execution
 * ARN), and a look-up would find it missing and start it again. Any other pending action (an event, a notification,
 * a timeline line) says nothing about the run, so one that keeps failing must not stop the run being looked up.
 */
export const startPending = (pending: Action[]): boolean => pending.some((action) => STARTS.has(action.type));
