// AWS refused a request of a deployment for good (an invalid request, a quota, no access): asking again every minute
// cannot help. The deployment ends failed, once, and the endpoint is left serving what it serves: more calls to
// "fix" it could only make things worse while nobody looks.
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import { candidateStays, failureAftermath } from './failed';
import { finish } from './finish';
import { refusedStatus } from './refused';
import { heaviestFirst, servingLine } from './serving';
import type { EndpointObservation } from './observation';
import { stillWanted } from './progress';
import { configName } from '../names';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { Deployment, DeploymentState } from './state';

const OPERATION: Partial<Record<Action['type'], string>> = {
  createModel: 'CreateModel',
  createEndpointConfig: 'CreateEndpointConfig',
  createEndpoint: 'CreateEndpoint',
  updateEndpoint: 'UpdateEndpoint',
  updateWeights: 'UpdateEndpointWeightsAndCapacities',
  deleteEndpointConfig: 'DeleteEndpointConfig',
  deleteModel: 'DeleteModel',
  rejectModelPackage: 'UpdateModelPackage',
  deregisterScaling: 'DeregisterScalableTarget',
  registerScaling: 'RegisterScalableTarget',
};

/** Whether the refused request is one the active deployment made on its way (not a late one of an ended one). */
function belongsTo(active: Deployment, state: DeploymentState, endpoint: string, action: Action): boolean {
  switch (action.type) {
    case 'createModel':
      return action.request.ModelName === active.candidate.model;
    case 'createEndpointConfig': {
      const name = action.request.EndpointConfigName;
      const own = (['canary', 'final'] as const).map((purpose) => configName(endpoint, active.id, purpose));
      return name !== undefined && (name === active.config || own.includes(name));
    }
    case 'createEndpoint':
    case 'updateEndpoint':
    case 'updateWeights':
      return stillWanted(state, action);
    case 'deregisterScaling':
      return action.variant === active.baseline?.variant;
    default:
      // Carrying autoscaling over, rejecting a rolled-back package and the clean-up follow a deployment that ended.
      return false;
  }
}

/** What the endpoint serves once a request of `active` was refused: what it served before that request. */
function serving(active: Deployment): string {
  if (active.status === 'creating') return 'nothing: the endpoint was not created';
  // Still entering: the request that would have put the candidate in service is the one refused.
  if (['starting', 'replacing'].includes(active.status) && active.baseline) {
    return `${active.baseline.config} (${active.baseline.variant} alone, as before the deployment)`;
  }
  return `what it served before the refused request (${active.candidate.variant} may take part of the traffic)`;
}

/** What the endpoint served as described just before the refused request, if it was: each variant, heaviest first. */
function seenServing({ configName, weights }: Pick<EndpointObservation, 'configName' | 'weights'>) {
  return configName && weights ? servingLine(configName, heaviestFirst(weights), weights) : undefined;
}

/**
 * A request was refused for good. The active deployment it belongs to ends `failed` through finish(), which makes no
 * endpoint change for a failure, with AWS's message as the reason and a critical alert that says what the endpoint
 * serves now. A refused request of a deployment that already ended only alerts. `seen`: the endpoint as described
 * just before the refused request, which changed nothing, when the request looked.
 */
export function onPermanentFailure(
  state: DeploymentState,
  line: DeployedLine,
  action: Action,
  message: string,
  now: Date,
  seen: Pick<EndpointObservation, 'configName' | 'weights'> = {},
): DeploymentDecision {
  const operation = OPERATION[action.type];
  if (!operation) return nothing('refused request is no endpoint request: dropped', { type: action.type, message });
  const endpoint = line.deployment.endpointName;
  const reason = `${operation} refused: ${message}`;
  const active = state.active;
  if (active && belongsTo(active, state, endpoint, action)) {
    // The refused request did not happen: the endpoint serves what it served before it.
    const after = failureAftermath(active, line, reason, action.type === 'updateEndpoint', action.type);
    const ended = finish(state, line, 'failed', reason, now, 'critical', [], after);
    // A promotion or a weight change that did not take leaves the candidate at its share on the canary config.
    const canary = seen.configName ?? configName(endpoint, active.id, 'canary');
    const stays =
      active.status === 'promoting' || action.type === 'updateWeights'
        ? candidateStays(active, line, canary, seen.weights)
        : undefined;
    const headline =
      `AWS refused ${operation} for the deployment of ${active.package.arn}, and would refuse it again: the ` +
      `deployment failed.${stays ? ` ${stays.serves}.` : ''} Shepherd makes no further change to ${endpoint}.`;
    const said = alert(line.name, 'critical', `deployment on ${endpoint} failed`, headline, {
      Reason: reason,
      Serving: stays?.facts.Serving ?? seenServing(seen) ?? serving(active),
      Status: refusedStatus(active, endpoint, seen),
      ...after.facts,
      // A rollback's own word (restore the baseline by hand) comes after the candidate's.
      ...(stays ? { Attention: [stays.facts.Attention, after.facts.Attention].filter(Boolean).join('; ') } : {}),
      Next: 'fix what AWS refused (config, quota or permissions); the next approved package deploys as usual',
    });
    // finish()'s own alert says the package is not serving, which a refusal mid-canary cannot promise.
    const actions = ended.actions.map((a): Action => (a.type === 'notify' ? { ...a, notification: said } : a));
    return { ...ended, actions };
  }
  const at = now.toISOString();
  const scaling = action.type === 'registerScaling' || action.type === 'deregisterScaling';
  const title = `${operation} on ${endpoint} refused`;
  const ended = `AWS refused ${operation} after the deployment it belonged to ended; it is not asked again.`;
  const deletion = action.type === 'deleteEndpointConfig' || action.type === 'deleteModel';
  const headline =
    action.type === 'registerScaling'
      ? `${ended} ${action.variant} on ${endpoint} has no autoscaling until registered by hand.`
      : deletion
        ? `AWS refused ${operation} of ${action.name}: it stays among ${endpoint}'s old resources, and the next ` +
          'clean-up after a promotion asks again.'
        : ended;
  return {
    state: deletion ? keptUndeleted(state, action) : state,
    actions: [
      record(line.name, at, `refused-${action.type}-${at}`, 'RequestRefused', reason, { operation, message }),
      {
        type: 'notify',
        notification: alert(line.name, scaling ? 'critical' : 'warning', title, headline, { Reason: reason }),
      },
    ],
    metrics: [],
    log: { message: 'late request refused: alerted', data: { operation, message } },
  };
}

/** A name whose deletion was refused is not deleted: it goes back among the oldest, for the next clean-up. */
function keptUndeleted(
  state: DeploymentState,
  action: Extract<Action, { type: 'deleteEndpointConfig' | 'deleteModel' }>,
): DeploymentState {
  const kind = action.type === 'deleteEndpointConfig' ? 'configs' : 'models';
  const names = state.created[kind];
  if (names.includes(action.name)) return state;
  return { ...state, created: { ...state.created, [kind]: [action.name, ...names] } };
}
