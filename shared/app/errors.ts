// What an error from a request Shepherd built says about asking again, and what a refusal takes out of the outbox.
// Pure: it reads only the fields the SDK sets on a service error (`name`, `$fault`, `$metadata.httpStatusCode`,
// `$retryable`), so tests build them as the SDK does.
import type { Action } from '../domain/actions';
import type { Decision } from '../domain/decisions';
import type { ItemKind } from '../state/item-check';
import type { OutboxEntry } from '../state/store';

/**
 * `retryable`: the same request can succeed later (throttled, endpoint busy, a fault of the service);
 * `permanent`: AWS refused the request itself and will refuse it every time (invalid, over a quota, not allowed);
 * `unknown`: anything else, possibly a bug of Shepherd's, which keeps being thrown and retried.
 */
export type ErrorClass = 'retryable' | 'permanent' | 'unknown';

interface ServiceError {
  name: string;
  message: string;
  retryLater?: boolean;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/** Errors that mean "try again in a while", not "something broke" (an endpoint busy with its own update). */
export const isRetryLater = (err: unknown): boolean =>
  err instanceof Error && (err as ServiceError).retryLater === true;

// `Throttling`, `ThrottlingException`, `ThrottledException`, `RequestThrottledException`…, and DynamoDB's own.
const THROTTLED = /^(\w*Throttl\w*|TooManyRequests\w*|RequestLimitExceeded|ProvisionedThroughputExceeded\w*)$/;
const SERVER = new Set(['InternalFailure', 'InternalServerError', 'InternalServerException', 'ServiceUnavailable']);
const REFUSED = new Set(['ResourceLimitExceeded', 'AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
// SageMaker answers a change to an endpoint that is still updating with a ValidationException
// ("Cannot update in-progress endpoint", docs/aws-sagemaker.md): busy, not invalid.
const BUSY = /in-progress|in progress/i;

/** Throttled past the SDK's own retries, by any AWS service (DynamoDB says it its own way). */
export const isThrottled = (err: unknown): boolean =>
  err instanceof Error && (THROTTLED.test(err.name) || (err as ServiceError).$retryable?.throttling === true);

const isServerFault = (err: ServiceError): boolean =>
  err.$fault === 'server' || (err.$metadata?.httpStatusCode ?? 0) >= 500 || SERVER.has(err.name);

export function classifyError(err: unknown): ErrorClass {
  if (!(err instanceof Error)) return 'unknown';
  const e = err as ServiceError;
  if (isRetryLater(e) || isThrottled(e) || isServerFault(e)) return 'retryable';
  if (e.name === 'ValidationException') return BUSY.test(e.message) ? 'retryable' : 'permanent';
  return REFUSED.has(e.name) ? 'permanent' : 'unknown';
}

/**
 * What a key's service decides when AWS refused one of its actions for good: e.g. the deployment or run the action
 * belongs to ends failed. Applied like every decision: read, decide, conditional write.
 */
export type OnPermanent<S> = (state: S, action: Action, error: Error, now: Date) => Decision<S>;

/** A key's state when it has none yet, its kind (./decision-write.ts), and its service's answer to a refused action. */
export interface Recovery<S> {
  empty: S;
  kind: ItemKind;
  onPermanent: OnPermanent<S>;
}

// What a decision says happened stays true when one of its requests is refused; the requests after it do not. Nor
// does closing the data window its state moved past: that window is taken whatever becomes of the run.
const TELLING = new Set<Action['type']>(['record', 'publishEvent', 'notify', 'closeDataWindow']);
// Except the domain event that announces the refused start: no later event tells the bus's subscribers the run never
// ran (its timeline line stays, and the refusal's alert follows it).
const tells = (action: Action): boolean =>
  TELLING.has(action.type) && !(action.type === 'publishEvent' && action.detailType === 'Retraining Started');
// A clean-up deletion is one of a list, and nothing after it builds on it: a refused one takes only itself out, or
// the names after it, already out of the deployment's `created`, would never be deleted. So is a Neo build: one per
// edge target, each its own; the targets after a refused one would be left unstarted yet followed as in flight.
const ALONE = new Set<Action['type']>(['deleteEndpointConfig', 'deleteModel', 'createCompilationJob']);
/** The decision an entry belongs to: its id is `<version>-<index>`. */
export const decisionOf = (entry: OutboxEntry): string => entry.id.split('-')[0]!;

/** A refused entry and the requests its decision made after it (ids `<version>-<index>`); none once it is gone. */
export function leavingWith(outbox: OutboxEntry[], refused: OutboxEntry): Set<string> {
  const index = outbox.findIndex((entry) => entry.id === refused.id);
  if (index < 0) return new Set();
  if (ALONE.has(refused.action.type)) return new Set([refused.id]);
  const after = outbox
    .slice(index + 1)
    .filter((entry) => decisionOf(entry) === decisionOf(refused) && !tells(entry.action));
  return new Set([refused.id, ...after.map((entry) => entry.id)]);
}
