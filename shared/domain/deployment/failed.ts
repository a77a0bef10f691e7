// What a deployment that ends failed still owes besides the endpoint, which Shepherd leaves as it is: the baseline's
// autoscaling that Shepherd deregistered on the way (for a promotion, or a replacement's switch) comes back when the
// baseline is known to serve, and the alert says what became of it.
import type { Action } from '../actions';
import type { DeployedLine } from './start';
import type { Deployment } from './state';

/** Requests a failure adds after its alert, and lines the alert adds. */
export interface Aftermath {
  actions: Action[];
  facts: Record<string, string>;
}

export const NO_AFTERMATH: Aftermath = { actions: [], facts: {} };

/** A promotion's and a switch's requests made before the baseline's scaling is deregistered (see exits, start). */
const BEFORE_DEREGISTER = new Set<Action['type']>(['createModel', 'createEndpointConfig', 'deregisterScaling']);

/** Statuses whose UpdateEndpoint would have removed the baseline: if it did not take, the baseline serves still. */
const REMOVING = new Set(['promoting', 'replacing']);

/**
 * Whether Shepherd deregistered the baseline's autoscaling and has not registered it again: a promotion, just
 * before its UpdateEndpoint; a replacement, from its switch on. `refused`: the request AWS refused, if one was.
 */
function scalingRemoved(active: Deployment, refused?: Action['type']): boolean {
  if (refused && BEFORE_DEREGISTER.has(refused)) return false;
  return active.kind === 'replace' || (active.kind === 'canary' && active.status === 'promoting');
}

/**
 * `unchanged`: the endpoint serves what it served before the deployment's last UpdateEndpoint (the request was
 * refused, or SageMaker rolled it back); false when its state is unknown (failed, deleted). `refused`: the request
 * AWS refused, if one was.
 */
export function failureAftermath(
  active: Deployment,
  line: DeployedLine,
  unchanged: boolean,
  refused?: Action['type'],
): Aftermath {
  const scaling = active.baseline?.scaling;
  if (!scaling || !scalingRemoved(active, refused)) return NO_AFTERMATH;
  const endpointName = line.deployment.endpointName;
  const variant = active.baseline!.variant;
  const policies = scaling.policies.map((p) => p.PolicyName).join(', ') || 'no policy';
  const what = `${variant}'s (${scaling.minCapacity} to ${scaling.maxCapacity} instances; ${policies})`;
  const why = active.kind === 'replace' ? 'the switch' : 'the promotion';
  // Promoting or replacing, the update that would have removed the baseline did not take: it serves still.
  if (unchanged && REMOVING.has(active.status)) {
    return {
      actions: [{ type: 'registerScaling', endpointName, variant, scaling }],
      facts: { Autoscaling: `restored: ${what}, deregistered for ${why}, is registered again` },
    };
  }
  return {
    actions: [],
    facts: {
      Autoscaling:
        `removed: ${what} was deregistered for ${why} and is not registered now; ` +
        `register it again once ${variant} serves`,
    },
  };
}
