import type { DataTrigger, JobTraining, ModelLine, PipelineTraining } from '../../config/schema';
import type { Action, Decision, MetricName } from '../actions';
import { trainingRunName } from '../names';
import { checkGuards, pruneStarts } from './guards';
import { pipelineExecutionRequest, trainingJobRequest } from './requests';
import { remember, windowTotals, type InFlight, type TrainingState, type Trigger } from './state';
import { addObject, dueWindow, type ArrivedObject } from './window';

type D = Decision<TrainingState>;

const nothing = (message: string, metrics: MetricName[] = [], data?: Record<string, unknown>): D => ({ actions: [], metrics, log: { message, ...(data ? { data } : {}) } });

const record = (state: TrainingState, id: string, type: string, message: string, at: string, data?: Record<string, unknown>): Action => ({
  type: 'record',
  entry: { model: state.model, at, id, type, message, ...(data ? { data } : {}) },
});

export const isDuplicateTrigger = (state: TrainingState, id: string): boolean =>
  state.recent.includes(id) || state.inFlight?.trigger.id === id || state.pending?.id === id;

/** Starts a run: takes the lock, empties the data window (the run reads all data present), asks for the job. */
export function startRun(state: TrainingState, line: ModelLine, trigger: Trigger, now: Date): D {
  const at = now.toISOString();
  const runName = trainingRunName(line.name, trigger.id, at);
  const inFlight: InFlight = { kind: line.training.type, runName, attempt: 0, jobName: runName, trigger, window: windowTotals(state.window), startedAt: at, lastHeardAt: at };
  const start: Action =
    line.training.type === 'job'
      ? { type: 'createTrainingJob', request: trainingJobRequest(line as ModelLine & { training: JobTraining }, inFlight) }
      : { type: 'startPipelineExecution', model: line.name, request: pipelineExecutionRequest(line as ModelLine & { training: PipelineTraining }, runName, trigger) };
  const detail = { model: line.name, trainingJobName: runName, kind: inFlight.kind, trigger: trigger.reason, triggerId: trigger.id, reason: trigger.detail, window: inFlight.window, startedAt: at };
  return {
    state: {
      ...state,
      inFlight,
      pending: state.pending?.id === trigger.id ? undefined : state.pending,
      window: { sources: {}, seen: [] },
      starts: [...pruneStarts(state.starts, now), at],
      recent: remember(state.recent, trigger.id),
    },
    actions: [
      start,
      record(state, `started-${runName}`, 'RetrainingStarted', `Retraining started by ${trigger.reason}${trigger.detail ? ` (${trigger.detail})` : ''}: ${runName}`, at, detail),
      { type: 'publishEvent', detailType: 'Retraining Started', detail },
    ],
    metrics: ['RetrainingsStarted'],
    log: { message: 'retraining started', data: { runName, trigger } },
  };
}

/** A drift alarm or a schedule: start, coalesce behind the run in flight, or refuse with the reason. */
export function onTrigger(state: TrainingState, line: ModelLine, trigger: Trigger, now: Date): D {
  if (isDuplicateTrigger(state, trigger.id)) return nothing('duplicate trigger ignored', ['DuplicatesIgnored'], { triggerId: trigger.id });
  const at = now.toISOString();
  const refusal = checkGuards(state, line, now);
  if (!refusal) return startRun(state, line, trigger, now);
  if (refusal.reason === 'in_flight') {
    const text = state.pending
      ? `Trigger ${trigger.reason} coalesced: a retraining after ${state.inFlight?.jobName} is already queued`
      : `Trigger ${trigger.reason} coalesced: retrain again after ${state.inFlight?.jobName}`;
    return {
      state: { ...state, pending: state.pending ?? trigger, recent: remember(state.recent, trigger.id) },
      actions: [record(state, `coalesced-${trigger.id}`, 'TriggerCoalesced', text, at, { trigger })],
      metrics: ['TriggersCoalesced'],
      log: { message: 'trigger coalesced behind the training in flight', data: { trigger, inFlight: state.inFlight?.jobName } },
    };
  }
  return {
    state: { ...state, recent: remember(state.recent, trigger.id) },
    actions: [record(state, `refused-${trigger.id}`, 'TriggerRefused', `Trigger ${trigger.reason} refused: ${refusal.message}`, at, { trigger, refusal })],
    metrics: ['TriggersRefused'],
    log: { message: 'trigger refused', data: { trigger, refusal } },
  };
}

/** Level-triggered: starts a coalesced retraining or releases a data window once the guards allow. */
export function onTick(state: TrainingState, line: ModelLine, now: Date): D {
  if (state.inFlight) return nothing('training in flight');
  const pending = state.pending;
  const due = pending ? undefined : dueWindow(state, line, now);
  if (!pending && !due) return nothing('nothing due');
  const refusal = checkGuards(state, line, now);
  if (refusal) return nothing(`start waits: ${refusal.message}`, [], { until: refusal.until });
  if (pending) return startRun(state, line, { ...pending, detail: `coalesced ${pending.reason}` }, now);
  return startRun(state, line, { reason: 'data', id: due!.id, at: now.toISOString(), detail: `${due!.objects} object(s), ${due!.bytes} bytes in ${due!.source}, ${due!.why}` }, now);
}

/** One object arrived: count it once, then see whether its window is due. */
export function onDataArrived(state: TrainingState, line: ModelLine, trigger: DataTrigger, object: ArrivedObject, now: Date): D {
  const window = addObject(state.window, trigger, object, now);
  if (!window) return nothing('object already counted', ['DuplicatesIgnored'], { key: object.key });
  const counted = { ...state, window };
  const next = onTick(counted, line, now);
  return next.state
    ? { ...next, metrics: ['DataObjectsCounted', ...next.metrics] }
    : { state: counted, actions: [], metrics: ['DataObjectsCounted'], log: { message: 'data object counted', data: { key: object.key, window: windowTotals(window), wait: next.log.message } } };
}
