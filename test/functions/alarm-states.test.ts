// Reading alarms back by name, as the abort-alarm checks and the lost drift changes do.
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { alarmTypes } from '../../shared/aws/alarm-states';
import { CloudWatchAdapter } from '../../shared/aws/cloudwatch';
import { DriftAlarmAdapter } from '../../shared/aws/cloudwatch-drift';

const cloudwatch = mockClient(CloudWatchClient);
const names = (count: number) => Array.from({ length: count }, (_, i) => `abort-${i}`);

beforeEach(() => cloudwatch.reset());

describe('reading alarms back', () => {
  it('asks for metric alarms only unless composite alarms are declared', async () => {
    // Prepare
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'abort-0', StateValue: 'ALARM' }] });
    const adapter = new CloudWatchAdapter(new CloudWatchClient({}), alarmTypes(false));

    // Act
    const states = await adapter.alarmStates(['abort-0']);

    // Assess
    expect(states).toEqual([{ name: 'abort-0', state: 'ALARM' }]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input.AlarmTypes).toEqual(['MetricAlarm']);
  });

  it('reads a declared composite abort alarm', async () => {
    // Prepare
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [],
      CompositeAlarms: [{ AlarmName: 'abort-any', StateValue: 'ALARM' }],
    });
    const adapter = new CloudWatchAdapter(new CloudWatchClient({}), alarmTypes(true));

    // Act
    const states = await adapter.alarmStates(['abort-any']);

    // Assess
    expect(states).toEqual([{ name: 'abort-any', state: 'ALARM' }]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input.AlarmTypes).toEqual([
      'MetricAlarm',
      'CompositeAlarm',
    ]);
  });

  it('asks 100 names a call and follows every page, so no abort alarm is left unread', async () => {
    // Prepare: CloudWatch pages its answer
    cloudwatch
      .on(DescribeAlarmsCommand)
      .callsFake(({ AlarmNames = [], NextToken }: { AlarmNames?: string[]; NextToken?: string }) => {
        const page = NextToken ? AlarmNames.slice(50) : AlarmNames.slice(0, 50);
        return {
          MetricAlarms: page.map((AlarmName) => ({ AlarmName, StateValue: 'OK' })),
          ...(!NextToken && AlarmNames.length > 50 ? { NextToken: 'next' } : {}),
        };
      });
    const adapter = new CloudWatchAdapter(new CloudWatchClient({}), alarmTypes(false));

    // Act
    const states = await adapter.alarmStates(names(150));

    // Assess
    expect(states.map((s) => s.name)).toEqual(names(150));
    const asked = cloudwatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input.AlarmNames?.length);
    expect(asked).toEqual([100, 100, 50]);
  });

  it('reads drift alarms with the same types and when each last changed', async () => {
    // Prepare
    const changed = new Date('2026-11-27T06:05:40.118Z');
    cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'drift', StateValue: 'ALARM', StateTransitionedTimestamp: changed }],
    });
    const adapter = new DriftAlarmAdapter(new CloudWatchClient({}), alarmTypes(false));

    // Act
    const seen = await adapter.states(['drift']);

    // Assess
    expect(seen).toEqual([{ name: 'drift', state: 'ALARM', changedAt: changed.toISOString() }]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input.AlarmTypes).toEqual(['MetricAlarm']);
  });

  it('asks nothing for no names', async () => {
    // Prepare
    const adapter = new CloudWatchAdapter(new CloudWatchClient({}), alarmTypes(false));

    // Act
    const states = await adapter.alarmStates([]);

    // Assess
    expect(states).toEqual([]);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });
});
