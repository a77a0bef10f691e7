import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { formatIssues } from '../config/problems';
import type * as z from 'zod/mini';
import { logger, metrics } from './logger';
import { mapStackTraces } from './stack-traces';

export interface Rejected {
  status: 'rejected';
  problems: string[];
}

// A bundled function's stack traces lead to the TypeScript source, at no cost until one is printed.
mapStackTraces();

/**
 * Malformed input is answered, not retried: a log line with every problem, an `EventsRejected` metric and no
 * action. Retrying it would only fill the DLQ with the same bad event.
 */
const validateEvent = <S extends z.ZodMiniType>(handler: string, schema: S): MiddlewareObj<unknown, unknown> => ({
  before: (request) => {
    const event = request.event as { id?: unknown; 'detail-type'?: unknown };
    if (typeof event?.id === 'string') logger.setCorrelationId(event.id);
    const parsed = schema.safeParse(request.event);
    if (parsed.success) {
      request.event = parsed.data;
      return;
    }
    const problems = formatIssues(parsed.error.issues);
    const detailType = event?.['detail-type'];
    logger.warn('event rejected: it does not have the expected shape', { handler, detailType, problems });
    metrics.addMetric('EventsRejected', MetricUnit.Count, 1);
    request.earlyResponse = { status: 'rejected', problems } satisfies Rejected;
  },
});

type Handler<S extends z.ZodMiniType, R> = (event: z.output<S>, context: Context) => Promise<R>;

function middleware<S extends z.ZodMiniType, R>(name: string, schema: S, fn: Handler<S, R>) {
  return middy(fn as (event: unknown, context: Context) => Promise<R>)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(validateEvent(name, schema));
}

/**
 * The one middleware stack of every Shepherd handler: context-aware logs, metrics, validation. Built on the first
 * invocation and kept for the cold start. There is no idempotency layer keyed by event id: a handler is idempotent
 * by its conditional writes and the outbox (README, State), which also cover an event that says the same thing
 * under another id (S3 and SageMaker send those), and a second write per event would only cost.
 */
export function shepherdHandler<S extends z.ZodMiniType, R>(name: string, schema: S, fn: Handler<S, R>) {
  let stack: ReturnType<typeof middleware<S, R>> | undefined;
  return (event: unknown, context: Context): Promise<R | Rejected> =>
    (stack ??= middleware(name, schema, fn))(event, context) as Promise<R | Rejected>;
}
