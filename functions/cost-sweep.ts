// The scheduled cost sweep (`costSweep.schedule`): enforcement as the config allows, a report either way.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith, ignored } from '../shared/observability/results';
import { store } from '../shared/runtime/clients';
import { costSweep } from '../shared/runtime/cost';
import { runKey } from '../shared/state/store';

// Longer than the function's 600 s timeout, so a live sweep is never taken over.
const LEASE_MS = 15 * 60_000;

export const handler = shepherdHandler('costSweep', scheduledEvent, async (event) => {
  // A duplicate delivery must not mail a second report or take a second batch of actions.
  const run = runKey('costSweep', event.id);
  const claim = await store().claimRun(run, LEASE_MS, 7);
  if (claim === 'done') return ignored('this scheduled sweep already ran', { id: event.id });
  // Thrown, so Lambda retries it: the first delivery may still fail and give its claim back.
  if (claim === 'running') throw new Error(`cost sweep ${event.id} is running in another invocation`);
  const result = await costSweep()
    .runSweep({ enforce: true })
    .catch(async (err: unknown) => {
      await store().releaseRun(run);
      throw err;
    });

  for (const f of result.failures) logger.error('cost sweep could not sweep a resource', { ...f });
  // Reported and counted; still thrown, so the function's errors alarm says a sweep was incomplete, and Lambda's
  // retry may complete it (its report is mailed again).
  await (result.failures.length ? store().releaseRun(run) : store().finishRun(run));
  if (result.failures.length)
    throw new Error(
      `cost sweep incomplete: ${result.failures.length} resource(s) not swept (${result.failures
        .slice(0, 5)
        .map((f) => f.resource)
        .join(', ')})`,
    );
  return doneWith({
    findings: result.findings.length,
    estimatedMonthlySavingUsd: result.estimatedMonthlySavingUsd,
    actions: result.actions.length,
  });
});
