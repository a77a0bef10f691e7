// The drift alarm Shepherd keeps on a monitored endpoint went into ALARM: the drifted features are read from Model
// Monitor's constraint violations report and published as Drift Detected. The retraining the same alarm starts is
// driftAlarm's; this function alone carries the S3 client and Model Monitor's look-ups.
import { monitoredAlarmName } from '../shared/domain/monitoring/alarm-name';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { store } from '../shared/runtime/clients';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { driftReports, isMonitoredLine } from '../shared/runtime/monitoring';
import { runKey } from '../shared/state/store';

// Far longer than the function runs: a live invocation is never taken over.
const LEASE_MS = 5 * 60_000;

export const handler = shepherdHandler('describeDrift', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line || !isMonitoredLine(line) || monitoredAlarmName(line.deployment.endpointName) !== alarmName) {
    return ignored('alarm is not one Shepherd keeps on a monitored endpoint', { alarmName });
  }
  if (state.value !== 'ALARM') return ignored('drift alarm left ALARM: no report to read', { alarmName });
  // One Drift Detected per alarm event, however often it is delivered.
  const run = runKey('describeDrift', event.id);
  const claim = await store().claimRun(run, LEASE_MS, 2);
  if (claim === 'done') return ignored('this drift was described already', { alarmName, id: event.id });
  if (claim === 'running') throw new Error(`drift of ${event.id} is being described by another invocation`);
  // A report that cannot be read yet is thrown, the claim given back: Lambda's retry reads it again.
  try {
    await driftReports().detected(line, { name: alarmName, eventId: event.id, at: event.time });
  } catch (err) {
    await store().releaseRun(run);
    throw err;
  }
  await store().finishRun(run);
  return done(line.name, 'drift described');
});
