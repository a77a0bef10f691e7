// How an endpoint update goes wrong: the endpoint busy with another operation (asked again later), or AWS refusing
// the update, which then carries what the endpoint served just before. Apart from the hosting adapter
// (./sagemaker-hosting.ts), so the code that reads a refusal (shared/app/deployment.ts) need not import the adapter.
import type { DescribeEndpointCommandOutput } from '@aws-sdk/client-sagemaker';

/** The endpoint is busy with another operation: the action is retried later (Lambda's retry, the reconciler). */
export class EndpointBusyError extends Error {
  readonly retryLater = true;

  constructor(endpoint: string, status: string) {
    super(`endpoint ${endpoint} is ${status}: the request waits for it to be InService`);
    this.name = 'EndpointBusyError';
  }
}

/**
 * The endpoint serves neither the config the decision to update it saw nor the one asked for: someone else updated it
 * since (the console, another tool), and Shepherd does not put its own config over theirs. Not AWS's refusal: the
 * request is no longer wanted (shared/app/deployment-requests.ts), and the next look at the endpoint ends the
 * deployment (domain/deployment/updated-outside.ts).
 */
export class EndpointUpdatedOutsideError extends Error {
  readonly updatedOutside = true;

  constructor(endpoint: string, serves: string, from: string) {
    super(`endpoint ${endpoint} serves ${serves}, not ${from}: it was updated outside Shepherd`);
    this.name = 'EndpointUpdatedOutsideError';
  }
}

export const isUpdatedOutside = (err: unknown): err is EndpointUpdatedOutsideError =>
  err instanceof Error && (err as Partial<EndpointUpdatedOutsideError>).updatedOutside === true;

/** What the endpoint served when AWS refused to update it, described just before: a refused update changes nothing. */
export interface ServedWhenRefused {
  configName?: string;
  weights?: Record<string, number>;
}

export const weightsOf = (e: DescribeEndpointCommandOutput): Record<string, number> =>
  Object.fromEntries((e.ProductionVariants ?? []).map((v) => [v.VariantName, v.CurrentWeight ?? 0]));

/** The endpoint as described before the update an error refused, if the error is such a refusal. */
export const servedWhenRefused = (err: Error): ServedWhenRefused | undefined =>
  (err as Error & { servedWhenRefused?: ServedWhenRefused }).servedWhenRefused;

/**
 * Sends an update of the endpoint `e` describes; a refusal is rethrown as it came, carrying what served just before
 * (a refused update changes nothing), for the alert that says so (domain/deployment/failure.ts).
 */
export async function updating(e: DescribeEndpointCommandOutput, update: Promise<unknown>): Promise<void> {
  try {
    await update;
  } catch (err) {
    const served: ServedWhenRefused = { configName: e.EndpointConfigName, weights: weightsOf(e) };
    if (err instanceof Error) Object.assign(err, { servedWhenRefused: served });
    throw err;
  }
}
