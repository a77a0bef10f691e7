import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CreateTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as reconcile } from '../../functions/reconcile';
import { cloudwatchAlarms, sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock, tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const ALARM = 'churn-feature-drift';
const CHANGED = '2026-11-27T06:05:40.118Z';

beforeAll(createTable);
beforeEach(() => freshWorld({ noApprovedPackages: true, trainingJobStarts: true }));

const tick = tickOf(reconcile, 'reconcile');
const alarmsAre = (alarms: MetricAlarm[]) =>
  cloudwatchAlarms.on(DescribeAlarmsCommand).resolves({ MetricAlarms: alarms, CompositeAlarms: [] });
const driftInAlarm = (changedAt = CHANGED): MetricAlarm => ({
  AlarmName: ALARM,
  StateValue: 'ALARM',
  StateTransitionedTimestamp: new Date(changedAt),
  StateUpdatedTimestamp: new Date(changedAt),
});
const trainings = () => sagemaker.commandCalls(CreateTrainingJobCommand);

describe('reconcile: a drift alarm change whose event was lost', () => {
  it('starts the retraining the event would have started, reading every drift alarm in one call', async () => {
    // Prepare
    alarmsAre([driftInAlarm()]);

    // Act
    await tick('2026-11-27T06:09:00Z');

    // Assess
    const asked = cloudwatchAlarms.commandCalls(DescribeAlarmsCommand);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.args[0].input).toEqual({
      AlarmNames: [ALARM, 'shepherd-drift-churn-prod'],
      AlarmTypes: ['MetricAlarm'],
    });
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight.trigger).toMatchObject({
      reason: 'drift',
      id: `drift:${ALARM}@${CHANGED}`,
    });
  });

  it('starts no second training on later ticks or when the late event arrives after all', async () => {
    // Prepare
    alarmsAre([driftInAlarm()]);
    await tick('2026-11-27T06:09:00Z');

    // Act
    await tick('2026-11-27T06:10:00Z');
    setClock('2026-11-27T06:10:30Z');
    const late = await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context('driftAlarm'));

    // Assess
    expect(trainings()).toHaveLength(1);
    expect(late).toMatchObject({ outcome: 'duplicate trigger ignored' });
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
  });

  it('leaves a change its event already acted on alone, and one younger than two minutes to its event', async () => {
    // Prepare
    setClock('2026-11-27T06:05:41Z');
    await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context('driftAlarm'));
    alarmsAre([
      driftInAlarm(),
      { ...driftInAlarm('2026-11-27T06:08:30.000Z'), AlarmName: 'shepherd-drift-churn-prod' },
    ]);

    // Act
    await tick('2026-11-27T06:09:00Z');

    // Assess
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
  });

  it('throws a failed DescribeAlarms after the rest of the tick has run', async () => {
    // Prepare
    cloudwatchAlarms.on(DescribeAlarmsCommand).rejects(new Error('boom'));

    // Act
    const result = tick('2026-11-27T06:09:00Z');

    // Assess
    await expect(result).rejects.toThrow(/reconcile failed for churn \(Error: boom\)/);
    expect((await trainingItem('churn'))?.window.openedAt).toBe('2026-11-27T06:09:00.000Z');
  });
});
