// rate(1 minute): whatever an event of a training, a pipeline or a Neo build would have done, this eventually does
// if the event is lost; and a monitored endpoint's Model Monitor converges. Canaries have a watcher of their own
// (watch-deployments.ts).
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { tickEach } from '../shared/observability/ticks';
import { edgeBuilds } from '../shared/runtime/deployments';
import { allLines } from '../shared/runtime/lines';
import { isMonitoredLine, monitoring } from '../shared/runtime/monitoring';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('reconcile', scheduledEvent, () =>
  tickEach('reconcile', allLines(), async (line) => {
    await retraining().reconcile(line);
    if (line.edgeTargets.length) await edgeBuilds().reconcile(line);
    if (isMonitoredLine(line)) await monitoring().reconcile(line);
  }),
);
