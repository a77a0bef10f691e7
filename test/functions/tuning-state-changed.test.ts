import {
  CreateHyperParameterTuningJobCommand,
  CreateModelPackageCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  ListModelPackagesCommand,
  ResourceInUse,
} from '@aws-sdk/client-sagemaker';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { handler } from '../../functions/tuning-state-changed';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { lineNamed } from '../../shared/runtime/lines';
import { retraining } from '../../shared/runtime/retraining';
import { notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { describedJob } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

const TUNING = 'upsell-261127t0100-e7d033';
const TUNING_ARN = `arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/${TUNING}`;
const BEST = `${TUNING}-003-39091176`;
const PACKAGE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/upsell-models/1';

/** Starts the upsell line's tuning run as a trigger at 01:00 would: the fixtures' tuning job. */
async function startTuning(): Promise<void> {
  setClock('2026-11-27T01:00:00Z');
  const line = lineNamed('upsell')!;
  const trigger = { reason: 'drift' as const, id: 'alarm-1', at: '2026-11-27T01:00:00Z' };
  await retraining().apply('upsell', (state, now) => onTrigger(state, line, trigger, now));
  setClock('2026-11-27T01:38:21Z');
}

/**
 * DescribeHyperParameterTuningJob's answer: the best job, or none when no child succeeded. `ran`: its runtime limit
 * and the wall-clock seconds it ran (ConsumedResources), when the test needs them.
 */
function describedTuning(status: string, best?: string, ran?: { limit: number; seconds: number }): void {
  sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: TUNING }).resolves({
    HyperParameterTuningJobName: TUNING,
    HyperParameterTuningJobArn: TUNING_ARN,
    HyperParameterTuningJobStatus: status as never,
    ...(ran
      ? {
          HyperParameterTuningJobConfig: {
            Strategy: 'Bayesian',
            ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2, MaxRuntimeInSeconds: ran.limit },
          },
          ConsumedResources: { RuntimeInSeconds: ran.seconds },
        }
      : {}),
    ...(best
      ? {
          BestTrainingJob: {
            TrainingJobName: best,
            TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${best}`,
            CreationTime: new Date(),
            TrainingJobStatus: 'Completed',
            TunedHyperParameters: { eta: '0.2', max_depth: '6', subsample: '0.8' },
            FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:auc', Value: 0.87 },
          },
        }
      : {}),
  } as never);
}

/** The tuning job's event when it ends Stopped: the completed sample with its status. */
const stopped = () =>
  fixture('hyperparameter-tuning-job-state-change.completed', {
    id: 'stopped-1',
    detail: { HyperParameterTuningJobStatus: 'Stopped' },
  });

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ noApprovedPackages: true });
  sagemaker.on(CreateHyperParameterTuningJobCommand).resolves({ HyperParameterTuningJobArn: TUNING_ARN });
  sagemaker.on(CreateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
});

describe('starting a tuning run', () => {
  it('asks for the tuning job under its deterministic name, and takes ResourceInUse as already started', async () => {
    // Prepare
    sagemaker
      .on(CreateHyperParameterTuningJobCommand)
      .rejects(new ResourceInUse({ message: `Resource Already Exists: ${TUNING_ARN}`, $metadata: {} }));

    // Act
    await startTuning();

    // Assess
    const [create] = sagemaker.commandCalls(CreateHyperParameterTuningJobCommand);
    expect(create!.args[0].input).toMatchObject({
      HyperParameterTuningJobName: TUNING,
      HyperParameterTuningJobConfig: { Strategy: 'Bayesian', ResourceLimits: { MaxParallelTrainingJobs: 2 } },
      TrainingJobDefinition: { EnableManagedSpotTraining: true },
    });
    const item = await trainingItem('upsell');
    expect(item).toMatchObject({ inFlight: { kind: 'tuning', jobName: TUNING }, outbox: {} });
    expect(notificationsSent()).toEqual([]);
  });
});

describe('tuningStateChanged', () => {
  it('looks the best job up, gates it and registers it with the tuning job as lineage', async () => {
    // Prepare
    await startTuning();
    resetAws();
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
    sagemaker.on(CreateModelPackageCommand).resolves({ ModelPackageArn: PACKAGE_ARN });
    describedTuning('Completed', BEST);
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });

    // Act
    const result = await handler(fixture('hyperparameter-tuning-job-state-change.completed'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'upsell' });
    expect(sagemaker.commandCalls(DescribeHyperParameterTuningJobCommand).map((c) => c.args[0].input)).toEqual([
      { HyperParameterTuningJobName: TUNING },
    ]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).map((c) => c.args[0].input)).toEqual([
      { TrainingJobName: BEST },
    ]);
    const [register] = sagemaker.commandCalls(CreateModelPackageCommand);
    expect(register!.args[0].input).toMatchObject({
      ModelPackageGroupName: 'upsell-models',
      MetadataProperties: { GeneratedBy: TUNING_ARN },
      CustomerMetadataProperties: expect.objectContaining({
        'shepherd:trainingJob': BEST,
        'shepherd:tuningJob': TUNING,
        'shepherd:tuned:max_depth': '6',
        'shepherd:metric:validation:auc': '0.87',
      }),
    });
    // The line's first model waits for a person even under `mode: auto`: its approvers are sent links.
    expect(published().map((e) => [e.detailType, e.detail.trainingJobName])).toEqual([
      ['Model Registered', BEST],
      ['Approval Requested', BEST],
      ['Approval Links Requested', undefined],
    ]);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('registers once when the Completed event arrives twice', async () => {
    // Prepare
    await startTuning();
    describedTuning('Completed', BEST);
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });
    await handler(fixture('hyperparameter-tuning-job-state-change.completed'), context());

    // Act: the same fact again, under another envelope id
    const again = await handler(
      fixture('hyperparameter-tuning-job-state-change.completed', { id: 'dup-1' }),
      context(),
    );

    // Assess
    expect(again).toMatchObject({ status: 'done', outcome: 'duplicate or late training event ignored' });
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
  });

  it('ends the run failed, with an alert, when the tuning job failed', async () => {
    // Prepare
    await startTuning();

    // Act
    await handler(fixture('hyperparameter-tuning-job-state-change.failed'), context());

    // Assess
    expect(sagemaker.commandCalls(DescribeHyperParameterTuningJobCommand)).toEqual([]);
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    const [alert] = notificationsSent();
    expect(alert!.Subject).toBe('[Shepherd] upsell: training failed');
    expect(alert!.Message).toContain('All training jobs failed');
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('ends the run failed when a completed tuning job names no best job', async () => {
    // Prepare
    await startTuning();
    describedTuning('Completed');

    // Act
    await handler(fixture('hyperparameter-tuning-job-state-change.completed'), context());

    // Assess
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toEqual([]);
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    expect(notificationsSent()[0]!.Message).toContain('the tuning job completed without a best training job');
  });

  it('gates and registers the completed best job of a tuning job stopped at its runtime limit', async () => {
    // Prepare
    await startTuning();
    describedTuning('Stopped', BEST, { limit: 3600, seconds: 3612 });
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });

    // Act
    const result = await handler(stopped(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'upsell' });
    const [register] = sagemaker.commandCalls(CreateModelPackageCommand);
    expect(register!.args[0].input).toMatchObject({
      MetadataProperties: { GeneratedBy: TUNING_ARN },
      CustomerMetadataProperties: expect.objectContaining({
        'shepherd:trainingJob': BEST,
        'shepherd:tuningJob': TUNING,
      }),
    });
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('registers nothing from a tuning job stopped before its runtime limit (by hand), and says why', async () => {
    // Prepare
    await startTuning();
    describedTuning('Stopped', BEST, { limit: 3600, seconds: 1200 });
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });

    // Act
    const result = await handler(stopped(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'upsell' });
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    const [alert] = notificationsSent();
    expect(alert!.Subject).toBe('[Shepherd] upsell: training stopped');
    expect(alert!.Message).toContain(`${TUNING} was stopped after 1200 s, before its runtime limit of 3600 s`);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('ends the run once, without throwing, when the best job did not complete (stopped early)', async () => {
    // Prepare
    await startTuning();
    describedTuning('Completed', BEST);
    describedJob(BEST, 'Stopped', { 'validation:auc': 0.87 });

    // Act
    const result = await handler(fixture('hyperparameter-tuning-job-state-change.completed'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'upsell' });
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    expect(notificationsSent()[0]!.Message).toContain(`the best training job ${BEST} is Stopped, not Completed`);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('ends the run once, naming the best job, when that job was deleted before it was read', async () => {
    // Prepare: SageMaker's answer for a training job that does not exist (docs/aws-sagemaker.md)
    await startTuning();
    describedTuning('Completed', BEST);
    const gone = Object.assign(new Error('Requested resource not found.'), { name: 'ValidationException' });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: BEST }).rejects(gone);

    // Act
    const result = await handler(fixture('hyperparameter-tuning-job-state-change.completed'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'upsell' });
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    const [alert] = notificationsSent();
    expect(alert!.Message).toContain(`the best training job ${BEST} is deleted, not Completed: its model is not`);
    expect(alert!.Message).not.toContain(`tuning job ${TUNING} no longer exists`);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('ignores a tuning job Shepherd did not start, asking SageMaker nothing', async () => {
    // Act
    const result = await handler(
      fixture('hyperparameter-tuning-job-state-change.completed', {
        detail: { HyperParameterTuningJobName: 'someone-elses-tuning-2026' },
      }),
      context(),
    );

    // Assess
    expect(result).toMatchObject({ status: 'ignored' });
    expect(sagemaker.calls()).toEqual([]);
  });
});

describe('trainingStateChanged and the children of a tuning job', () => {
  it('counts a child’s event and leaves the run, SageMaker and the registry alone', async () => {
    // Prepare
    await startTuning();
    resetAws();
    const before = await trainingItem('upsell');

    // Act
    const result = await trainingStateChanged(fixture('training-job-state-change.tuning-child'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'training job of a tuning job: its tuning job decides' });
    expect(sagemaker.calls()).toEqual([]);
    expect(await trainingItem('upsell')).toEqual(before);
  });
});
