import type { ModelLine } from '../../config/schema';
import type { Action } from '../actions';
import { ignored, nothing, record } from '../decisions';
import { trainingRunName, tuningRunName } from '../names';
import { remember } from '../recent';
import { laterChange, sameTrigger, windowOpened } from './lost';
import { checkGuards, pruneStarts } from './guards';
import { startAction } from './tuning';
import type { TrainingDecision } from './decision';
import { windowTotals, type InFlight, type TrainingState, type Trigger } from './state';
import { dueWindow, sourceKey } from './window';

const triggersSeen = (state: TrainingState) => [...state.recent, state.inFlight?.trigger.id, state.pending?.id];

/** The id under which the state saw this trigger: `id` itself, or the same alarm change told with another time. */
export const seenTrigger = (state: TrainingState, id: string): string | undefined =>
  triggersSeen(state).find((seen) => !!seen && sameTrigger(seen, id));

export const isDuplicateTrigger = (state: TrainingState, id: string): boolean => !!seenTrigger(state, id);

/**
 * The window the run takes is closed after the state moved on to the next one: an upload that read the old
 * generation and counts into it late is then refused, reads the state again and counts into the new window.
 */
const closeWindow = (state: TrainingState, line: ModelLine, runName: string): Action[] =>
  line.triggers.data.length === 0
    ? []
    : [
        {
          type: 'closeDataWindow',
          model: line.name,
          runName,
          gen: state.window.gen,
          sources: line.triggers.data.map(sourceKey),
          counted: windowTotals(state.window),
        },
      ];

/** Starts a run: takes the lock, empties the data window (the run reads all data present), asks for the job. */
export function startRun(state: TrainingState, line: ModelLine, trigger: Trigger, now: Date): TrainingDecision {
  const at = now.toISOString();
  // A tuning job's name has 32 characters at most.
  const runName = (line.training.type === 'tuning' ? tuningRunName : trainingRunName)(line.name, trigger.id, at);
  const inFlight: InFlight = {
    kind: line.training.type,
    runName,
    attempt: 0,
    jobName: runName,
    trigger,
    window: windowTotals(state.window),
    startedAt: at,
    lastHeardAt: at,
  };
  const start = startAction(line, inFlight);
  const detail = {
    model: line.name,
    trainingJobName: runName,
    kind: inFlight.kind,
    trigger: trigger.reason,
    triggerId: trigger.id,
    reason: trigger.detail,
    window: inFlight.window,
    startedAt: at,
  };
  // A run reads all data present: one another trigger starts takes the window's new objects, which would otherwise
  // seem dropped, as no data-started run follows for them.
  const { objects, bytes } = inFlight.window;
  const taken =
    trigger.reason !== 'data' && objects > 0 ? `takes the ${objects} new object(s), ${bytes} bytes, too` : undefined;
  // The coalesced flag asks for one run after the one it waited behind: any run that starts now is that run, and a
  // late repeat of its trigger is then a duplicate too.
  const absorbed = state.pending && state.pending.id !== trigger.id ? state.pending : undefined;
  const coalesced = absorbed ? `stands for the coalesced ${absorbed.reason} ${absorbed.id}` : undefined;
  const why = [trigger.detail, taken, coalesced].filter(Boolean).join('; ');
  const text = `Retraining started by ${trigger.reason}${why ? ` (${why})` : ''}: ${runName}`;
  return {
    state: {
      ...state,
      inFlight,
      pending: undefined,
      window: { gen: state.window.gen + 1, sources: {}, openedAt: at },
      starts: [...pruneStarts(state.starts, now), at],
      recent: remember(state.recent, ...(absorbed ? [absorbed.id] : []), trigger.id),
    },
    actions: [
      start,
      ...closeWindow(state, line, runName),
      record(state.model, at, `started-${runName}`, 'RetrainingStarted', text, detail),
      { type: 'publishEvent', detailType: 'Retraining Started', detail },
    ],
    metrics: ['RetrainingsStarted'],
    log: { message: 'retraining started', data: { runName, trigger } },
  };
}

/** A drift alarm or a schedule: start, coalesce behind the run in flight, or refuse with the reason. */
export function onTrigger(state: TrainingState, line: ModelLine, trigger: Trigger, now: Date): TrainingDecision {
  if (isDuplicateTrigger(state, trigger.id)) {
    return ignored('DuplicatesIgnored', 'duplicate trigger ignored', { triggerId: trigger.id });
  }
  // A delivery retried late (Lambda's async retries, EventBridge's) may come after the alarm's next change into ALARM
  // was acted on: started, coalesced or refused. The drift it told is the one that change told again.
  const later = laterChange(trigger.id, triggersSeen(state));
  if (later) {
    return ignored('DuplicatesIgnored', 'drift alarm change older than a later change already acted on: late', {
      triggerId: trigger.id,
      later,
    });
  }
  const at = now.toISOString();
  const refusal = checkGuards(state, line, now);
  if (!refusal) return startRun(state, line, trigger, now);
  if (refusal.reason === 'in_flight') {
    const text = state.pending
      ? `Trigger ${trigger.reason} coalesced: a retraining after ${state.inFlight?.jobName} is already queued`
      : `Trigger ${trigger.reason} coalesced: retrain again after ${state.inFlight?.jobName}`;
    return {
      state: { ...state, pending: state.pending ?? trigger, recent: remember(state.recent, trigger.id) },
      actions: [record(state.model, at, `coalesced-${trigger.id}`, 'TriggerCoalesced', text, { trigger })],
      metrics: ['TriggersCoalesced'],
      log: {
        message: 'trigger coalesced behind the training in flight',
        data: { trigger, inFlight: state.inFlight?.jobName },
      },
    };
  }
  const text = `Trigger ${trigger.reason} refused: ${refusal.message}`;
  return {
    state: { ...state, recent: remember(state.recent, trigger.id) },
    actions: [record(state.model, at, `refused-${trigger.id}`, 'TriggerRefused', text, { trigger, refusal })],
    metrics: ['TriggersRefused'],
    log: { message: 'trigger refused', data: { trigger, refusal } },
  };
}

/** Level-triggered: starts a coalesced retraining or releases a data window once the guards allow. */
export function onTick(state: TrainingState, line: ModelLine, now: Date): TrainingDecision {
  if (state.inFlight) return nothing('training in flight');
  const pending = state.pending;
  const due = pending ? undefined : dueWindow(state, line, now);
  if (!pending && !due) {
    // The listing of lost uploads (countLostUploads) counts from the window's opening; a line that never ran a
    // training gets it from its first tick, so data from before Shepherd watched the line is not new.
    return state.window.openedAt || !line.triggers.data.length ? nothing('nothing due') : windowOpened(state, now);
  }
  const refusal = checkGuards(state, line, now);
  if (refusal) return nothing(`start waits: ${refusal.message}`, { until: refusal.until });
  if (pending) return startRun(state, line, { ...pending, detail: `coalesced ${pending.reason}` }, now);
  const detail = `${due!.objects} object(s), ${due!.bytes} bytes in ${due!.source}, ${due!.why}`;
  return startRun(state, line, { reason: 'data', id: due!.id, at: now.toISOString(), detail }, now);
}
