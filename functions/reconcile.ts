// rate(1 minute): whatever an event of a training, a pipeline or a Neo build would have done, this eventually does
// if the event is lost, and a lost drift alarm change too; and a monitored endpoint's Model Monitor converges.
// Canaries have a watcher of their own (watch-deployments.ts), lost uploads a listing (count-lost-uploads.ts).
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { driftAlarmsOf } from '../shared/domain/monitoring/alarm-name';
import type { AlarmSeen } from '../shared/domain/retraining/lost';
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { tickEach } from '../shared/observability/ticks';
import { edgeBuilds } from '../shared/runtime/deployments';
import { allLines } from '../shared/runtime/lines';
import { lostDrift } from '../shared/runtime/lost-drift';
import { isMonitoredLine, monitoring } from '../shared/runtime/monitoring';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('reconcile', scheduledEvent, () => {
  // One DescribeAlarms (per 100 names) for every line's drift alarms, asked once a line needs it.
  let states: Promise<AlarmSeen[]> | undefined;
  const alarmStates = () => (states ??= lostDrift().alarmStates(allLines().flatMap(driftAlarmsOf)));
  return tickEach('reconcile', allLines(), async (line) => {
    const alarms = driftAlarmsOf(line);
    // Every part of a line's work runs though another failed: a stuck retraining must not stop its line's Neo
    // builds or drift monitoring. A lost drift change first, so that the retraining it makes due starts in this
    // same pass. The first failure is thrown once all have run.
    const parts = [
      ...(alarms.length ? [() => alarmStates().then((seen) => lostDrift().recover(line, alarms, seen))] : []),
      () => retraining().reconcile(line, LEFTOVER_GRANTS.reconcile),
      ...(line.edgeTargets.length ? [() => edgeBuilds().reconcile(line, LEFTOVER_GRANTS.reconcile)] : []),
      ...(isMonitoredLine(line) ? [() => monitoring().reconcile(line)] : []),
    ];
    let failed: unknown;
    for (const part of parts) {
      await part().catch((err: unknown) => {
        failed ??= err ?? new Error(`reconcile of ${line.name} failed`);
      });
    }
    if (failed) throw failed;
  });
});
