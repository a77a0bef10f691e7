import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { formatIssues } from '../config/problems';
import { dynamo } from '../runtime/clients';
import { env } from '../runtime/env';
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
const validateEvent = <S extends z.ZodMiniType>(schema: S): MiddlewareObj<unknown, unknown> => ({
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
    logger.warn('event rejected: it does not have the expected shape', { detailType, problems });
    metrics.addMetric('EventsRejected', MetricUnit.Count, 1);
    request.earlyResponse = { status: 'rejected', problems } satisfies Rejected;
  },
});

type Handler<S extends z.ZodMiniType, R> = (event: z.output<S>, context: Context) => Promise<R>;

function middleware<S extends z.ZodMiniType, R>(name: string, schema: S, fn: Handler<S, R>) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: env.TABLE_NAME,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: `IDEMPOTENCY#${name}`,
    awsSdkV3Client: dynamo(),
  });
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'id', expiresAfterSeconds: 6 * 3600 });
  return middy(fn as (event: unknown, context: Context) => Promise<R>)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(validateEvent(schema))
    .use(makeHandlerIdempotent({ persistenceStore, config }));
}

/**
 * The one middleware stack of every Shepherd handler: context-aware logs, metrics, validation, idempotency on the
 * event id. Built on the first invocation, with the DynamoDB client it needs, and kept for the cold start.
 */
export function shepherdHandler<S extends z.ZodMiniType, R>(name: string, schema: S, fn: Handler<S, R>) {
  let stack: ReturnType<typeof middleware<S, R>> | undefined;
  return (event: unknown, context: Context): Promise<R | Rejected> =>
    (stack ??= middleware(name, schema, fn))(event, context) as Promise<R | Rejected>;
}
