import {
  DescribePipelineExecutionCommand,
  ListModelPackagesCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/pipeline-state-changed';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { notificationsSent, sagemaker } from '../helpers/aws';
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
  it('ends the run when Shepherd’s execution succeeds (the pipeline registers its own model)', async () => {
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
    const [alert] = notificationsSent();
    expect(alert).toMatchObject({
      Subject: '[Shepherd] fraud: pipeline registered no model',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'warning' } }),
    });
    expect(alert!.Message).toContain('fraud-models');
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
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
