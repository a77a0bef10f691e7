// How a deployment's outbox performs an endpoint request, and what AWS refusing one for good does. A request is
// performed only while the active deployment still wants it, and not over someone else's update of the endpoint.
// Either way it is dropped, said in the log, and not retried: the deployment moves on from what the endpoint is next
// seen to serve (its event, or the watcher's look). Someone else's update is counted too, and its endpoint handed to
// `overtaken`: their own event may have come while the request waited, and found the deployment waiting for it, so
// the service looks at the endpoint again at once.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { isUpdatedOutside, servedWhenRefused } from '../aws/sagemaker-endpoint-updates';
import type { Action } from '../domain/actions';
import { onPermanentFailure } from '../domain/deployment/failure';
import type { DeployedLine } from '../domain/deployment/line';
import { stillWanted } from '../domain/deployment/progress';
import { type DeploymentState, emptyDeploymentState } from '../domain/deployment/state';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import type { StateStore } from '../state/store';
import { perform, type Effects } from './effects';
import type { Recovery } from './errors';

/** The requests that change an endpoint: while one is pending, what the endpoint serves proves nothing. */
export const ENDPOINT_REQUESTS = new Set([
  'createEndpoint',
  'updateEndpoint',
  'updateWeights',
  'createEndpointConfig',
  'createModel',
]);

/** A request AWS refuses for good ends the deployment it belongs to (shared/domain/deployment/failure.ts). */
export const recovery = (line: DeployedLine): Recovery<DeploymentState> => ({
  empty: emptyDeploymentState(line.deployment.endpointName),
  kind: DEPLOYMENT_ITEM,
  onPermanent: (s, action, error, now) =>
    onPermanentFailure(s, line, action, `${error.name}: ${error.message}`, now, servedWhenRefused(error)),
});

const endpointOf = (action: Action): string | undefined =>
  action.type === 'updateWeights'
    ? action.request.EndpointName
    : action.type === 'updateEndpoint' || action.type === 'createEndpoint'
      ? action.endpointName
      : undefined;

/** Performs `action` of a deployment's outbox with `fx`, unless it is no longer wanted. */
export function performWanted(
  deps: { store: StateStore; logger: Logger; metrics: Metrics },
  fx: Effects,
  overtaken: (endpoint: string) => void,
) {
  return async (action: Action): Promise<void> => {
    const endpoint = endpointOf(action);
    if (!endpoint) return perform(action, fx);
    const { state } = await deps.store.get(deploymentKey(endpoint), emptyDeploymentState(endpoint), DEPLOYMENT_ITEM);
    const deployment = state.active?.id;
    if (!stillWanted(state, action)) {
      return deps.logger.warn('stale endpoint request skipped', { endpoint, action: action.type, deployment });
    }
    try {
      await perform(action, fx);
    } catch (err) {
      if (!isUpdatedOutside(err)) throw err;
      // Someone else's config serves since the decision: putting Shepherd's over it would undo their change.
      const data = { endpoint, action: action.type, deployment, reason: err.message };
      deps.logger.warn('endpoint request skipped: the endpoint was updated outside Shepherd', data);
      deps.metrics.addMetric('EndpointUpdatedOutside', MetricUnit.Count, 1);
      overtaken(endpoint);
    }
  };
}
