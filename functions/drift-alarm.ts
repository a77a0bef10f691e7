// A drift alarm going into ALARM → a retraining with reason `drift` (or coalesced, or refused). When it is the alarm
// Shepherd keeps on a monitored endpoint, the drifted features are read from Model Monitor's report: Drift Detected.
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import { onTrigger } from '../shared/domain/retraining/triggers';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { driftReports, isMonitoredLine } from '../shared/runtime/monitoring';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('driftAlarm', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line) return ignored('alarm not configured as a drift trigger', { alarmName });
  if (state.value !== 'ALARM') {
    return ignored('drift alarm left ALARM or has no data: nothing to do', { alarmName, state: state.value });
  }
  const trigger = { reason: 'drift' as const, id: event.id, at: event.time, detail: `alarm ${alarmName}` };
  const decision = await retraining().apply(line.name, (s, now) => onTrigger(s, line, trigger, now));
  // After the retraining is decided, so a report that cannot be read holds nothing up; its error is still thrown,
  // and Lambda's retry finds the trigger handled and tries the report again.
  if (isMonitoredLine(line) && monitoredAlarmName(line.deployment.endpointName) === alarmName) {
    await driftReports().detected(line, { name: alarmName, eventId: event.id, at: event.time });
  }
  return done(line.name, decision);
});
