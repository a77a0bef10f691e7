// The schedule's part of a monitoring tick: create it when missing, delete a failed one so that a later tick creates
// it anew, point it at a new job definition; and say why whenever one is recreated.
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

/** Why the schedule must be replaced, once per failure; undefined when it is healthy or already being replaced. */
function scheduleFailure(schedule: ScheduleObservation): { key: string; why: string } | undefined {
  if (!schedule.exists) return undefined;
  if (schedule.status === 'Failed') {
    const why = `the schedule failed: ${schedule.failureReason ?? 'no reason given'}`;
    return { key: `schedule@${schedule.lastModified ?? ''}`, why };
  }
  const last = schedule.lastExecution;
  if (last?.status === 'Failed') {
    const why = `the execution scheduled at ${last.scheduledAt} failed: ${last.failureReason ?? 'no reason given'}`;
    return { key: `execution@${last.scheduledAt}`, why };
  }
  return undefined;
}

export function scheduleStep(
  state: MonitoringState,
  model: string,
  schedule: ScheduleObservation,
  wanted: ScheduleRequest,
  definitionName: string,
  at: string,
  facts: { endpoint: string; schedule: string },
): ScheduleStep {
  const failure = scheduleFailure(schedule);
  const actions: Action[] = [];
  let next: ScheduleStep['state'];
  let recreated: string | undefined;
  if (!schedule.exists) {
    if (state.scheduleSeen && !state.recreating) recreated = 'the schedule disappeared';
    actions.push({ type: 'createMonitoringSchedule', request: wanted });
    next = { scheduleSeen: false, recreating: false };
  } else if (failure && failure.key !== state.alerted) {
    recreated = failure.why;
    next = { alerted: failure.key, recreating: true };
    actions.push({ type: 'deleteMonitoringSchedule', name: wanted.MonitoringScheduleName });
  } else {
    next = { scheduleSeen: true };
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
