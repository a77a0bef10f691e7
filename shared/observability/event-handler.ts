import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { GenericSchema, InferOutput } from 'valibot';
import { check } from '../validation';
import { logger, metrics } from './logger';
import type { Ignored } from './results';
import { mapStackTraces } from './stack-traces';

export interface Rejected {
  status: 'rejected';
  problems: string[];
}

// A bundled function's stack traces lead to the TypeScript source, at no cost until one is printed.
mapStackTraces();

/** What a handler answers besides its own result: a malformed event, or one whose state item is corrupt. */
export type Answered = Rejected | Ignored;

export type Handler<S extends GenericSchema, R> = (event: InferOutput<S>, context: Context) => Promise<R>;

/**
 * Malformed input is answered, not retried: a log line with every problem, an `EventsRejected` metric and no
 * action. Retrying it would only fill the DLQ with the same bad event. Checked inside the handler, not by a
 * middleware answering early: middy skips every `after` step on an early answer, so Powertools would not flush the
 * metric (it would leak into the next invocation's flush, or be lost with the container).
 */
function validated<S extends GenericSchema, R>(name: string, schema: S, fn: Handler<S, R>) {
  return (event: unknown, context: Context): Promise<R | Answered> => {
    const envelope = event as { id?: unknown; 'detail-type'?: unknown } | null | undefined;
    if (typeof envelope?.id === 'string') logger.setCorrelationId(envelope.id);
    const checked = check(schema, event);
    if (checked.success) return fn(checked.output, context);
    const { problems } = checked;
    const detailType = envelope?.['detail-type'];
    logger.warn('event rejected: it does not have the expected shape', { handler: name, detailType, problems });
    metrics.addMetric('EventsRejected', MetricUnit.Count, 1);
    return Promise.resolve({ status: 'rejected', problems });
  };
}

function middleware<S extends GenericSchema, R>(name: string, schema: S, fn: Handler<S, R>) {
  return middy(validated(name, schema, fn))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/**
 * The one middleware stack of every Shepherd handler: context-aware logs, metrics, validation. Built on the first
 * invocation and kept for the cold start. There is no idempotency layer keyed by event id: a handler is idempotent
 * by its conditional writes and the outbox (README, State), which also cover an event that says the same thing
 * under another id (S3 and SageMaker send those), and a second write per event would only cost.
 *
 * Used as it is by the functions that read no state item (they claim runs and append to the timeline only), so they
 * can meet no corrupt one; every other function answers those through `shepherdHandler` (handler.ts).
 */
export function eventHandler<S extends GenericSchema, R>(name: string, schema: S, fn: Handler<S, R>) {
  let stack: ReturnType<typeof middleware<S, R>> | undefined;
  return (event: unknown, context: Context): Promise<R | Answered> =>
    (stack ??= middleware(name, schema, fn))(event, context) as Promise<R | Answered>;
}
