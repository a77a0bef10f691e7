// The schedule's part of a monitoring tick: create it when missing, delete a failed one so that a later tick creates
// it anew, point it at a new job definition; say why whenever one is recreated, and say when executions start to fail
// or the schedule was stopped by hand.
import type { Action } from '../actions';
import { record } from '../decisions';
import { shortHash } from '../names';
import { alert } from '../notify';
import type { ScheduleRequest } from './requests';
import type { MonitoringState, ScheduleObservation } from './state';

export interface ScheduleStep {
  actions: Action[];
  state: Pick<MonitoringState, 'scheduleSeen' | 'recreating' | 'alerted'>;
  /** Why the schedule is recreated; undefined when it is not. */
  recreated: string | undefined;
}

type Facts = { endpoint: string; schedule: string };

/** Why the schedule itself must be replaced, once per failure; undefined when it has not failed. */
function scheduleFailure(schedule: ScheduleObservation): { key: string; why: string } | undefined {
  if (!schedule.exists || schedule.status !== 'Failed') return undefined;
  const why = `the schedule failed: ${schedule.failureReason ?? 'no reason given'}`;
  return { key: `schedule@${schedule.lastModified ?? ''}`, why };
}

/**
 * A failed execution leaves its schedule as it was, and the next one runs at its hour: replacing the schedule would
 * mend nothing (no data captured in a quiet hour, the endpoint gone, a baseline unreadable). It is said once when
 * executions start failing for a reason, not every hour they go on failing for it; a completed one clears that.
 */
function executionFailure(state: MonitoringState, model: string, schedule: ScheduleObservation, at: string, f: Facts) {
  const last = schedule.lastExecution;
  const said = state.alerted?.startsWith('execution:') ? state.alerted : undefined;
  if (last && /^Completed/.test(last.status)) return { actions: [], alerted: undefined };
  if (last?.status !== 'Failed') return { actions: [], alerted: said };
  const reason = last.failureReason ?? 'no reason given';
  const key = `execution:${shortHash(reason, 12)}`;
  if (key === said) return { actions: [], alerted: said };
  const title = `drift monitoring of ${f.endpoint}: executions fail`;
  const why = `the execution scheduled at ${last.scheduledAt} failed: ${reason}; the schedule runs on at its next hour`;
  const id = `monitoring-execution-failed-${shortHash(`${f.endpoint}|${last.scheduledAt}`, 8)}`;
  return {
    alerted: key,
    actions: [
      record(model, at, id, 'MonitoringExecutionFailed', `${title}: ${why}`, f),
      { type: 'notify' as const, notification: alert(model, 'warning', title, why, f) },
    ],
  };
}

export function scheduleStep(
  state: MonitoringState,
  model: string,
  schedule: ScheduleObservation,
  wanted: ScheduleRequest,
  definitionName: string,
  at: string,
  facts: Facts,
): ScheduleStep {
  const failure = scheduleFailure(schedule);
  const actions: Action[] = [];
  let next: ScheduleStep['state'];
  let recreated: string | undefined;
  if (!schedule.exists) {
    if (state.scheduleSeen && !state.recreating) recreated = 'the schedule disappeared';
    actions.push({ type: 'createMonitoringSchedule', request: wanted });
    next = { scheduleSeen: false, recreating: false };
  } else if (state.recreating && schedule.status !== 'Scheduled') {
    // The schedule Shepherd deleted may still be listed, failed or stopped by its deletion, until it is gone: it is
    // neither deleted nor alerted twice, nor in place. A `Scheduled` one was created anew meanwhile (by hand).
    next = { recreating: true, alerted: state.alerted };
  } else if (failure && failure.key !== state.alerted) {
    recreated = failure.why;
    next = { alerted: failure.key, recreating: true };
    actions.push({ type: 'deleteMonitoringSchedule', name: wanted.MonitoringScheduleName });
  } else if (schedule.status === 'Stopped') {
    // Stopped by hand (StopMonitoringSchedule): the operator's to start again, not Shepherd's. Said once per stop,
    // as drift goes unwatched meanwhile.
    const key = `stopped@${schedule.lastModified ?? ''}`;
    next = { scheduleSeen: true, alerted: key };
    if (key !== state.alerted) {
      const title = `drift monitoring of ${facts.endpoint} stopped`;
      const why =
        `the schedule ${facts.schedule} was stopped by hand and runs no execution: ` +
        'drift goes unseen until it is started again';
      const id = `monitoring-stopped-${shortHash(`${facts.endpoint}|${key}`, 8)}`;
      actions.push(record(model, at, id, 'MonitoringStopped', `${title}: ${why}`, facts), {
        type: 'notify',
        notification: alert(model, 'warning', title, why, facts),
      });
    }
  } else {
    const executions = executionFailure(state, model, schedule, at, facts);
    actions.push(...executions.actions);
    next = { scheduleSeen: true, recreating: false, alerted: executions.alerted };
    if (schedule.definition !== definitionName && schedule.status !== 'Pending')
      actions.push({ type: 'updateMonitoringSchedule', request: wanted });
  }
  if (recreated) {
    const title = `drift monitoring of ${facts.endpoint} recreated`;
    actions.push(
      record(
        model,
        at,
        `monitoring-recreated-${shortHash(`${facts.endpoint}|${recreated}|${at}`, 8)}`,
        'MonitoringRecreated',
        `${title}: ${recreated}`,
        facts,
      ),
      { type: 'notify', notification: alert(model, 'warning', title, recreated, facts) },
    );
  }
  return { actions, state: next, recreated };
}
