import {
  DescribePipelineExecutionCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionStepsCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/pipeline-state-changed';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { config } from '../../shared/runtime/config';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { createTable, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T05:00:00Z' });
  sagemaker.on(StartPipelineExecutionCommand).resolves({
    PipelineExecutionArn:
      'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/7zq1m3v9k2ab',
  });
  sagemaker.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Failed' });
});

const registered = {
  ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/3',
  ModelPackageGroupName: 'fraud-models',
  ModelApprovalStatus: 'PendingManualApproval' as const,
  ModelPackageStatus: 'Completed' as const,
  CreationTime: new Date('2026-11-27T05:40:00Z'),
};

async function startFraudPipeline(): Promise<string> {
  await retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T05:00:00Z' }, context());
  return (await trainingItem('fraud'))!.inFlight.runName as string;
}

describe('pipelineStateChanged', () => {
  it('ends the run on success; an auto line announces its pending package and asks nobody', async () => {
    // Prepare
    const run = await startFraudPipeline();
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [registered] });

    // Act
    await handler(
      fixture('pipeline-execution-status-change.succeeded', { detail: { pipelineExecutionDisplayName: run } }),
      context(),
    );

    // Assess
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
    expect((await timeline('fraud')).find((e) => e.type === 'PipelineSucceeded')?.message).toContain(
      `registered ${registered.ModelPackageArn} (PendingManualApproval)`,
    );
    expect(notificationsSent()).toEqual([]);
    expect(published().map((e) => [e.detailType, e.detail.modelPackageArn])).toEqual([
      ['Retraining Started', undefined],
      ['Model Registered', registered.ModelPackageArn],
    ]);
  });

  it('warns when the execution succeeded but registered no model in the line’s group', async () => {
    // Prepare
    const run = await startFraudPipeline();
    const startedAt = (await trainingItem('fraud'))!.inFlight.startedAt as string;
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });

    // Act
    await handler(
      fixture('pipeline-execution-status-change.succeeded', { detail: { pipelineExecutionDisplayName: run } }),
      context(),
    );

    // Assess
    expect(sagemaker.commandCalls(ListModelPackagesCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ ModelPackageGroupName: 'fraud-models', CreationTimeAfter: new Date(startedAt) }),
    ]);
    // The listing may lag the event: the execution's own steps were asked too.
    expect(sagemaker.commandCalls(ListPipelineExecutionStepsCommand)).toHaveLength(1);
    const [alert] = notificationsSent();
    expect(alert).toMatchObject({
      Subject: '[Shepherd] fraud: pipeline registered no model',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'warning' } }),
    });
    expect(alert!.Message).toContain('fraud-models');
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
  });

  describe('on a line whose approval is manual', () => {
    const fraud = config.models.find((m) => m.name === 'fraud')!;
    const configured = fraud.approval;
    beforeEach(() => {
      fraud.approval = { mode: 'manual', approvers: ['fraud-leads@example.com'], linkTtlHours: 24 };
    });
    afterEach(() => {
      fraud.approval = configured;
    });

    it('hands the package the pipeline registered pending to the approvers’ links, once', async () => {
      // Prepare
      const run = await startFraudPipeline();
      sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [registered] });
      const event = fixture('pipeline-execution-status-change.succeeded', {
        detail: { pipelineExecutionDisplayName: run },
      });
      const before = published().length;

      // Act
      await handler(event, context());
      await handler({ ...event, id: 'late-duplicate' }, context());

      // Assess
      const subjectOf = (e: { detail: Record<string, any> }) =>
        e.detail.modelPackageArn ?? e.detail.notification?.links?.subject;
      expect(
        published()
          .slice(before)
          .map((e) => [e.detailType, subjectOf(e)]),
      ).toEqual([
        ['Model Registered', registered.ModelPackageArn],
        ['Approval Requested', registered.ModelPackageArn],
        ['Approval Links Requested', registered.ModelPackageArn],
      ]);
      const approval = published().find((e) => e.detailType === 'Approval Links Requested')!.detail.notification;
      expect(approval).toMatchObject({ kind: 'approval', model: 'fraud', severity: 'info' });
      expect(approval.links.approvers).toEqual(['fraud-leads@example.com']);
      expect(approval.message).toContain(event.detail.pipelineExecutionArn);
      expect(approval.chat.nextSteps[0]).toMatch(
        /^Approve: `npx shepherd --stage test --region us-east-1 approve fraud /,
      );
      expect(notificationsSent()).toEqual([]);
      expect((await timeline('fraud')).map((e) => e.type)).toEqual(
        expect.arrayContaining(['PipelineSucceeded', 'ModelRegistered', 'ApprovalRequested']),
      );
      expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
    });
  });

  it('alerts and releases the lock when the execution fails', async () => {
    // Prepare
    const run = await startFraudPipeline();

    // Act
    await handler(
      fixture('pipeline-execution-status-change.failed', { detail: { pipelineExecutionDisplayName: run } }),
      context(),
    );

    // Assess
    expect(notificationsSent()).toEqual([expect.objectContaining({ Subject: '[Shepherd] fraud: training failed' })]);
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
  });

  it("alerts with the execution's failure reason, which its event does not carry", async () => {
    // Prepare
    const run = await startFraudPipeline();
    const event = fixture('pipeline-execution-status-change.failed', { detail: { pipelineExecutionDisplayName: run } });
    const reason = 'Step Train failed due to ClientError: Data download failed';
    sagemaker.on(DescribePipelineExecutionCommand).resolves({
      PipelineExecutionArn: event.detail.pipelineExecutionArn,
      PipelineExecutionDisplayName: run,
      PipelineExecutionStatus: 'Failed',
      FailureReason: reason,
    });

    // Act
    await handler(event, context());

    // Assess
    expect(sagemaker.commandCalls(DescribePipelineExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { PipelineExecutionArn: event.detail.pipelineExecutionArn },
    ]);
    const [alert] = notificationsSent();
    expect(alert!.Message).toMatch(new RegExp(`Reason +${reason}`));
    expect((await timeline('fraud')).find((e) => e.type === 'TrainingFailed')?.message).toContain(reason);
  });

  it('ignores executions Shepherd did not start', async () => {
    // Prepare
    await startFraudPipeline();

    // Act
    const result = await handler(fixture('pipeline-execution-status-change.succeeded'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'training not started by Shepherd or not in flight: ignored' });
    expect((await trainingItem('fraud'))?.inFlight).toBeDefined();
  });

  it('ignores pipelines of no model line', async () => {
    // Prepare
    const event = fixture('pipeline-execution-status-change.succeeded', {
      detail: { pipelineArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/other' },
    });

    // Act
    const result = await handler(event, context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'pipeline not configured for any model line' });
  });
});
