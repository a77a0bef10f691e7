// The drift alarm Shepherd keeps on a monitored endpoint went into ALARM: the drifted features are read from Model
// Monitor's constraint violations report and published as Drift Detected. The retraining the same alarm starts is
// driftAlarm's; this function alone carries the S3 client and Model Monitor's look-ups.
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import { isoTime } from '../shared/domain/retraining/lost';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { eventHandler } from '../shared/observability/event-handler';
import { done, ignored } from '../shared/observability/results';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { describeDriftOnce, isMonitoredLine } from '../shared/runtime/monitoring';

export const handler = eventHandler('describeDrift', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line || !isMonitoredLine(line) || monitoredAlarmName(line.deployment.endpointName) !== alarmName) {
    return ignored('alarm is not one Shepherd keeps on a monitored endpoint', { alarmName });
  }
  if (state.value !== 'ALARM') return ignored('drift alarm left ALARM: no report to read', { alarmName });
  // One Drift Detected per change of the alarm, however it is told; the reconciler reads back one whose event is lost.
  const changedAt = isoTime(state.timestamp) ?? isoTime(event.time) ?? event.time;
  const described = await describeDriftOnce(line, alarmName, changedAt);
  if (!described.ran) return ignored('this drift was described already', { alarmName, changedAt });
  return done(line.name, 'drift described');
});
