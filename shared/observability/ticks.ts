// One pass of a scheduled reconciler over the model lines: each line's work runs on its own, so one line's failure
// does not starve the others, and what failed is still thrown so Lambda's DLQ and alarms see it.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { isRetryLater, isThrottled } from '../app/errors';
import { isIgnored, orCorrupt } from '../runtime/corrupt';
import { logger, metrics } from './logger';
import { doneWith } from './results';

// Throttled past the SDK's own retries, or an endpoint busy changing: the next pass, a minute away, does the
// same work again.
const throttled = (err: Error) => isThrottled(err) || isRetryLater(err);

/**
 * Runs `work` for every line; logs and counts throttling, throws every other failure in one AggregateError. A line
 * whose state item is corrupt is left alone (alerted once, counted) and is no failure: the tick goes on every minute.
 */
export async function tickEach<L extends { name: string }>(pass: string, lines: L[], work: (line: L) => Promise<void>) {
  const results = await Promise.allSettled(lines.map((line) => orCorrupt(work(line))));
  const corrupt = results.filter((r) => r.status === 'fulfilled' && isIgnored(r.value)).length;
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ model: lines[i]!.name, error: r.reason as Error }] : [],
  );
  for (const f of failures) {
    const level = throttled(f.error) ? 'warn' : 'error';
    logger[level](`${pass} failed for a model line`, { model: f.model, error: f.error });
  }
  if (failures.some((f) => throttled(f.error))) metrics.addMetric('ReconcileThrottled', MetricUnit.Count, 1);
  const real = failures.filter((f) => !throttled(f.error));
  if (real.length > 0) {
    const which = real.map((f) => `${f.model} (${f.error.name}: ${f.error.message})`).join(', ');
    throw new AggregateError(
      real.map((f) => f.error),
      `${pass} failed for ${which}`,
    );
  }
  return doneWith({ models: lines.length, throttled: failures.length, corrupt });
}
