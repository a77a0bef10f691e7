// rate(1 minute): every canary judged on the minutes it has served, its abort alarms re-read (a lost alarm event
// costs at most a minute), a quiet endpoint looked up, a queued approval started.
import { isDeployedLine } from '../shared/domain/deployment/line';
import { scheduledEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { tickEach } from '../shared/observability/ticks';
import { deploymentWatcher } from '../shared/runtime/watch';
import { allLines } from '../shared/runtime/lines';

export const handler = shepherdHandler('watchDeployments', scheduledEvent, () =>
  tickEach('watchDeployments', allLines().filter(isDeployedLine), (line) => deploymentWatcher().reconcile(line)),
);
