// What a succeeded pipeline execution registered, when the group's listing (ListModelPackages, eventually
// consistent) does not show it yet: the execution's own RegisterModel step reports it.
import {
  DescribeModelPackageCommand,
  DescribePipelineExecutionCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionStepsCommand,
  type PipelineExecutionStep,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/pipeline-state-changed';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const EXECUTION = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/7zq1m3v9k2ab';
const PACKAGE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/3';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T05:00:00Z' });
  sagemaker.on(StartPipelineExecutionCommand).resolves({ PipelineExecutionArn: EXECUTION });
  sagemaker.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Succeeded' });
  // The listing lags: the package the execution registered is not in it yet.
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
  sagemaker
    .on(DescribeModelPackageCommand, { ModelPackageName: PACKAGE })
    .resolves({ ModelPackageArn: PACKAGE, ModelPackageGroupName: 'fraud-models', ModelApprovalStatus: 'Approved' });
});

async function succeeded(): Promise<void> {
  await retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T05:00:00Z' }, context());
  const run = (await trainingItem('fraud'))!.inFlight.runName as string;
  await handler(
    fixture('pipeline-execution-status-change.succeeded', { detail: { pipelineExecutionDisplayName: run } }),
    context(),
  );
}

const step = (name: string, metadata: PipelineExecutionStep['Metadata']): PipelineExecutionStep => ({
  StepName: name,
  StepStatus: 'Succeeded',
  Metadata: metadata,
});

describe('a succeeded execution whose package the group’s listing does not show yet', () => {
  it('is announced from the package its RegisterModel step reports, with no warning', async () => {
    // Prepare
    sagemaker.on(ListPipelineExecutionStepsCommand).resolves({
      PipelineExecutionSteps: [
        step('RegisterFraudModel', { RegisterModel: { Arn: PACKAGE } }),
        step('EvaluateFraudModel', {
          ProcessingJob: { Arn: 'arn:aws:sagemaker:us-east-1:123456789012:processing-job/x' },
        }),
      ],
    });

    // Act
    await succeeded();

    // Assess
    expect(sagemaker.commandCalls(ListPipelineExecutionStepsCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ PipelineExecutionArn: EXECUTION }),
    ]);
    expect(notificationsSent()).toEqual([]);
    expect(published().map((e) => [e.detailType, e.detail.modelPackageArn])).toContainEqual([
      'Model Registered',
      PACKAGE,
    ]);
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
  });

  it('warns when its steps report no package in the line’s group either', async () => {
    // Prepare
    const elsewhere = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/other-models/1';
    sagemaker.on(ListPipelineExecutionStepsCommand).resolves({
      PipelineExecutionSteps: [step('RegisterElsewhere', { RegisterModel: { Arn: elsewhere } })],
    });

    // Act
    await succeeded();

    // Assess
    expect(notificationsSent().map((n) => n.Subject)).toEqual(['[Shepherd] fraud: pipeline registered no model']);
    expect(sagemaker.commandCalls(DescribeModelPackageCommand)).toEqual([]);
  });

  it('announces each package its RegisterModel steps report, not only the one the listing shows', async () => {
    // Prepare: two RegisterModel steps (a model and its quantised twin); the listing shows only the newest yet
    const second = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/4';
    sagemaker.on(ListModelPackagesCommand).resolves({
      ModelPackageSummaryList: [
        {
          ModelPackageArn: second,
          ModelPackageGroupName: 'fraud-models',
          ModelPackageVersion: 4,
          ModelApprovalStatus: 'Approved',
          CreationTime: new Date('2026-11-27T05:30:00Z'),
          ModelPackageStatus: 'Completed',
        },
      ],
    });
    sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: second })
      .resolves({ ModelPackageArn: second, ModelPackageGroupName: 'fraud-models', ModelApprovalStatus: 'Approved' });
    sagemaker.on(ListPipelineExecutionStepsCommand).resolves({
      PipelineExecutionSteps: [
        step('RegisterFraudModel', { RegisterModel: { Arn: PACKAGE } }),
        step('RegisterQuantisedFraudModel', { RegisterModel: { Arn: second } }),
      ],
    });

    // Act
    await succeeded();

    // Assess
    const registered = published().filter((e) => e.detailType === 'Model Registered');
    expect(registered.map((e) => [e.detail.modelPackageArn, e.detail.pipelineExecution])).toEqual([
      [PACKAGE, EXECUTION],
      [second, EXECUTION],
    ]);
    expect(notificationsSent()).toEqual([]);
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
  });
});
