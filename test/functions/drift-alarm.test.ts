import { CreateTrainingJobCommand, ResourceInUse } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/drift-alarm';
import { eventbridge, published, sagemaker, throttled } from '../helpers/aws';
import { createTable, putItem, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z', trainingJobStarts: true }));

describe('driftAlarm', () => {
  it('starts a spot retraining with reason drift when the configured alarm goes into ALARM', async () => {
    // Act
    const result = await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    const calls = sagemaker.commandCalls(CreateTrainingJobCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({
      TrainingJobName: expect.stringMatching(/^churn-20261127t0605-[0-9a-f]{8}$/),
      RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-training',
      EnableManagedSpotTraining: true,
      StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
      Tags: expect.arrayContaining([
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:trigger', Value: 'drift' },
      ]),
    });
    expect(published()).toEqual([
      expect.objectContaining({
        source: 'shepherd',
        bus: 'shepherd-test',
        detailType: 'Retraining Started',
        detail: expect.objectContaining({ model: 'churn', trigger: 'drift' }),
      }),
    ]);
    expect(await timeline('churn')).toEqual([expect.objectContaining({ type: 'RetrainingStarted' })]);
    expect(result).toMatchObject({ status: 'done', outcome: 'retraining started' });
  });

  it('does nothing when the alarm goes back to OK', async () => {
    // Act
    const result = await handler(fixture('cloudwatch-alarm-state-change.drift-ok'), context());

    // Assess
    expect(sagemaker.calls()).toHaveLength(0);
    expect(await trainingItem('churn')).toBeUndefined();
    expect(result).toMatchObject({ status: 'ignored' });
  });

  it('ignores an alarm no model line names', async () => {
    // Act
    const result = await handler(fixture('cloudwatch-alarm-state-change.unconfigured-alarm'), context());

    // Assess
    expect(sagemaker.calls()).toHaveLength(0);
    expect(result).toEqual({ status: 'ignored', reason: 'alarm not configured as a drift trigger' });
  });

  it('starts one training when the same event is delivered twice', async () => {
    // Prepare
    const event = fixture('cloudwatch-alarm-state-change.drift-alarm');

    // Act
    await handler(event, context());
    await handler(event, context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect(published()).toHaveLength(1);
  });

  it('coalesces a second alarm during the training instead of starting another', async () => {
    // Prepare
    const again = { id: 'second-alarm-event', detail: { state: { timestamp: '2026-11-27T06:45:40.118+0000' } } };

    // Act
    await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());
    await handler(fixture('cloudwatch-alarm-state-change.drift-alarm', again), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))?.pending).toMatchObject({
      reason: 'drift',
      id: 'drift:churn-feature-drift@2026-11-27T06:45:40.118Z',
    });
    expect((await timeline('churn')).map((e) => e.type).sort()).toEqual(['RetrainingStarted', 'TriggerCoalesced']);
  });

  it('treats a job that already exists under its deterministic name as started', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(
      new ResourceInUse({
        message: 'Training job names must be unique within an AWS account and region',
        $metadata: {},
      }),
    );

    // Act
    const result = await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done' });
    expect((await trainingItem('churn'))?.outbox).toEqual({});
  });

  it('starts one training for one change of the alarm told by two events of different ids', async () => {
    // Prepare
    const resent = { id: 'another-event-id', time: '2026-11-27T06:05:42Z' };

    // Act
    await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());
    const second = await handler(fixture('cloudwatch-alarm-state-change.drift-alarm', resent), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
    expect(second).toMatchObject({ status: 'done', outcome: 'duplicate trigger ignored' });
  });

  it('takes a change delivered after a later change of the same alarm as late: no second training queued', async () => {
    // Prepare: the alarm flaps ALARM → OK → ALARM; the first change's delivery is retried after the second's.
    const later = { id: 'later-change', detail: { state: { timestamp: '2026-11-27T06:09:40.118+0000' } } };
    setClock('2026-11-27T06:09:41Z');
    await handler(fixture('cloudwatch-alarm-state-change.drift-alarm', later), context());

    // Act
    setClock('2026-11-27T06:11:41Z');
    const late = await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
    expect((await timeline('churn')).map((e) => e.type)).toEqual(['RetrainingStarted']);
    expect(late).toMatchObject({ status: 'done', outcome: expect.stringContaining('later change') });
  });

  it('starts no training past the cooldown for a change older than one refused in it', async () => {
    // Prepare: a training at 06:05 ended; the alarm flaps in the cooldown, and its older change is retried last.
    await handler(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());
    const item = (await trainingItem('churn'))!;
    await putItem({ ...item, inFlight: undefined, version: item.version + 1 });
    const flap = (at: string, id: string) =>
      fixture('cloudwatch-alarm-state-change.drift-alarm', {
        id,
        detail: { state: { timestamp: at } },
      });
    setClock('2026-11-27T06:40:00Z');
    await handler(flap('2026-11-27T06:39:40.118+0000', 'latest'), context());

    // Act: past the cooldown, the retry of a change between the two arrives.
    setClock('2026-11-27T07:10:00Z');
    await handler(flap('2026-11-27T06:20:40.118+0000', 'retried'), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    expect((await timeline('churn')).map((e) => e.type).sort()).toEqual(['RetrainingStarted', 'TriggerRefused']);
  });

  it('keeps the start when SageMaker throttles: the error reaches Lambda, the retry creates the job', async () => {
    // Prepare
    const event = fixture('cloudwatch-alarm-state-change.drift-alarm');
    sagemaker.on(CreateTrainingJobCommand).rejectsOnce(throttled()).resolves({ TrainingJobArn: 'arn' });

    // Act
    await expect(handler(event, context())).rejects.toThrow('Rate exceeded');
    setClock('2026-11-27T06:07:41Z'); // Lambda's async retry comes a minute or two later
    await handler(event, context());

    // Assess
    const names = sagemaker.commandCalls(CreateTrainingJobCommand).map((c) => c.args[0].input.TrainingJobName);
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(names[0]);
    expect((await trainingItem('churn'))?.outbox).toEqual({});
    expect(published().map((e) => e.detailType)).toEqual(['Retraining Started']);
    expect(eventbridge.calls()).toHaveLength(1);
  });

  it('rejects a malformed event with its problems and changes nothing', async () => {
    // Prepare
    const event = fixture('cloudwatch-alarm-state-change.drift-alarm', { detail: { state: { value: 'ON_FIRE' } } });

    // Act
    const result = await handler(event, context());

    // Assess
    expect(result).toEqual({ status: 'rejected', problems: [expect.stringMatching(/^detail\.state\.value: /)] });
    expect(sagemaker.calls()).toHaveLength(0);
    expect(await trainingItem('churn')).toBeUndefined();
  });
});
