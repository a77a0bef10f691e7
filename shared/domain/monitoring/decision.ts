// How a monitoring tick's requests and state become its decision: held back while AWS refuses one of the requests
// for good, nothing when nothing changed, else the requests with the metrics and log line they earn.
import type { Action } from '../actions';
import { nothing } from '../decisions';
import { shortHash } from '../names';
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
