// rate(1 minute): whatever an event would have done, this eventually does if the event is lost.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { isRetryLater } from '../shared/app/decider';
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger, metrics } from '../shared/observability/logger';
import { doneWith } from '../shared/observability/results';
import { allLines } from '../shared/runtime/lines';
import { deployments } from '../shared/runtime/deployments';
import { isMonitoredLine, monitoring } from '../shared/runtime/monitoring';
import { retraining } from '../shared/runtime/retraining';

// Throttled past the SDK's own retries, or an endpoint busy changing: the next pass, a minute away, does the
// same work again.
const throttled = (err: Error) => /Throttl|TooManyRequests|RequestLimitExceeded/.test(err.name) || isRetryLater(err);

export const handler = shepherdHandler('reconcile', scheduledEvent, async () => {
  const lines = allLines();
  const results = await Promise.allSettled(
    lines.map(async (line) => {
      await retraining().reconcile(line);
      await deployments().reconcile(line);
      if (isMonitoredLine(line)) await monitoring().reconcile(line);
    }),
  );
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ model: lines[i]!.name, error: r.reason as Error }] : [],
  );
  for (const f of failures) {
    const level = throttled(f.error) ? 'warn' : 'error';
    logger[level]('reconcile failed for a model line', { model: f.model, error: f.error });
  }
  if (failures.some((f) => throttled(f.error))) metrics.addMetric('ReconcileThrottled', MetricUnit.Count, 1);
  // One line's failure must not starve the others; it is still thrown so Lambda's DLQ and alarms see it.
  const real = failures.filter((f) => !throttled(f.error));
  if (real.length > 0) {
    const which = real.map((f) => `${f.model} (${f.error.name}: ${f.error.message})`).join(', ');
    throw new AggregateError(
      real.map((f) => f.error),
      `reconcile failed for ${which}`,
    );
  }
  return doneWith({ models: lines.length, throttled: failures.length });
});
