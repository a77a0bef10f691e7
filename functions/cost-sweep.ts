// The scheduled cost sweep (`costSweep.schedule`): enforcement as the config allows, a report either way.
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith } from '../shared/observability/results';
import { costSweep } from '../shared/runtime/cost';

export const handler = shepherdHandler('costSweep', scheduledEvent, async () => {
  const result = await costSweep().runSweep({ enforce: true });
  for (const f of result.failures) logger.error('cost sweep could not sweep a resource', { ...f });
  // Reported and counted; still thrown, so the function's errors alarm says a sweep was incomplete.
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
