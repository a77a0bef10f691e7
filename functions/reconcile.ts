// rate(1 minute): whatever an event would have done, this eventually does if the event is lost.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { config, deployments, logger, retraining } from '../shared/runtime';

export const handler = shepherdHandler('reconcile', scheduledEvent, async () => {
  // One line's failure must not starve the others; it is still thrown so Lambda retries and alarms see it.
  const results = await Promise.allSettled(config.models.map(async (line) => {
    await retraining.reconcile(line);
    await deployments.reconcile(line);
  }));
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ model: config.models[i]!.name, error: r.reason as Error }] : []));
  for (const f of failures) logger.error('reconcile failed for a model line', { model: f.model, error: f.error });
  if (failures.length > 0) {
    throw new AggregateError(failures.map((f) => f.error), `reconcile failed for ${failures.map((f) => `${f.model} (${f.error.name}: ${f.error.message})`).join(', ')}`);
  }
  return { status: 'done' as const, models: config.models.length };
});
