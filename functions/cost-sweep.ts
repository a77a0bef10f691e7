// The scheduled cost sweep (`costSweep.schedule`): enforcement as the config allows, a report either way.
import { SweepLeaseLost } from '../shared/app/sweep-lease';
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith, ignored } from '../shared/observability/results';
import { costSweep, sweepActions } from '../shared/runtime/cost';
import { oncePerEventRenewed } from '../shared/runtime/once';
import type { LeaseTerms } from '../shared/runtime/renewed-lease';

/**
 * A sweep runs up to ten minutes, and Lambda retries a failed invocation a minute after it failed, then two minutes
 * after that (docs/aws-events.md). A short lease the live sweep renews: a sweep that died at any point has held it
 * at most 50 s past its death, so the first retry takes the day's sweep over; a renewal may fail (throttled) twice
 * and be retried before a live sweep's lease lapses.
 */
export const SWEEP_LEASE: LeaseTerms = { leaseMs: 50_000, renewEveryMs: 15_000 };

export const handler = shepherdHandler('costSweep', scheduledEvent, async (event) => {
  // A duplicate delivery must not mail a second report or take a second batch of actions.
  const swept = await oncePerEventRenewed('costSweep', event.id, SWEEP_LEASE, async (lease) => {
    const slots = sweepActions(event.id);
    const result = await costSweep().runSweep({ enforce: true, notify: true, lease, slots });
    for (const f of result.failures) logger.error('cost sweep could not sweep a resource', { ...f });
    // Reported and counted; still thrown, so the function's errors alarm says a sweep was incomplete, and Lambda's
    // retry may complete it (its report is mailed again).
    if (result.failures.length) {
      const which = result.failures.slice(0, 5).map((f) => f.resource);
      throw new Error(`cost sweep incomplete: ${result.failures.length} resource(s) not swept (${which.join(', ')})`);
    }
    return result;
  }).catch((err: unknown) => {
    // Logged and counted where it stopped; not thrown: the invocation that took the run over sweeps it.
    if (err instanceof SweepLeaseLost) return 'lost' as const;
    throw err;
  });
  if (swept === 'lost') return ignored('another invocation took this sweep over', { id: event.id });
  if (!swept.ran) return ignored('this scheduled sweep already ran', { id: event.id });
  const { findings, estimatedMonthlySavingUsd, actions } = swept.result;
  return doneWith({ findings: findings.length, estimatedMonthlySavingUsd, actions: actions.length });
});
