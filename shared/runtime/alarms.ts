// The CloudWatch adapters that read alarms back, asking for the alarm types the config says exist
// (`compositeAlarms`); apart from ./clients.ts, which knows nothing of the config.
import { alarmTypes } from '../aws/alarm-states';
import { CloudWatchAdapter } from '../aws/cloudwatch';
import { DriftAlarmAdapter } from '../aws/cloudwatch-drift';
import { cloudwatchClient } from './clients';
import { config } from './config';
import { lazy } from './lazy';

export const cloudwatch = /* @__PURE__ */ lazy(
  () => new CloudWatchAdapter(cloudwatchClient(), alarmTypes(config.compositeAlarms)),
);
export const driftAlarms = /* @__PURE__ */ lazy(
  () => new DriftAlarmAdapter(cloudwatchClient(), alarmTypes(config.compositeAlarms)),
);
