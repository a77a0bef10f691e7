// DescribeAlarms by name, for the drift alarms and the abort alarms alike. CloudWatch answers composite alarms only
// to a DescribeAlarms permission on `*` (docs/cloudwatch-alarms.md), so they are asked for only when the config says
// some named alarm is one (`compositeAlarms`) and the stack grants that.
import {
  paginateDescribeAlarms,
  type AlarmType,
  type CloudWatchClient,
  type CompositeAlarm,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';

// DescribeAlarms takes at most 100 names a call.
const NAMES_PER_CALL = 100;

export const alarmTypes = (composite: boolean): AlarmType[] =>
  composite ? ['MetricAlarm', 'CompositeAlarm'] : ['MetricAlarm'];

/** Every named alarm that exists, of the types asked for, over every page of every call. */
export async function describeAlarms(
  client: CloudWatchClient,
  names: string[],
  types: AlarmType[],
): Promise<(MetricAlarm | CompositeAlarm)[]> {
  const found: (MetricAlarm | CompositeAlarm)[] = [];
  for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
    const pages = paginateDescribeAlarms(
      { client },
      { AlarmNames: names.slice(i, i + NAMES_PER_CALL), AlarmTypes: types },
    );
    for await (const page of pages) found.push(...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? []));
  }
  return found;
}
