import {
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { StateStore } from '../../shared/state/store';
import { published, sagemaker, throttled } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, tickOf } from '../helpers/events';
import { describedJob, startChurnTraining } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T06:05:41Z', noApprovedPackages: true });
  sagemaker
    .on(CreateModelPackageCommand)
    .resolves({ ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1' });
  sagemaker.on(StartPipelineExecutionCommand).resolves({
    PipelineExecutionArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/e1',
  });
});

const tick = tickOf(reconcile, 'reconcile');

describe('reconcile', () => {
  it('finds a completed training whose event was lost and registers its model', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.9 });

    // Act
    await tick('2026-11-27T06:20:00Z'); // quiet for 15 min: not yet stalled (30 min)
    const early = sagemaker.commandCalls(DescribeTrainingJobCommand).length;
    await tick('2026-11-27T06:36:00Z');

    // Assess
    expect(early).toBe(0);
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    expect(published().map((e) => e.detailType)).toEqual([
      'Retraining Started',
      'Model Registered',
      'Approval Requested',
      // The approver's links, handed to sendApprovalLinks to sign.
      'Approval Links Requested',
    ]);
  });

  it('leaves a training that is still running alone and looks again only after another quiet spell', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'InProgress');

    // Act
    await tick('2026-11-27T06:36:00Z');
    await tick('2026-11-27T06:50:00Z');

    // Assess
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight.lastHeardAt).toBe('2026-11-27T06:36:00.000Z');
  });

  it('starts again, under the same name, a training SageMaker never received', async () => {
    // Prepare
    const job = await startChurnTraining();
    sagemaker
      .on(DescribeTrainingJobCommand)
      .rejects(Object.assign(new Error('Requested resource not found.'), { name: 'ValidationException' }));

    // Act
    await tick('2026-11-27T06:36:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand).map((c) => c.args[0].input.TrainingJobName)).toEqual([
      job,
      job,
    ]);
  });

  it('starts the coalesced retraining once the training ended and the cooldown passed', async () => {
    // Prepare
    const job = await startChurnTraining('drift-1');
    await startChurnTraining('drift-2', '2026-11-27T06:35:40.118+0000'); // the alarm again, 30 min later: coalesced
    describedJob(job, 'Failed', {}, { FailureReason: 'AlgorithmError: boom' });
    await tick('2026-11-27T06:36:00Z'); // finds the failure: lock released, pending kept

    // Act
    await tick('2026-11-27T07:00:00Z'); // cooldown (60 min after 06:05) not over
    const inCooldown = sagemaker.commandCalls(CreateTrainingJobCommand).length;
    await tick('2026-11-27T07:06:00Z');

    // Assess
    expect(inCooldown).toBe(1);
    const names = sagemaker.commandCalls(CreateTrainingJobCommand).map((c) => c.args[0].input.TrainingJobName);
    expect(names).toHaveLength(2);
    expect((await trainingItem('churn'))?.inFlight.trigger).toMatchObject({
      id: 'drift:churn-feature-drift@2026-11-27T06:35:40.118Z',
      reason: 'drift',
    });
  });

  it('looks up a quiet pipeline execution by its ARN', async () => {
    // Prepare
    await retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T06:05:41Z' }, context());
    const run = (await trainingItem('fraud'))!.inFlight.runName;
    sagemaker
      .on(DescribePipelineExecutionCommand)
      .resolves({ PipelineExecutionStatus: 'Succeeded', PipelineExecutionDisplayName: run });

    // Act
    await tick('2026-11-27T06:36:00Z');

    // Assess
    expect(sagemaker.commandCalls(DescribePipelineExecutionCommand)[0]!.args[0].input).toEqual({
      PipelineExecutionArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/e1',
    });
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
  });

  it('reconciles every line even when one fails, then fails the invocation so the error is seen', async () => {
    // Prepare
    await startChurnTraining();
    await retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T06:05:41Z' }, context());
    const run = (await trainingItem('fraud'))!.inFlight.runName;
    sagemaker.on(DescribeTrainingJobCommand).rejects(
      Object.assign(new Error('not authorized to perform sagemaker:DescribeTrainingJob'), {
        name: 'AccessDeniedException',
      }),
    );
    sagemaker
      .on(DescribePipelineExecutionCommand)
      .resolves({ PipelineExecutionStatus: 'Succeeded', PipelineExecutionDisplayName: run });

    // Act
    const result = tick('2026-11-27T06:36:00Z');

    // Assess
    await expect(result).rejects.toThrow(
      'reconcile failed for churn (AccessDeniedException: not authorized to perform sagemaker:DescribeTrainingJob)',
    );
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
    expect((await trainingItem('churn'))?.inFlight).toBeDefined();
  });

  it('leaves a pass throttled past the SDK’s retries to the next minute instead of dead-lettering it', async () => {
    // Prepare
    const job = await startChurnTraining();
    const described = describedJob(job, 'Completed', { 'validation:auc': 0.9 });
    sagemaker.reset(); // sinon counts calls per stub: start this one's count here
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
    sagemaker
      .on(CreateModelPackageCommand)
      .resolves({ ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1' });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job }).rejectsOnce(throttled()).resolves(described);

    // Act
    const first = await tick('2026-11-27T06:36:00Z');
    await tick('2026-11-27T06:37:00Z');

    // Assess
    expect(first).toMatchObject({ status: 'done', throttled: 1 });
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
  });

  it('leaves a pass the state table throttled to the next minute instead of dead-lettering it', async () => {
    // Prepare: DynamoDB's answer to a table read past its throughput, once the SDK's retries are spent
    await startChurnTraining();
    const overTable = Object.assign(new Error('The level of configured provisioned throughput was exceeded'), {
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    const get = StateStore.prototype.get;
    let refused = false;
    const reads = jest.spyOn(StateStore.prototype, 'get').mockImplementation(function (
      this: StateStore,
      key,
      empty,
      kind,
    ) {
      if (key.sk !== 'TRAINING' || refused) return get.call(this, key, empty, kind);
      refused = true;
      return Promise.reject(overTable);
    });

    // Act
    const result = await tick('2026-11-27T06:07:00Z');

    // Assess
    expect(refused).toBe(true);
    expect(result).toMatchObject({ status: 'done', throttled: 1 });
    reads.mockRestore();
  });
});
