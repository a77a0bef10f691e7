// A function performs no action its IAM role lacks (shared/config/iam.ts): an outbox entry that needs another grant is
// left for the reconciler, whose role has it, instead of being refused for good and ending the run.
import {
  CreateModelPackageCommand,
  DescribePipelineExecutionCommand,
  ListModelPackagesCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as pipelineStateChanged } from '../../functions/pipeline-state-changed';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { notificationsSent, sagemaker, throttled } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock, tickOf } from '../helpers/events';
import { describedJob, startChurnTraining, trainingEvent } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

const EXECUTION = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/e2';
// What SageMaker answers a role that was not granted the action.
const denied = (action: string): Error =>
  Object.assign(new Error(`not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T05:00:00Z', noApprovedPackages: true });
  sagemaker.on(DescribePipelineExecutionCommand).resolves({ PipelineExecutionStatus: 'Succeeded' });
});

const outboxActions = async (model: string) =>
  Object.values((await trainingItem(model))?.outbox ?? {}).map((e: any) => e.action.type);

describe('an outbox entry another function’s role must perform', () => {
  it('is left by pipelineStateChanged for the reconciler, which starts the pipeline execution', async () => {
    // Prepare: the start is throttled and given back; a late copy of an earlier execution's event arrives
    sagemaker.on(StartPipelineExecutionCommand).rejectsOnce(throttled()).rejects(denied('StartPipelineExecution'));
    await expect(
      retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T05:00:00Z' }, context('retrainSchedule')),
    ).rejects.toThrow('Rate exceeded');
    const run = (await trainingItem('fraud'))!.inFlight.runName as string;
    const late = fixture('pipeline-execution-status-change.succeeded', {
      detail: { pipelineExecutionDisplayName: 'execution-of-last-week' },
    });

    // Act
    await pipelineStateChanged(late, context('pipelineStateChanged'));
    const triedByPipelineStateChanged = sagemaker.commandCalls(StartPipelineExecutionCommand).length - 1;
    sagemaker.on(StartPipelineExecutionCommand).resolves({ PipelineExecutionArn: EXECUTION });
    await tickOf(reconcile, 'reconcile')('2026-11-27T05:01:00Z');

    // Assess
    expect(triedByPipelineStateChanged).toBe(0);
    expect(notificationsSent()).toEqual([]);
    const item = (await trainingItem('fraud'))!;
    expect(item.inFlight).toMatchObject({ runName: run, executionArn: EXECUTION });
    expect(await outboxActions('fraud')).toEqual([]);
  });

  it('is left by retrainSchedule for the reconciler, which registers the completed training', async () => {
    // Prepare: the registration is throttled and given back; the line's schedule fires meanwhile
    const job = await startChurnTraining();
    describedJob(job, 'Completed', { 'validation:auc': 0.9 });
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
    sagemaker.on(CreateModelPackageCommand).rejectsOnce(throttled()).rejects(denied('CreateModelPackage'));
    await expect(
      trainingStateChanged(trainingEvent(job, 'Completed'), context('trainingStateChanged')),
    ).rejects.toThrow('Rate exceeded');
    setClock('2026-11-27T05:00:30Z');

    // Act
    await retrainSchedule({ model: 'churn', id: 'firing-2', time: '2026-11-27T05:00:30Z' }, context('retrainSchedule'));
    const triedByRetrainSchedule = sagemaker.commandCalls(CreateModelPackageCommand).length - 1;
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/1';
    sagemaker.on(CreateModelPackageCommand).resolves({ ModelPackageArn: arn });
    await tickOf(reconcile, 'reconcile')('2026-11-27T05:01:00Z');

    // Assess
    expect(triedByRetrainSchedule).toBe(0);
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(2);
    expect(notificationsSent().filter((n) => /training failed|refused/.test(n.Subject ?? ''))).toEqual([]);
    expect((await trainingItem('churn'))?.inFlight).toBeUndefined();
  });
});
