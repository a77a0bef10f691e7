import {
  CreateHyperParameterTuningJobCommand,
  CreateTrainingJobCommand,
  ResourceLimitExceeded,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { notificationsSent, published, sagemaker, throttled } from '../helpers/aws';
import { createTable, dataWindows, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture, tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const QUOTA = 'The account-level service limit "ml.m5.xlarge for spot training job usage" is 0 Instances';
const refused = () =>
  new ResourceLimitExceeded({ $metadata: { httpStatusCode: 400, requestId: 'r-1' }, message: QUOTA });

const tick = tickOf(reconcile, 'reconcile');

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z' }));

describe('a training start AWS refuses for good', () => {
  it('ends the run failed once: the lock is free, one critical alert, and the handler resolves', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(refused());

    // Act
    const result = await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', outcome: 'retraining started' });
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    const item = await trainingItem('churn');
    expect(item?.inFlight).toBeUndefined();
    expect(item?.outbox).toEqual({});
    const alerts = notificationsSent().filter((n) => n.MessageAttributes?.severity?.StringValue === 'critical');
    expect(alerts.map((n) => n.Subject)).toEqual(['[Shepherd] churn: training failed']);
    expect(alerts[0]!.Message).toContain(`CreateTrainingJob refused: ResourceLimitExceeded: ${QUOTA}`);
    expect((await timeline('churn')).map((e) => e.type).sort()).toEqual(['RetrainingStarted', 'TrainingFailed']);
  });

  it('publishes no Retraining Started: subscribers of the bus are not told of a job that never ran', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(refused());

    // Act
    await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    expect(published()).toEqual([]);
  });

  it.each([
    ['pipeline', 'fraud', 'StartPipelineExecution', () => sagemaker.on(StartPipelineExecutionCommand)],
    ['tuning', 'upsell', 'CreateHyperParameterTuningJob', () => sagemaker.on(CreateHyperParameterTuningJobCommand)],
  ] as const)(
    'publishes no Retraining Started for a refused %s start, and alerts once',
    async (_, model, op, start) => {
      // Prepare
      const invalid = Object.assign(new Error('Could not assume role arn:aws:iam::123456789012:role/gone'), {
        name: 'ValidationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
      start().rejects(invalid);

      // Act
      await retrainSchedule({ model, id: 'firing-1', time: '2026-11-27T06:05:00Z' }, context());

      // Assess
      expect(sagemaker.calls().filter((c) => c.args[0].constructor.name === `${op}Command`)).toHaveLength(1);
      expect(published()).toEqual([]);
      expect(notificationsSent().map((n) => n.Subject)).toEqual([`[Shepherd] ${model}: training failed`]);
      expect(notificationsSent()[0]!.Message).toContain(`${op} refused: ValidationException`);
      expect((await trainingItem(model))?.inFlight).toBeUndefined();
    },
  );

  it('still closes the data window the run took: an upload that read it late counts into the next one', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(refused());
    await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Act
    const late = { fingerprint: '0001abcdef01234567', size: 100 };
    const outcome = await dataWindows().count('churn', 0, 'shepherd-example-data/churn/incoming/', late, new Date());

    // Assess
    expect((await trainingItem('churn'))?.window.gen).toBe(1);
    expect(outcome).toBe('closed');
  });

  it('does not ask again: the reconciler’s next ticks make no SageMaker call', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(refused());
    await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());
    sagemaker.resetHistory();

    // Act
    await tick('2026-11-27T06:07:00Z');
    await tick('2026-11-27T06:40:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(0);
    expect(notificationsSent()).toHaveLength(1);
  });

  it('still throws a throttled start for Lambda to retry, keeping the run and its outbox entry', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejects(throttled());

    // Act
    const attempt = driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context());

    // Assess
    await expect(attempt).rejects.toThrow('Rate exceeded');
    const item = await trainingItem('churn');
    expect(item?.inFlight).toBeDefined();
    expect(Object.values(item?.outbox ?? {}).map((e: any) => e.action.type)).toEqual([
      'createTrainingJob',
      'closeDataWindow',
      'record',
      'publishEvent',
    ]);
    expect(notificationsSent()).toEqual([]);
  });

  it('publishes Retraining Started once, when a throttled start is made by the next attempt', async () => {
    // Prepare
    sagemaker.on(CreateTrainingJobCommand).rejectsOnce(throttled()).resolves({ TrainingJobArn: 'arn:x' });
    await expect(driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context())).rejects.toThrow();
    expect(published()).toEqual([]);

    // Act
    await tick('2026-11-27T06:07:00Z');
    await tick('2026-11-27T06:08:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(2);
    expect(published().map((e) => e.detailType)).toEqual(['Retraining Started']);
    expect((await trainingItem('churn'))?.outbox).toEqual({});
  });
});
