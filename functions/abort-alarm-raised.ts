// A configured abort alarm going into ALARM → every canary it guards loses its traffic now, not at the end of
// its bake. The reconciler reads the same alarms each minute, in case this event is lost.
import type { DeployedLine } from '../shared/domain/deployment/start';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { config, deployments, ignored, logger } from '../shared/runtime';

export const handler = shepherdHandler('abortAlarmRaised', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  // One alarm may guard several endpoints (a shared dependency, a region-wide error rate).
  const lines = config.models.filter((m): m is DeployedLine => m.deployment?.abortAlarms.includes(alarmName) ?? false);
  if (!lines.length) return ignored('alarm not configured as an abort alarm', { alarmName });
  if (state.value !== 'ALARM') {
    return ignored('abort alarm left ALARM or has no data: nothing to do', { alarmName, state: state.value });
  }
  // Each endpoint is its own item: one that fails (throttled) must not hold back the others.
  const results = await Promise.allSettled(lines.map((line) => deployments.abortAlarm(line, alarmName)));
  const outcomes = results.map((r, i) => ({
    model: lines[i]!.name,
    outcome: r.status === 'fulfilled' ? r.value : 'error',
  }));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length) {
    logger.error('abort alarm not acted on for every model line', { alarmName, outcomes });
    // Lambda retries the event; the lines already acted on find their canary draining and do nothing more.
    throw new AggregateError(failures, `abort alarm ${alarmName}: ${failures.map((f) => f.message).join('; ')}`);
  }
  return { status: 'done' as const, alarmName, outcomes };
});
