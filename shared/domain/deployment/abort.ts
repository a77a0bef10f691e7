// An abort alarm in ALARM fails the canary it guards at once, without waiting for the end of the bake.
import { nothing, record } from '../decisions';
import { rollBack } from './exits';
import { weightInService, weightStanding } from './standing';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { Deployment, DeploymentState } from './state';

/** While a candidate serves (or is about to) beside the baseline or in its place, the abort alarms can fail it. */
const GUARDED: Record<Deployment['kind'], Set<string>> = {
  create: new Set(),
  canary: new Set(['starting', 'baking', 'shifting', 'held']),
  replace: new Set(['replacing', 'baking', 'held']),
};
/** Statuses in which an endpoint update is under way: the rollback waits for it to be in service. */
const UPDATING = new Set(['starting', 'replacing']);
export const guardedByAbortAlarms = (active?: Deployment): boolean =>
  !!active && GUARDED[active.kind].has(active.status);

/**
 * `alarmName`, one of the line's abort alarms, is in ALARM (its event, or the reconciler's look-up). Baking,
 * shifting or held: the candidate's weight goes to 0 now (a replacement: the baseline's config is asked for now).
 * Starting or replacing: nothing can change while the endpoint updates, so the rollback is asked for and happens as
 * soon as the candidate's config is in service. Anything else
 * (nothing deployed, a first model, a promotion or a rollback under way) has nothing left to fail.
 * `changedAt`, an event's time of the change into ALARM, is absent from a look-up, which tells the state now.
 */
export function onAbortAlarm(
  state: DeploymentState,
  line: DeployedLine,
  alarmName: string,
  now: Date,
  changedAt?: string,
): DeploymentDecision {
  const active = state.active;
  if (!active || !guardedByAbortAlarms(active)) {
    return nothing('abort alarm: no canary to fail', { alarm: alarmName, status: active?.status, kind: active?.kind });
  }
  // A late or repeated event (a rule retries its target for up to an hour) of a change before this deployment
  // started: it started only with its abort alarms out of ALARM (held-back.ts), and an alarm in ALARM again is a
  // newer change, or is found by the watcher's look-up each minute.
  if (changedAt && changedAt < active.startedAt) {
    return nothing('abort alarm: its change into ALARM came before the deployment started', {
      alarm: alarmName,
      changedAt,
      startedAt: active.startedAt,
    });
  }
  if (active.abortRequested) return nothing('abort alarm: rollback already asked for', { alarm: alarmName });
  const at = now.toISOString();
  const reason = `abort alarm ${alarmName} is in ALARM`;
  const what = active.kind === 'replace' ? 'replacement' : 'canary';
  // The weight in state is the one asked for: said as serving only once it was seen in service (standing.ts).
  const where = weightStanding(active);
  const message = `${reason} while the ${what} of ${active.package.arn} is ${where}`;
  const note = record(line.name, at, `abort-${active.id}-${alarmName}`, 'AbortAlarmRaised', message, {
    alarm: alarmName,
    status: active.status,
    weight: active.weight,
    weightInService: weightInService(active),
  });
  if (!UPDATING.has(active.status)) {
    const why = weightInService(active) ? `${reason} at ${active.weight} %` : `${reason} while ${where}`;
    return {
      ...rollBack(state, line, why, now, [note]),
      metrics: ['AbortAlarmsActedOn'],
    };
  }
  return {
    state: {
      ...state,
      active: { ...active, abortRequested: `abort alarm ${alarmName} went off as the ${what} started` },
    },
    actions: [note],
    metrics: ['AbortAlarmsActedOn'],
    log: { message: 'abort alarm while the candidate starts: rolled back once in service', data: { alarm: alarmName } },
  };
}
