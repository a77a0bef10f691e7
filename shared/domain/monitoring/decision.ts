// How a monitoring tick's requests and state become its decision: held back while AWS refuses one of the requests
// for good, nothing when nothing changed, else the requests with the metrics and log line they earn.
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { shortHash } from '../names';
import { alert } from '../notify';
import type { MonitoringDecision, MonitoringState } from './state';

/** A request as the refusal memory knows it: the same request refused once is not asked again. */
export const requestKey = (action: Action): string => `${action.type}:${shortHash(JSON.stringify(action), 12)}`;

export function monitoringDecision(
  state: MonitoringState,
  next: MonitoringState,
  actions: Action[],
  facts: Record<string, string>,
  ensure: boolean,
  recreated: string | undefined,
): MonitoringDecision {
  const refused = new Set(state.refused ?? []);
  if (actions.some((action) => refused.has(requestKey(action))))
    return nothing('monitoring waits for a refused request to be fixed', facts);
  const changed = JSON.stringify(next) !== JSON.stringify(state);
  if (!changed && actions.length === 0) return nothing('monitoring in place', facts);
  return {
    state: next,
    actions,
    metrics: [
      ...(ensure ? (['MonitoringEnsured'] as const) : []),
      ...(recreated ? (['MonitoringRecreated'] as const) : []),
    ],
    log: {
      message: ensure ? 'monitoring ensured' : 'monitoring converging',
      data: { ...facts, requests: actions.map((a) => a.type) },
    },
  };
}

/**
 * A request AWS refused for good: said once, critically, and remembered (the last ten) so it is not asked again until
 * the config changes it.
 */
export function onMonitoringRefused(
  state: MonitoringState,
  where: { model: string; endpoint: string },
  action: Action,
  error: { name: string; message: string },
  now: Date,
): MonitoringDecision {
  const { model, endpoint } = where;
  const reason = `${action.type} refused: ${error.name}: ${error.message}`;
  const facts = { endpoint, request: action.type };
  const key = requestKey(action);
  return {
    state: { ...state, refused: [...(state.refused ?? []).filter((known) => known !== key), key].slice(-10) },
    actions: [
      record(model, now.toISOString(), `monitoring-refused-${key.replace(':', '-')}`, 'MonitoringRefused', reason),
      {
        type: 'notify',
        notification: alert(model, 'critical', `drift monitoring of ${endpoint} refused`, reason, facts),
      },
    ],
    metrics: [],
    log: { message: 'monitoring request refused', data: { ...facts, reason } },
  };
}
