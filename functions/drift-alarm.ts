// A drift alarm going into ALARM → a retraining with reason `drift` (or coalesced, or refused). What drifted, on the
// alarm Shepherd keeps on a monitored endpoint, is describeDrift's to read.
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { driftTrigger, isoTime } from '../shared/domain/retraining/lost';
import { onTrigger } from '../shared/domain/retraining/triggers';
import { alarmStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { lineOfDriftAlarm } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('driftAlarm', alarmStateChangeEvent, async (event) => {
  const { alarmName, state } = event.detail;
  const line = lineOfDriftAlarm(alarmName);
  if (!line) return ignored('alarm not configured as a drift trigger', { alarmName });
  if (state.value !== 'ALARM') {
    return ignored('drift alarm left ALARM or has no data: nothing to do', { alarmName, state: state.value });
  }
  // Keyed by the state change, not the event: the reconciler reads the same change back if this event is lost.
  const changedAt = isoTime(state.timestamp) ?? isoTime(event.time) ?? event.time;
  const trigger = driftTrigger(alarmName, changedAt, event.time, `alarm ${alarmName}`);
  const decision = await retraining().apply(
    line.name,
    (s, now) => onTrigger(s, line, trigger, now),
    true,
    LEFTOVER_GRANTS.driftAlarm,
  );
  return done(line.name, decision);
});
