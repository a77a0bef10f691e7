import { CreateModelPackageCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { busRefuses, sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { describedJob, startChurnTraining, trainingEvent } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

const PACKAGE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T06:05:41Z', noApprovedPackages: true });
  sagemaker.on(CreateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
});

describe('an event handler whose item holds an entry that keeps failing', () => {
  it('still performs the work of its own event, then fails with the stuck entry’s error', async () => {
    // Prepare: the training started, but its "Retraining Started" event stays in the outbox
    busRefuses('Retraining Started');
    const job = await startChurnTraining().catch(async () => (await trainingItem('churn'))!.inFlight.jobName);
    describedJob(job as string, 'Completed', { 'validation:auc': 0.9 });

    // Act
    const result = trainingStateChanged(trainingEvent(job as string, 'Completed'), context('trainingStateChanged'));

    // Assess: the model is registered and the line freed; the stuck publication is still retried by Lambda
    await expect(result).rejects.toThrow('PutEvents rejected "Retraining Started"');
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))!.inFlight).toBeUndefined();
  });

  it('performs the later decisions on every delivery, not only the first', async () => {
    // Prepare: the same, and the completion event was delivered once already
    busRefuses('Retraining Started');
    const job = await startChurnTraining().catch(async () => (await trainingItem('churn'))!.inFlight.jobName);
    describedJob(job as string, 'Completed', { 'validation:auc': 0.9 });
    const event = trainingEvent(job as string, 'Completed');
    await trainingStateChanged(event, context('trainingStateChanged')).catch(() => undefined);

    // Act: Lambda's retry
    const retry = trainingStateChanged(event, context('trainingStateChanged'));

    // Assess: one registration in all, and what is stuck is named in the error again
    await expect(retry).rejects.toThrow('PutEvents rejected "Retraining Started"');
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    const outbox = Object.values((await trainingItem('churn'))!.outbox as Record<string, { action: { type: string } }>);
    expect(outbox.map((entry) => entry.action.type)).toEqual(['publishEvent']);
  });
});
