// What a run's status (its event, or the reconciler's look-up) decides, apart from the service that applies it
// (./retraining.ts): which SageMaker look-ups a status calls for, and which domain decision takes them.
import type { ModelLine } from '../config/schema';
import { ignored } from '../domain/decisions';
import { resourceGone, type EventSeen, type Gone } from '../domain/gone';
import { onCompleted } from '../domain/retraining/completed';
import type { TrainingDecision } from '../domain/retraining/decision';
import { onEnded } from '../domain/retraining/ended';
import { qualityGateOf } from '../domain/retraining/gate';
import type { TrainingObservation } from '../domain/retraining/observations';
import { classify, onProgress } from '../domain/retraining/outcomes';
import { onPipelineSucceeded } from '../domain/retraining/pipeline';
import type { TrainingState } from '../domain/retraining/state';
import { getTraining } from '../state/training-item';
import type { DeciderDeps } from './decider';
import { perform, type Effects } from './effects';
import { completedRun, pipelineRegistered, withFailureReason } from './retraining-lookups';

export type Decide = (state: TrainingState, now: Date) => TrainingDecision;

const TERMINAL_FAILURE = new Set(['Failed', 'Stopped']);
const RUNNING = new Set(['InProgress', 'Stopping', 'Executing']);

/** How a status is acted on: SageMaker and the stack to read, the effects, and the line's decide–write–perform. */
export interface RunObserving {
  deps: Pick<Effects, 'sagemaker' | 'stack'> & Pick<DeciderDeps, 'store' | 'clock'>;
  fx: Effects;
  apply: (decide: Decide) => Promise<TrainingDecision>;
}

/**
 * A training job's or pipeline's status. A completed job deleted before it was read is gone: the run stays in
 * flight, and the reconciler finds it missing once it went quiet.
 */
export async function observeRun(
  { deps, fx, apply }: RunObserving,
  line: ModelLine,
  observed: TrainingObservation,
  event?: EventSeen,
): Promise<TrainingDecision | Gone> {
  const { name, status } = observed;
  const { state } = await getTraining(deps.store, line.name);
  const kind = classify(state, name);
  if (kind !== 'current') return apply(() => (kind === 'stale' ? stale(observed) : unknown(observed)));
  // A stopped tuning job may still have a best job to gate (domain/retraining/tuning-ended.ts).
  if (status === 'Completed' || (status === 'Stopped' && line.training.type === 'tuning')) {
    const completed = await completedRun(deps.sagemaker, line, name, status);
    if (!completed) {
      const seen = event ?? { id: name, time: deps.clock().toISOString() };
      const { entry, gone } = resourceGone(
        line.name,
        seen,
        `${line.training.type === 'tuning' ? 'tuning' : 'training'} job ${name} no longer exists: not registered`,
      );
      await perform(entry, fx);
      return gone;
    }
    if ('failureReason' in completed) {
      return apply((s, now) =>
        classify(s, name) === 'current'
          ? onEnded(s, line, { ...observed, status: status === 'Stopped' ? status : 'Failed', ...completed }, now)
          : stale(observed),
      );
    }
    const { metric } = qualityGateOf(line);
    const production = await deps.sagemaker.productionModel(line.modelPackageGroup, metric);
    return apply((s, now) =>
      classify(s, name) === 'current' ? onCompleted(s, line, completed, production, now) : stale(observed),
    );
  }
  const told = await withFailureReason(deps.sagemaker, observed);
  const registered = await pipelineRegistered(deps.sagemaker, line, state.inFlight!, observed);
  return apply((s, now) => {
    if (classify(s, name) !== 'current') return stale(observed);
    if (status === 'Succeeded') return onPipelineSucceeded(s, line, registered, now, deps.stack);
    if (TERMINAL_FAILURE.has(status)) return onEnded(s, line, told, now);
    if (RUNNING.has(status)) return onProgress(s, observed, now);
    return ignored('EventsIgnored', `status ${status} needs no action`, { name });
  });
}

const unknown = ({ name, status }: TrainingObservation): TrainingDecision =>
  ignored('EventsIgnored', 'training not started by Shepherd or not in flight: ignored', { name, status });

/** A status of a run Shepherd already handled, or of a run no longer in flight. */
export const stale = ({ name, status }: TrainingObservation): TrainingDecision =>
  ignored('DuplicatesIgnored', 'duplicate or late training event ignored', { name, status });
