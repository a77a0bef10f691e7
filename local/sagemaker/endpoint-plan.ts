// What a plan may script for an endpoint operation: how long it takes and how it ends. Its own module because the
// lifecycle that plays scripts out (./endpoint-lifecycle) and the history that records each operation
// (./endpoint-history) both name the operations.

export type EndpointOperation = 'CreateEndpoint' | 'UpdateEndpoint' | 'UpdateEndpointWeightsAndCapacities';

/**
 * How one operation ends: InService as asked; Failed (only DeleteEndpoint helps then); or RolledBack to what
 * served before, InService with a FailureReason — for CreateEndpoint, with nothing before it, that is Failed.
 */
export interface EndpointScript {
  durationMs?: number;
  outcome: 'InService' | 'Failed' | 'RolledBack';
  failureReason?: string;
}

export type EndpointPlan = (op: {
  endpointName: string;
  operation: EndpointOperation;
  configName?: string;
}) => EndpointScript;
