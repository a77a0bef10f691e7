// The reconciler's recovery of drift alarm changes whose event was lost: CloudWatch's states read back, the
// retraining decided here, and the description (Model Monitor's report, the S3 client) handed to describeDrift.
import * as LEFTOVER_GRANTS from '../app/leftover-grants';
import { LostDriftChanges } from '../app/lost-drift';
import { now } from '../clock';
import { monitoredAlarmName } from '../domain/monitoring/alarm-name';
import { driftChangeKey } from '../domain/retraining/lost';
import { logger, metrics } from '../observability/logger';
import { driftAlarms } from './alarms';
import { events, store } from './clients';
import { lazy } from './lazy';
import { isMonitoredLine } from './monitoring';
import { atMostOncePer, claimed } from './once';
import { retraining } from './retraining';

/**
 * A change is asked for again at most this often while it stays undescribed: describeDrift retries a report that
 * cannot be read yet, and its dead letters say so, without one more failing request every minute.
 */
const ASK_AGAIN_MS = 15 * 60_000;

export const lostDrift = /* @__PURE__ */ lazy(
  () =>
    new LostDriftChanges({
      alarms: driftAlarms(),
      store: store(),
      retraining: retraining(),
      requestDescription: async (line, alarm, changedAt) => {
        const kept = isMonitoredLine(line) && monitoredAlarmName(line.deployment.endpointName) === alarm;
        const key = driftChangeKey(alarm, changedAt);
        if (!kept || (await claimed('describeDrift', key))) return false;
        return atMostOncePer('requestDriftDescription', key, ASK_AGAIN_MS, () =>
          events().publish('Drift Description Requested', { model: line.name, alarmName: alarm, changedAt }),
        );
      },
      logger,
      metrics,
      clock: now,
      // The retraining it decides takes on the line's leftovers as the reconciler's role is granted.
      performs: LEFTOVER_GRANTS.reconcile,
    }),
);
