// The scheduled cost sweep (`costSweep.schedule`): enforcement as the config allows, a report either way.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith, ignored } from '../shared/observability/results';
import { costSweep } from '../shared/runtime/cost';
import { oncePerEvent } from '../shared/runtime/once';

// Longer than the function's 600 s timeout, so a live sweep is never taken over.
const LEASE_MS = 15 * 60_000;

export const handler = shepherdHandler('costSweep', scheduledEvent, async (event) => {
  // A duplicate delivery must not mail a second report or take a second batch of actions.
  const swept = await oncePerEvent('costSweep', event.id, LEASE_MS, async () => {
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
