import {
  CreateModelPackageCommand,
  CreateTrainingJobCommand,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
} from '@aws-sdk/client-sagemaker';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { handler } from '../../functions/training-state-changed';
import { eventbridge, notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { createTable, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { describedJob, startChurnTraining, trainingEvent } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

const PACKAGE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/4';
const PROD_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3';

beforeAll(createTable);
/** The registry as the gate reads it: production is PROD_ARN at AUC 0.88; a new package registers as PACKAGE_ARN. */
function registryAnswers(): void {
  sagemaker.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      {
        ModelPackageArn: PROD_ARN,
        ModelPackageGroupName: 'churn-models',
        CreationTime: new Date(),
        ModelPackageStatus: 'Completed',
      },
    ],
  });
  sagemaker.on(DescribeModelPackageCommand).resolves({
    ModelPackageArn: PROD_ARN,
    CustomerMetadataProperties: { 'shepherd:metric:validation:auc': '0.88' },
  } as never);
  sagemaker.on(CreateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
}

beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T06:05:41Z' });
  registryAnswers();
});

describe('trainingStateChanged: Completed', () => {
  it('reads the final metrics, gates against production and registers the model pending approval', async () => {
    // Prepare
    const job = await startChurnTraining();
    resetAws();
    registryAnswers();
    describedJob(job, 'Completed', { 'validation:auc': 0.91, 'train:auc': 0.97 });

    // Act
    await handler(trainingEvent(job, 'Completed'), context());

    // Assess
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).map((c) => c.args[0].input)).toEqual([
      { TrainingJobName: job },
    ]);
    expect(sagemaker.commandCalls(ListModelPackagesCommand)[0]!.args[0].input).toMatchObject({
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'Approved',
      SortOrder: 'Descending',
    });
    const [create] = sagemaker.commandCalls(CreateModelPackageCommand);
    expect(create!.args[0].input).toMatchObject({
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'PendingManualApproval',
      ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      InferenceSpecification: {
        Containers: [
          {
            Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
            ModelDataUrl: `s3://shepherd-example-artifacts/churn/output/${job}/output/model.tar.gz`,
          },
        ],
      },
      CustomerMetadataProperties: expect.objectContaining({
        'shepherd:trainingJob': job,
        'shepherd:trigger': 'drift',
        'shepherd:metric:validation:auc': '0.91',
        'shepherd:productionValue': '0.88',
      }),
    });
    // The approvers' links are signed by sendApprovalLinks alone: the request is handed to it on the bus.
    const subjectOf = (e: { detail: Record<string, any> }) =>
      e.detail.modelPackageArn ?? e.detail.notification?.links?.subject;
    expect(published().map((e) => [e.detailType, subjectOf(e)])).toEqual([
      ['Model Registered', PACKAGE_ARN],
      ['Approval Requested', PACKAGE_ARN],
      ['Approval Links Requested', PACKAGE_ARN],
    ]);
    const approval = published().find((e) => e.detailType === 'Approval Links Requested')!.detail.notification;
    expect(approval).toMatchObject({ kind: 'approval', model: 'churn', severity: 'info' });
    expect(approval.links.approvers).toEqual(['ml-leads@example.com']);
    expect(approval.subject.length).toBeLessThanOrEqual(100);
    expect(approval.message).toContain(PACKAGE_ARN);
    // The command acts on this stack (SHEPHERD_STAGE, AWS_REGION), not on whatever the CLI defaults to.
    expect(approval.message).toContain(
      'npx shepherd --stage test --region us-east-1 approve churn --version 4 --reason',
    );
    expect(notificationsSent().filter((n) => n.MessageAttributes?.kind?.StringValue === 'approval')).toEqual([]);
    expect((await trainingItem('churn'))?.inFlight).toBeUndefined();
    expect((await timeline('churn')).map((e) => e.type)).toEqual(
      expect.arrayContaining(['GatePassed', 'ModelRegistered', 'ApprovalRequested']),
    );
  });

  it(
    'rejects a model that does not beat production by the margin: ' +
      'no package, a warning and a Training Rejected event',
    async () => {
      // Prepare
      const job = await startChurnTraining();
      describedJob(job, 'Completed', { 'validation:auc': 0.882 });

      // Act
      await handler(trainingEvent(job, 'Completed'), context());

      // Assess
      expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(0);
      expect(published().map((e) => e.detailType)).toEqual(['Retraining Started', 'Training Rejected']);
      expect(notificationsSent()).toEqual([
        expect.objectContaining({
          Subject: '[Shepherd] churn: model rejected by the quality gate',
          MessageAttributes: expect.objectContaining({
            kind: { DataType: 'String', StringValue: 'alert' },
            severity: { DataType: 'String', StringValue: 'warning' },
          }),
        }),
      ]);
      expect((await trainingItem('churn'))?.inFlight).toBeUndefined();
    },
  );

  it('tells the approvers that production has no comparable metric, not that there is none', async () => {
    // Prepare
    const job = await startChurnTraining();
    // Registered before Shepherd, or by someone else: the production package carries no metadata of Shepherd's.
    sagemaker.on(DescribeModelPackageCommand).resolves({ ModelPackageArn: PROD_ARN } as never);
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });

    // Act
    await handler(trainingEvent(job, 'Completed'), context());

    // Assess
    const [create] = sagemaker.commandCalls(CreateModelPackageCommand).map((c) => c.args[0].input);
    expect(create!.ModelPackageDescription).toContain(`production model ${PROD_ARN} records no validation:auc`);
    expect(create!.CustomerMetadataProperties).toMatchObject({ 'shepherd:productionPackage': PROD_ARN });
    const approval = published().find((e) => e.detailType === 'Approval Links Requested')!.detail.notification;
    expect(approval.message).toContain(`production model ${PROD_ARN} records no validation:auc`);
    expect(approval.message).not.toContain('no production model to compare');
  });

  it('registers once when Completed is delivered twice with different event ids', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });

    // Act
    await handler(trainingEvent(job, 'Completed', {}, 'first'), context());
    await handler(trainingEvent(job, 'Completed', {}, 'second'), context());

    // Assess
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
  });

  it('is not fooled by a late InProgress event after Completed', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });
    await handler(trainingEvent(job, 'Completed'), context());

    // Act
    await handler(trainingEvent(job, 'InProgress', { SecondaryStatus: 'Training' }), context());

    // Assess
    expect((await trainingItem('churn'))?.inFlight).toBeUndefined();
  });

  it('ignores, without rejecting it, the Deleting status of its job deleted after it completed', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });
    await handler(trainingEvent(job, 'Completed'), context());
    resetAws();
    const before = await trainingItem('churn');

    // Act
    const deleting = fixture('training-job-state-change.deleting', { detail: { TrainingJobName: job } });
    const result = await handler(deleting, context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'duplicate or late training event ignored' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect(await trainingItem('churn')).toEqual(before);
  });

  it('fails the invocation when PutEvents rejects an entry, and the retry finishes the registration', async () => {
    // Prepare
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });
    eventbridge.reset(); // sinon counts calls per stub: start the count at this invocation
    eventbridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
    const event = trainingEvent(job, 'Completed');

    // Act
    await expect(handler(event, context())).rejects.toThrow(
      'PutEvents rejected "Model Registered" on bus shepherd-test: InternalFailure try again',
    );
    setClock('2026-11-27T06:08:00Z');
    await handler(event, context());

    // Assess
    const creates = sagemaker.commandCalls(CreateModelPackageCommand).map((c) => c.args[0].input.ClientToken);
    expect(creates).toHaveLength(2);
    expect(creates[1]).toBe(creates[0]); // the ClientToken makes SageMaker return the same package
    expect(published().map((e) => e.detailType)).toEqual(
      expect.arrayContaining(['Model Registered', 'Approval Requested']),
    );
    expect((await trainingItem('churn'))?.outbox).toEqual({});
  });
});

