// The drift alarm Shepherd keeps on a monitored endpoint went into ALARM: the drifted features are read from Model
// Monitor's constraint violations report and published as Drift Detected. The retraining the same alarm starts is
// driftAlarm's; this function alone carries the S3 client and Model Monitor's look-ups. A change whose event was lost
// comes from the reconciler instead, as Drift Description Requested on Shepherd's bus.
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import { isoTime } from '../shared/domain/retraining/lost';
import { driftToDescribeEvent } from '../shared/events/shepherd';
import { eventHandler } from '../shared/observability/event-handler';
import { done, ignored } from '../shared/observability/results';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { describeDriftOnce, isMonitoredLine } from '../shared/runtime/monitoring';

export const handler = eventHandler('describeDrift', driftToDescribeEvent, async (event) => {
  const { alarmName } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line || !isMonitoredLine(line) || monitoredAlarmName(line.deployment.endpointName) !== alarmName) {
    return ignored('alarm is not one Shepherd keeps on a monitored endpoint', { alarmName });
  }
  let changedAt: string;
  if (event['detail-type'] === 'Drift Description Requested') {
    changedAt = isoTime(event.detail.changedAt) ?? event.detail.changedAt;
  } else {
    const { state } = event.detail;
    if (state.value !== 'ALARM') return ignored('drift alarm left ALARM: no report to read', { alarmName });
    changedAt = isoTime(state.timestamp) ?? isoTime(event.time) ?? event.time;
  }
  // One Drift Detected per change of the alarm, however it is told: by its event, or by the reconciler's request.
  const described = await describeDriftOnce(line, alarmName, changedAt);
  if (!described.ran) return ignored('this drift was described already', { alarmName, changedAt });
  return done(line.name, 'drift described');
});
