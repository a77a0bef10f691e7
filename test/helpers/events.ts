import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';

type Json = Record<string, any>;

/** A fixture from events/, optionally with its detail (deep-)merged and its envelope id replaced. */
export function fixture(name: string, patch: { id?: string; time?: string; detail?: Json } = {}): Json {
  const event = JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', `${name}.json`), 'utf8')) as Json;
  if (patch.id) event.id = patch.id;
  if (patch.time) event.time = patch.time;
  if (patch.detail) event.detail = merge(event.detail, patch.detail);
  return event;
}

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b))
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  return out;
}

let invocation = 0;
/** A Lambda-like context: the idempotency layer reads the remaining time from it. */
export const context = (functionName = 'test'): Context =>
  ({
    functionName,
    functionVersion: '$LATEST',
    awsRequestId: `req-${++invocation}`,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

/** Fakes only the clock: the SDK's own timers keep running. */
export function setClock(iso: string): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(new Date(iso));
}

/** The scheduled event a minute's schedule delivers at `iso`, one id per minute. */
export const scheduledAt = (iso: string): Json => fixture('scheduled-event', { id: `tick-${iso}`, time: iso });

/** A scheduled function's tick at `iso`: the clock set to it, then the schedule's event. */
export const tickOf =
  <R>(handler: (event: unknown, context: Context) => Promise<R>, functionName: string) =>
  (iso: string): Promise<R> => {
    setClock(iso);
    return handler(scheduledAt(iso), context(functionName));
  };
