// rate(1 minute): whatever an event of a training, a pipeline or a Neo build would have done, this eventually does
// if the event is lost, and a lost drift alarm change or upload too; and a monitored endpoint's Model Monitor
// converges. Canaries have a watcher of their own (watch-deployments.ts).
import { driftAlarmsOf } from '../shared/domain/monitoring/alarm-name';
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { tickEach } from '../shared/observability/ticks';
import { edgeBuilds } from '../shared/runtime/deployments';
import { allLines } from '../shared/runtime/lines';
import { lostTriggers } from '../shared/runtime/lost-triggers';
import { isMonitoredLine, monitoring } from '../shared/runtime/monitoring';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('reconcile', scheduledEvent, () => {
  // One DescribeAlarms (per 100 names) for every line's drift alarms, asked once a line needs it.
  let states: ReturnType<ReturnType<typeof lostTriggers>['alarmStates']> | undefined;
  const alarmStates = () => (states ??= lostTriggers().alarmStates(allLines().flatMap(driftAlarmsOf)));
  return tickEach('reconcile', allLines(), async (line) => {
    // Lost triggers first, so that what they make due starts in this same pass; a failure waits for the rest.
    const failed = await lostTriggers().recover(line, driftAlarmsOf(line), alarmStates);
    await retraining().reconcile(line);
    if (line.edgeTargets.length) await edgeBuilds().reconcile(line);
    if (isMonitoredLine(line)) await monitoring().reconcile(line);
    if (failed) throw failed;
  });
});
