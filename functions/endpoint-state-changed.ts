// Endpoint State Change: the deployment moves on from what DescribeEndpoint says — SageMaker rolls a failed
// update back silently, so the event's word is checked against the endpoint's actual config.
import { endpointStateChangeEvent } from '../shared/events/sagemaker';
import { shepherdHandler } from '../shared/observability/handler';
import { doneOrGone, ignored } from '../shared/observability/results';
import { lineOfEndpoint } from '../shared/runtime/lines';
import { deploymentsOnEndpoint } from '../shared/runtime/deployments';

export const handler = shepherdHandler('endpointStateChanged', endpointStateChangeEvent, async (event) => {
  const line = lineOfEndpoint(event.detail.EndpointName);
  if (!line) return ignored('endpoint no model line deploys to', { endpoint: event.detail.EndpointName });
  return doneOrGone(line.name, await deploymentsOnEndpoint().endpointChanged(line, event));
});
