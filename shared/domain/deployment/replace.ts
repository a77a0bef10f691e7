// The two ways a replacement (a serverless variant: the candidate serves alone from its switch on) leaves its bake:
// back to the baseline's config at once, or kept as it is, already alone in a config of its own.
import type { Action } from '../actions';
import type { AlarmState } from './judge-types';
import { finish } from './finish';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { DeploymentState } from './state';

/**
 * Every request meets the candidate until the baseline serves again, and there is no weight to drain first: the
 * baseline's config is asked for now; `rolling_back` ends once the endpoint serves it.
 */
export function revert(
  state: DeploymentState,
  line: DeployedLine,
  reason: string,
  now: Date,
  extra: Action[] = [],
): DeploymentDecision {
  const active = state.active!;
  const config = active.baseline!.config;
  const at = now.toISOString();
  return {
    state: {
      ...state,
      active: {
        ...active,
        status: 'rolling_back',
        weight: 0,
        expectConfig: config,
        reason,
        lastHeardAt: at,
        nextActionAt: undefined,
      },
    },
    actions: [
      {
        type: 'updateEndpoint',
        endpointName: line.deployment.endpointName,
        configName: config,
        fromConfig: active.config,
      },
      ...extra,
    ],
    metrics: [],
    log: { message: 'rolling back: the baseline config at once', data: { reason, config } },
  };
}

/**
 * The candidate stays: it already serves alone, in the config a promotion would make, so the deployment ends here.
 * `alarms` decide whether a queued approval starts now; unknown (a human's word), it is left to the reconciler,
 * which reads them first.
 */
export function keep(
  state: DeploymentState,
  line: DeployedLine,
  reason: string,
  now: Date,
  extra: Action[] = [],
  alarms?: AlarmState[],
): DeploymentDecision {
  const ended = finish(alarms ? state : { ...state, queued: undefined }, line, 'promoted', reason, now, 'info', alarms);
  const next = alarms ? ended.state! : { ...ended.state!, queued: state.queued };
  return { ...ended, state: next, actions: [...extra, ...ended.actions] };
}
