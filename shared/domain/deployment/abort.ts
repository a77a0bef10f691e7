// An abort alarm in ALARM fails the canary it guards at once, without waiting for the end of the bake.
import { nothing, record } from '../decisions';
import { rollBack } from './exits';
import type { DeployedLine } from './start';
import type { Deployment, DeploymentDecision, DeploymentState } from './state';

/** While a candidate is (or is about to be) beside the baseline, its line's abort alarms can fail it. */
const GUARDED = new Set(['starting', 'baking', 'shifting', 'held']);
export const guardedByAbortAlarms = (active?: Deployment): boolean =>
  active?.kind === 'canary' && GUARDED.has(active.status);

/**
 * `alarmName`, one of the line's abort alarms, is in ALARM (its event, or the reconciler's look-up). Baking,
 * shifting or held: the candidate's weight goes to 0 now. Starting: weights cannot change while the endpoint
 * updates, so the rollback is asked for and happens as soon as the canary config is in service. Anything else
 * (nothing deployed, a first model, a promotion or a rollback under way) has nothing left to fail.
 */
export function onAbortAlarm(
  state: DeploymentState,
  line: DeployedLine,
  alarmName: string,
  now: Date,
): DeploymentDecision {
  const active = state.active;
  if (!active || !guardedByAbortAlarms(active)) {
    return nothing('abort alarm: no canary to fail', { alarm: alarmName, status: active?.status, kind: active?.kind });
  }
  if (active.abortRequested) return nothing('abort alarm: rollback already asked for', { alarm: alarmName });
  const at = now.toISOString();
  const reason = `abort alarm ${alarmName} is in ALARM`;
  const message = `${reason} while the canary of ${active.package.arn} is ${active.status} at ${active.weight} %`;
  const note = record(line.name, at, `abort-${active.id}-${alarmName}`, 'AbortAlarmRaised', message, {
    alarm: alarmName,
    status: active.status,
    weight: active.weight,
  });
  if (active.status !== 'starting') {
    return {
      ...rollBack(state, line, `${reason} at ${active.weight} %`, now, [note]),
      metrics: ['AbortAlarmsActedOn'],
    };
  }
  return {
    state: {
      ...state,
      active: { ...active, abortRequested: `abort alarm ${alarmName} went off as the canary started` },
    },
    actions: [note],
    metrics: ['AbortAlarmsActedOn'],
    log: { message: 'abort alarm while the canary starts: rolled back once in service', data: { alarm: alarmName } },
  };
}
