// The scheduled cost sweep (`costSweep.schedule`): enforcement as the config allows, a report either way.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith, ignored } from '../shared/observability/results';
import { costSweep } from '../shared/runtime/cost';
import { oncePerEvent } from '../shared/runtime/once';

/**
 * Past the invocation's own deadline, so a live sweep is never taken over (and a second never runs beside it), and no
 * longer: Lambda retries a failed invocation a minute after it failed, then two minutes after that
 * (docs/aws-events.md), so the retry of a sweep that died at its timeout takes the claim over instead of being
 * refused as running, and the day's sweep is not lost.
 */
const LEASE_MARGIN_MS = 30_000;

export const handler = shepherdHandler('costSweep', scheduledEvent, async (event, context) => {
  const leaseMs = context.getRemainingTimeInMillis() + LEASE_MARGIN_MS;
  // A duplicate delivery must not mail a second report or take a second batch of actions.
  const swept = await oncePerEvent('costSweep', event.id, leaseMs, async () => {
    const result = await costSweep().runSweep({ enforce: true, notify: true });
    for (const f of result.failures) logger.error('cost sweep could not sweep a resource', { ...f });
    // Reported and counted; still thrown, so the function's errors alarm says a sweep was incomplete, and Lambda's
    // retry may complete it (its report is mailed again).
    if (result.failures.length) {
      const which = result.failures.slice(0, 5).map((f) => f.resource);
      throw new Error(`cost sweep incomplete: ${result.failures.length} resource(s) not swept (${which.join(', ')})`);
    }
    return result;
  });
  if (!swept.ran) return ignored('this scheduled sweep already ran', { id: event.id });
  const { findings, estimatedMonthlySavingUsd, actions } = swept.result;
  return doneWith({ findings: findings.length, estimatedMonthlySavingUsd, actions: actions.length });
});
