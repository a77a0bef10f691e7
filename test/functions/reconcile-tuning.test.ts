import {
  CreateHyperParameterTuningJobCommand,
  CreateModelPackageCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { lineNamed } from '../../shared/runtime/lines';
import { retraining } from '../../shared/runtime/retraining';
import { sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { tickOf } from '../helpers/events';
import { describedJob } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

const TUNING = 'upsell-261127t0100-e7d033';
const BEST = `${TUNING}-003-39091176`;

/** SageMaker's answer for the tuning job: Completed, naming BEST as its best training job. */
const tuningCompleted = () =>
  sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: TUNING }).resolves({
    HyperParameterTuningJobName: TUNING,
    HyperParameterTuningJobStatus: 'Completed',
    BestTrainingJob: {
      TrainingJobName: BEST,
      TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${BEST}`,
      CreationTime: new Date(),
      TrainingJobStatus: 'Completed',
      TunedHyperParameters: { eta: '0.2' },
    },
  } as never);

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T01:00:00Z', noApprovedPackages: true });
  sagemaker.on(CreateHyperParameterTuningJobCommand).resolves({ HyperParameterTuningJobArn: `arn:x/${TUNING}` });
  sagemaker
    .on(CreateModelPackageCommand)
    .resolves({ ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/upsell-models/1' });
  const trigger = { reason: 'drift' as const, id: 'alarm-1', at: '2026-11-27T01:00:00Z' };
  await retraining().apply('upsell', (state, now) => onTrigger(state, lineNamed('upsell')!, trigger, now));
});

const tick = tickOf(reconcile, 'reconcile');

describe('reconcile and a tuning run', () => {
  it('looks a quiet tuning job up once stalled, and registers its best job when it completed unheard', async () => {
    // Prepare
    tuningCompleted();
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });
    await tick('2026-11-27T01:20:00Z'); // quiet for 20 min: not yet stalled (30 min)
    const early = sagemaker.commandCalls(DescribeHyperParameterTuningJobCommand).length;

    // Act
    await tick('2026-11-27T01:31:00Z');

    // Assess
    expect(early).toBe(0);
    expect(sagemaker.commandCalls(DescribeHyperParameterTuningJobCommand).map((c) => c.args[0].input)).toEqual([
      { HyperParameterTuningJobName: TUNING },
      { HyperParameterTuningJobName: TUNING },
    ]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).map((c) => c.args[0].input)).toEqual([
      { TrainingJobName: BEST },
    ]);
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('registers the best job of a quiet tuning job it finds stopped at its runtime limit', async () => {
    // Prepare: a 30-minute limit, and the job ended 30 min 20 s after it was created
    sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: TUNING }).resolves({
      HyperParameterTuningJobName: TUNING,
      HyperParameterTuningJobStatus: 'Stopped',
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2, MaxRuntimeInSeconds: 1800 },
      },
      CreationTime: new Date('2026-11-27T01:00:05Z'),
      HyperParameterTuningEndTime: new Date('2026-11-27T01:30:25Z'),
      BestTrainingJob: {
        TrainingJobName: BEST,
        TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${BEST}`,
        CreationTime: new Date(),
        TrainingJobStatus: 'Completed',
        TunedHyperParameters: { eta: '0.2' },
      },
    } as never);
    describedJob(BEST, 'Completed', { 'validation:auc': 0.87 });

    // Act
    await tick('2026-11-27T01:31:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toHaveLength(1);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('frees the line of a quiet completed tuning job whose best job was deleted, instead of holding it', async () => {
    // Prepare: the best job is gone (DeleteTrainingJob); SageMaker answers for it as for any missing training job
    tuningCompleted();
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: BEST })
      .rejects(Object.assign(new Error('Requested resource not found.'), { name: 'ValidationException' }));

    // Act
    await tick('2026-11-27T01:31:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateModelPackageCommand)).toEqual([]);
    expect((await trainingItem('upsell'))?.inFlight).toBeUndefined();
  });

  it('asks again, under the same name, for a tuning job SageMaker never received', async () => {
    // Prepare
    sagemaker.on(DescribeHyperParameterTuningJobCommand).rejects(
      Object.assign(new Error(`Amazon SageMaker can't find a tuning job named ${TUNING}.`), {
        name: 'ResourceNotFound',
        $metadata: {},
      }),
    );
    const firstCreate = sagemaker.commandCalls(CreateHyperParameterTuningJobCommand).length;

    // Act
    await tick('2026-11-27T01:31:00Z');

    // Assess
    const creates = sagemaker.commandCalls(CreateHyperParameterTuningJobCommand).map((c) => c.args[0].input);
    expect(firstCreate).toBe(1);
    expect(creates.map((r) => r.HyperParameterTuningJobName)).toEqual([TUNING, TUNING]);
    expect((await trainingItem('upsell'))?.inFlight).toMatchObject({ jobName: TUNING });
  });
});
