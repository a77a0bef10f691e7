// A drained canary goes back to the baseline's config. Found already in service on it, someone put it back by hand
// (the console, another tool) before Shepherd asked: the UpdateEndpoint Shepherd would ask for finds it done and raises
// no event, so the deployment would wait out the watcher's stall for nothing, and the rollback it was ends here.
import type { AlarmState } from './judge-types';
import { withActive } from './exits';
import { finish } from './finish';
import type { DeployedLine } from './line';
import type { EndpointObservation } from './observation';
import type { DeploymentDecision } from './decision';
import type { DeploymentState } from './state';

/** The candidate drained to 0 (`observed` in service): the baseline's config is asked for, or found restored. */
export function onDrained(
  state: DeploymentState,
  line: DeployedLine,
  observed: EndpointObservation,
  now: Date,
  alarms: AlarmState[],
): DeploymentDecision {
  const active = state.active!;
  const config = active.baseline!.config;
  if (observed.configName === config) {
    const found = `the baseline’s config ${config} was found already restored`;
    return finish(state, line, 'rolled_back', `${active.reason ?? 'rolled back'}; ${found}`, now, undefined, alarms);
  }
  const endpointName = line.deployment.endpointName;
  return {
    state: withActive(state, {
      ...active,
      status: 'rolling_back',
      expectConfig: config,
      lastHeardAt: now.toISOString(),
    }),
    // The baseline takes all the traffic back on the instances its autoscaling gave it, not its config's count; from
    // the canary config the drain stays on, or not over someone else's (updated-outside.ts).
    actions: [
      { type: 'updateEndpoint', endpointName, configName: config, keepInstances: true, fromConfig: active.config },
    ],
    metrics: [],
    log: { message: 'candidate drained; restoring the baseline config', data: { config } },
  };
}
