// The drift alarm Shepherd keeps per monitored endpoint, and where Model Monitor's executions publish their metrics.
// Apart from ./cloudwatch.ts, so functions that only judge canaries carry none of this.
import {
  DescribeAlarmsCommand,
  paginateListMetrics,
  PutMetricAlarmCommand,
  type AlarmType,
  type CloudWatchClient,
  type Metric,
} from '@aws-sdk/client-cloudwatch';
import { describeAlarms } from './alarm-states';
import type { AlarmRequest, LiveAlarm } from '../domain/monitoring/drift-alarm';
import type { AlarmSeen } from '../domain/retraining/lost';
import { isoTime } from './iso-time';

// The guides spell the endpoint's dimension two ways (docs/aws-model-monitor.md): both are asked.
const ENDPOINT_DIMENSIONS = ['Endpoint', 'EndpointName'];

export class DriftAlarmAdapter {
  constructor(
    private readonly client: CloudWatchClient,
    /** The alarm types `states` asks for (./alarm-states.ts). */
    private readonly types: AlarmType[],
  ) {}

  /** The metric alarm of this name as it is now, edits by hand included; undefined if there is none. */
  async find(name: string): Promise<LiveAlarm | undefined> {
    const out = await this.client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
    return out.MetricAlarms?.find((a) => a.AlarmName === name);
  }

  /**
   * The state of each named alarm that exists, and when its state value last changed: StateTransitionedTimestamp,
   * which a change of the evaluation state alone leaves as it is (StateUpdatedTimestamp moves with either).
   */
  async states(names: string[]): Promise<AlarmSeen[]> {
    return (await describeAlarms(this.client, names, this.types)).map((alarm) => {
      const changed = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
      return {
        name: alarm.AlarmName ?? '',
        state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
        ...(changed ? { changedAt: isoTime(changed) } : {}),
      };
    });
  }

  /** PutMetricAlarm creates or replaces the alarm whole: repeating it is harmless. */
  async put(request: AlarmRequest): Promise<void> {
    await this.client.send(new PutMetricAlarmCommand(request));
  }

  /**
   * Every metric any namespace holds for this endpoint, under either spelling of its dimension, that had data in the
   * past three hours: a replaced model's features drop out then, where ListMetrics would list them for two weeks.
   */
  async metricsOfEndpoint(endpoint: string): Promise<Metric[]> {
    const found: Metric[] = [];
    for (const Name of ENDPOINT_DIMENSIONS) {
      const input = { Dimensions: [{ Name, Value: endpoint }], RecentlyActive: 'PT3H' as const };
      for await (const page of paginateListMetrics({ client: this.client }, input)) found.push(...(page.Metrics ?? []));
    }
    return found;
  }
}
