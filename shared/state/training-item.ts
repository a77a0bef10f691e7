// The training item (`MODEL#<name>` / `TRAINING`) as the retraining side reads it, and the one field it writes
// outside a decision. Functions, not StateStore methods: a bundle carries every method of a class it uses, and a
// function that never retrains (watchDeployments) should carry neither.
import { emptyTrainingState, type TrainingState } from '../domain/retraining/state';
import { trainingKey } from './keys';
import { TRAINING_ITEM } from './kinds/training';
import type { OutboxEntry, StateStore } from './store';

/** The line's training state and outbox; throws `CorruptStateError` when the item is not what Shepherd writes. */
export function getTraining(
  store: Pick<StateStore, 'get'>,
  model: string,
): Promise<{ state: TrainingState; outbox: OutboxEntry[] }> {
  return store.get(trainingKey(model), emptyTrainingState(model), TRAINING_ITEM);
}

/** What a run's window counted in the end, once its counters closed: nothing to do when that run already ended. */
export async function setRunWindow(
  store: Pick<StateStore, 'updateIf'>,
  model: string,
  runName: string,
  window: { objects: number; bytes: number },
): Promise<void> {
  const values = { ':window': window, ':run': runName };
  const set = { set: 'inFlight.#window = :window' };
  // `window` is a DynamoDB reserved word.
  await store.updateIf(trainingKey(model), set, 'inFlight.runName = :run', values, { '#window': 'window' });
}

/** A pipeline execution's ARN is known only once it started; it is kept for the reconciler's look-ups. */
export async function setExecutionArn(
  store: Pick<StateStore, 'updateIf'>,
  model: string,
  runName: string,
  executionArn: string,
): Promise<void> {
  // Nothing to do when that run already ended.
  const values = { ':arn': executionArn, ':run': runName };
  await store.updateIf(trainingKey(model), { set: 'inFlight.executionArn = :arn' }, 'inFlight.runName = :run', values);
}
