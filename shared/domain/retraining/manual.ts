// A human asks for a retraining (the CLI): it goes through the same guards as any trigger. Unlike an alarm, which
// fires once and is coalesced behind the run in flight so it is not lost, a person can ask again: a run in flight
// refuses the request as the cooldown and the daily cap do, and nothing is queued behind it.
import { ignored, record } from '../decisions';
import { remember } from '../recent';
import { checkGuards, type Refusal } from './guards';
import type { TrainingDecision } from './decision';
import type { TrainingState } from './state';
import { isDuplicateTrigger, startRun } from './triggers';
import type { ModelLine } from '../../config/schema';

export interface RetrainRequest {
  /** Unique per request: a request delivered twice starts one run. */
  id: string;
  who: string;
  why: string;
}

export type RetrainOutcome =
  | { outcome: 'started'; runName: string }
  | { outcome: 'refused'; refusal: Refusal }
  | { outcome: 'already' };

/** What a decision of `onRetrainRequested` did, for the one who asked. */
export function retrainOutcome(decision: TrainingDecision): RetrainOutcome {
  const data = decision.log.data ?? {};
  if (decision.metrics.includes('RetrainingsStarted')) return { outcome: 'started', runName: String(data.runName) };
  if (decision.metrics.includes('TriggersRefused')) return { outcome: 'refused', refusal: data.refusal as Refusal };
  return { outcome: 'already' };
}

export function onRetrainRequested(
  state: TrainingState,
  line: ModelLine,
  request: RetrainRequest,
  now: Date,
): TrainingDecision {
  if (isDuplicateTrigger(state, request.id)) {
    return ignored('DuplicatesIgnored', 'retraining request already handled', { requestId: request.id });
  }
  const at = now.toISOString();
  const { who, why } = request;
  const trigger = { reason: 'manual' as const, id: request.id, at, detail: `asked by ${who}: ${why}` };
  const refusal = checkGuards(state, line, now);
  if (!refusal) {
    const started = startRun(state, line, trigger, now);
    const asked = record(
      line.name,
      at,
      `asked-${request.id}`,
      'RetrainingRequested',
      `${who} asked to retrain: ${why}`,
      {
        who,
        why,
      },
    );
    return { ...started, actions: [asked, ...started.actions] };
  }
  const text = `Retraining asked by ${who} (${why}) refused: ${refusal.message}`;
  return {
    state: { ...state, recent: remember(state.recent, request.id) },
    actions: [record(line.name, at, `refused-${request.id}`, 'TriggerRefused', text, { trigger, refusal, who, why })],
    metrics: ['TriggersRefused'],
    log: { message: 'trigger refused', data: { trigger, refusal } },
  };
}
