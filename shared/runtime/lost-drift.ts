// The reconciler's recovery of lost trigger events: CloudWatch for the drift alarms, an S3 listing for the uploads.
import { LostTriggers } from '../app/lost-triggers';
import { now } from '../clock';
import { monitoredAlarmName } from '../domain/monitoring/alarm-name';
import { driftChangeKey } from '../domain/retraining/lost';
import { logger, metrics } from '../observability/logger';
import { dataWindows, driftAlarms, listing, listingCursors, store } from './clients';
import { lazy } from './lazy';
import { describeDriftOnce, isMonitoredLine } from './monitoring';
import { claimed } from './once';
import { dataTriggerOf } from './lines';
import { retraining } from './retraining';

export const lostTriggers = /* @__PURE__ */ lazy(
  () =>
    new LostTriggers({
      alarms: driftAlarms(),
      listing: listing(),
      windows: dataWindows(),
      cursors: listingCursors(),
      store: store(),
      retraining: retraining(),
      describeDrift: async (line, alarm, changedAt) => {
        const kept = isMonitoredLine(line) && monitoredAlarmName(line.deployment.endpointName) === alarm;
        if (!kept || (await claimed('describeDrift', driftChangeKey(alarm, changedAt)))) return false;
        return (await describeDriftOnce(line, alarm, changedAt)).ran;
      },
      triggerOf: (bucket, key) => dataTriggerOf(bucket, key)?.trigger,
      logger,
      metrics,
      clock: now,
    }),
);
