// A configured abort alarm going into ALARM → every canary it guards loses its traffic now, not at the end of
// its bake. The reconciler reads the same alarms each minute, in case this event is lost.
import { isoTime } from '../shared/domain/retraining/lost';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { logger } from '../shared/observability/logger';
import { doneWith, ignored } from '../shared/observability/results';
import { linesOfAbortAlarm } from '../shared/runtime/lines';
import { isIgnored, orCorrupt } from '../shared/runtime/corrupt';
import { deploymentsOnAlarm } from '../shared/runtime/deployments';

export const handler = shepherdHandler('abortAlarmRaised', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const lines = linesOfAbortAlarm(alarmName);
  if (!lines.length) return ignored('alarm not configured as an abort alarm', { alarmName });
  if (state.value !== 'ALARM') {
    return ignored('abort alarm left ALARM or has no data: nothing to do', { alarmName, state: state.value });
  }
  // When the alarm went into ALARM, by CloudWatch: a late or repeated event must not fail a canary started since.
  const changedAt = isoTime(state.timestamp);
  // Each endpoint is its own item: one that fails (throttled) must not hold back the others.
  // One whose state item is corrupt is left alone (alerted once), not retried.
  const results = await Promise.allSettled(
    lines.map((line) => orCorrupt(deploymentsOnAlarm().abortAlarm(line, alarmName, changedAt))),
  );
  const outcomes = results.map((r, i) => ({
    model: lines[i]!.name,
    outcome: r.status === 'rejected' ? 'error' : isIgnored(r.value) ? r.value.reason : r.value,
  }));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length) {
    logger.error('abort alarm not acted on for every model line', { alarmName, outcomes });
    // Lambda retries the event; the lines already acted on find their canary draining and do nothing more.
    throw new AggregateError(failures, `abort alarm ${alarmName}: ${failures.map((f) => f.message).join('; ')}`);
  }
  return doneWith({ alarmName, outcomes });
});
