import {
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as reconcile } from '../../functions/reconcile';
import { busRefuses, sagemaker, throttled } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture, tickOf } from '../helpers/events';
import { describedJob } from '../helpers/flows';
import { freshWorld, trainingJobStarts } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T06:05:41Z', noApprovedPackages: true });
  sagemaker
    .on(CreateModelPackageCommand)
    .resolves({ ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1' });
});

const tick = tickOf(reconcile, 'reconcile');
const startByDrift = () =>
  driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm', { id: 'drift-1' }), context('driftAlarm'));

describe('reconcile with an outbox entry that keeps failing', () => {
  it('still finds the run whose end event was lost, and fails the pass with the entry’s error', async () => {
    // Prepare: the training started, but its "Retraining Started" event stays in the outbox
    busRefuses('Retraining Started');
    trainingJobStarts();
    await expect(startByDrift()).rejects.toThrow('PutEvents rejected "Retraining Started"');
    const job = (await trainingItem('churn'))!.inFlight.jobName as string;
    describedJob(job, 'Completed', { 'validation:auc': 0.9 });

    // Act
    const result = tick('2026-11-27T06:36:00Z');

    // Assess
    await expect(result).rejects.toThrow('PutEvents rejected "Retraining Started"');
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))!.inFlight).toBeUndefined();
  });

  it('does not look up a run whose own start is still waiting in the outbox', async () => {
    // Prepare: SageMaker throttles the start past the SDK's retries, every time
    sagemaker.on(CreateTrainingJobCommand).rejects(throttled());
    await expect(startByDrift()).rejects.toThrow('Rate exceeded');

    // Act
    await tick('2026-11-27T06:36:00Z').catch(() => undefined);

    // Assess: the start is retried; the run is not declared missing and started a second time
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(2);
  });
});
