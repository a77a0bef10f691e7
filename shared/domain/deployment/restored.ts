// A drain whose endpoint comes back in service on the baseline's own config: someone put it back by hand (the console,
// another tool) before Shepherd asked. The UpdateEndpoint Shepherd would ask for next finds it done and raises no
// event, so the deployment would wait out the watcher's stall for nothing: the rollback it was ends here instead.
import type { AlarmState } from './judge-types';
import { finish } from './finish';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { DeploymentState } from './state';

/** Ends the draining deployment rolled back, as its rollback would have, saying the baseline was found restored. */
export function baselineFoundRestored(
  state: DeploymentState,
  line: DeployedLine,
  now: Date,
  alarms: AlarmState[],
): DeploymentDecision {
  const active = state.active!;
  const found = `the baseline’s config ${active.baseline!.config} was found already restored`;
  return finish(state, line, 'rolled_back', `${active.reason ?? 'rolled back'}; ${found}`, now, undefined, alarms);
}
