// The drift alarm Shepherd keeps on a monitored endpoint went into ALARM: the drifted features are read from Model
// Monitor's constraint violations report and published as Drift Detected. The retraining the same alarm starts is
// driftAlarm's; this function alone carries the S3 client and Model Monitor's look-ups.
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { eventHandler } from '../shared/observability/event-handler';
import { done, ignored } from '../shared/observability/results';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { driftReports, isMonitoredLine } from '../shared/runtime/monitoring';
import { oncePerEvent } from '../shared/runtime/once';

export const handler = eventHandler('describeDrift', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line || !isMonitoredLine(line) || monitoredAlarmName(line.deployment.endpointName) !== alarmName) {
    return ignored('alarm is not one Shepherd keeps on a monitored endpoint', { alarmName });
  }
  if (state.value !== 'ALARM') return ignored('drift alarm left ALARM: no report to read', { alarmName });
  // One Drift Detected per alarm event; a report that cannot be read yet is thrown for Lambda's retry.
  const described = await oncePerEvent('describeDrift', event.id, 5 * 60_000, () =>
    driftReports().detected(line, { name: alarmName, eventId: event.id, at: event.time }),
  );
  if (!described.ran) return ignored('this drift was described already', { alarmName, id: event.id });
  return done(line.name, 'drift described');
});