describe('trainingStateChanged: Failed and Stopped', () => {
  it('retries a spot job stopped at MaxWaitTimeExceeded as -r1 from the same checkpoint', async () => {
    // Prepare
    const job = await startChurnTraining();
    const first = sagemaker.commandCalls(CreateTrainingJobCommand)[0]!.args[0].input;

    // Act
    await handler(trainingEvent(job, 'Stopped', { SecondaryStatus: 'MaxWaitTimeExceeded' }), context());

    // Assess
    const retry = sagemaker.commandCalls(CreateTrainingJobCommand)[1]!.args[0].input;
    expect(retry.TrainingJobName).toBe(`${job}-r1`);
    expect(retry.CheckpointConfig).toEqual(first.CheckpointConfig);
    expect(notificationsSent()).toEqual([]);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ attempt: 1, jobName: `${job}-r1` });
  });

  it('releases the lock and alerts with the failure reason for an algorithm error', async () => {
    // Prepare
    const job = await startChurnTraining();
    const event = fixture('training-job-state-change.failed', { detail: { TrainingJobName: job } });

    // Act
    await handler(event, context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)).toHaveLength(1);
    const [alert] = notificationsSent();
    expect(alert).toMatchObject({
      Subject: '[Shepherd] churn: training failed',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
    });
    expect(alert!.Message).toContain(event.detail.FailureReason);
    expect((await trainingItem('churn'))?.inFlight).toBeUndefined();
  });
});

describe('trainingStateChanged: events Shepherd does not own', () => {
  it('ignores a job Shepherd did not start', async () => {
    // Act
    const result = await handler(fixture('training-job-state-change.unknown-job'), context());

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('ignores a tagged job that is not the one in flight', async () => {
    // Prepare
    await startChurnTraining();

    // Act
    const result = await handler(trainingEvent('churn-20200101t0000-deadbeef', 'Completed'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'training not started by Shepherd or not in flight: ignored' });
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(0);
  });

  it('rejects a malformed event naming no job', async () => {
    // Act
    const result = await handler(fixture('malformed.training-job-state-change'), context());

    // Assess
    expect(result).toMatchObject({
      status: 'rejected',
      problems: expect.arrayContaining([
        expect.stringMatching(/^detail\.TrainingJobName: /),
        expect.stringMatching(/^detail\.TrainingJobStatus: /),
      ]),
    });
  });
});

describe('trainingStateChanged: InProgress events out of order', () => {
  it('takes a late repeat of a spot interruption as late: no second timeline line, status not set back', async () => {
    // Prepare: SageMaker stamps each status change with LastModifiedTime; the repeat of the interruption comes last.
    const job = await startChurnTraining();
    const interrupted = { SecondaryStatus: 'Interrupted', LastModifiedTime: 1795742396702 };
    const resumed = { SecondaryStatus: 'Training', LastModifiedTime: 1795742516702 };

    // Act
    await handler(trainingEvent(job, 'InProgress', interrupted, 'e-interrupted'), context());
    await handler(trainingEvent(job, 'InProgress', resumed, 'e-resumed'), context());
    await handler(trainingEvent(job, 'InProgress', interrupted, 'e-interrupted-again'), context());

    // Assess
    const lines = (await timeline('churn')).filter((entry) => entry.type === 'SpotInterrupted');
    expect(lines).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ jobName: job, lastSecondaryStatus: 'Training' });
  });
});
