// An approval of the package the endpoint already serves alone: an operator flipped it Approved → Pending → Approved,
// or its event came again after its rollout, perhaps to an item that no longer remembers it. A canary of it would put
// the model beside itself. Only the approval event's path imports this module (watchDeployments' bundle is at its
// budget): the watcher's catch-up never takes up a package the endpoint's history names.
import { record } from '../decisions';
import { modelName } from '../names';
import { remember } from '../recent';
import { approvedBefore } from './approved-before';
import { onApproved } from './approvals';
import type { DeploymentDecision } from './decision';
import type { AlarmState } from './judge-types';
import type { DeployedLine, EndpointSnapshot } from './line';
import type { ApprovedPackage, DeploymentState } from './state';

/**
 * onApproved, unless no deployment is active and the endpoint serves `pkg`'s model alone (the model is named after
 * the package: ../names.ts): then nothing is deployed, and the timeline says so once per event. An earlier package
 * approved again in place of a rejected one is answered by approved-before.ts.
 */
export function onApprovalEvent(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
  alarms: AlarmState[] = [],
): DeploymentDecision {
  const alone = Object.keys(endpoint.weights ?? {}).length <= 1;
  const name = line.deployment.endpointName;
  if (state.active || !alone || endpoint.serving?.model !== modelName(line.name, pkg))
    return approvedBefore(state, line.name, name, pkg) ?? onApproved(state, line, pkg, endpoint, now, alarms);
  const message = `${pkg.arn} was approved, but it already serves ${name}: nothing to deploy`;
  return {
    state: { ...state, recent: remember(state.recent, pkg.arn) },
    actions: [record(line.name, pkg.at, `serves-${pkg.arn}`, 'ApprovalAlreadyServes', message)],
    metrics: [],
    log: { message: 'approved package already serves the endpoint', data: { arn: pkg.arn, endpoint: name } },
  };
}
