import type { ModelLine } from '../../shared/config/schema';
import type { TuningTraining } from '../../shared/config/training-schema';
import {
  isTuningRunOf,
  MAX_TUNING_NAME,
  SAGEMAKER_NAME,
  tuningNameHead,
  tuningRunName,
} from '../../shared/domain/names';
import { onCompleted } from '../../shared/domain/retraining/completed';
import { onEnded } from '../../shared/domain/retraining/ended';
import { onRunRefused } from '../../shared/domain/retraining/failure';
import { classify, onMissing } from '../../shared/domain/retraining/outcomes';
import { emptyTrainingState, type TrainingState } from '../../shared/domain/retraining/state';
import { watchTraining } from '../../shared/domain/retraining/stuck';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { exampleConfig } from '../helpers/config';
import { ofType } from '../helpers/actions';

const upsell = exampleConfig().models.find((m) => m.name === 'upsell') as ModelLine & { training: TuningTraining };
const startedAt = new Date('2026-11-27T01:00:00Z');
const drift = { reason: 'drift' as const, id: 'alarm-1', at: startedAt.toISOString() };
const started = () => onTrigger(emptyTrainingState('upsell'), upsell, drift, startedAt);
const running = (): TrainingState => started().state!;
const best = (jobName: string, auc: number) => ({
  jobName,
  metrics: { 'validation:auc': auc },
  artifactUri: `s3://shepherd-example-artifacts/upsell/output/${jobName}/output/model.tar.gz`,
  image: upsell.training.image,
  tuning: {
    name: running().inFlight!.jobName,
    arn: `arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/${running().inFlight!.jobName}`,
    hyperparameters: { eta: '0.2', max_depth: '6', subsample: '0.8' },
  },
});

describe('tuning job names', () => {
  it.each([
    ['upsell'],
    ['a-very-long-model-line-name-that-goes-on-and-on'],
    ['a-very-long-model-line-name-that-goes-on-and-on-too'],
    ['Churn_Model.v2'],
  ])('%p gets a valid name of at most 32 characters, the same for the same trigger', (model) => {
    // Act
    const name = tuningRunName(model, 'alarm-1', '2026-11-27T01:05:00Z');

    // Assess
    expect(name.length).toBeLessThanOrEqual(MAX_TUNING_NAME);
    expect(name).toMatch(SAGEMAKER_NAME);
    expect(tuningRunName(model, 'alarm-1', '2026-11-27T01:05:00Z')).toBe(name);
    expect(isTuningRunOf(model, name)).toBe(true);
  });

  it('keeps two long lines that share their first characters apart', () => {
    // Prepare
    const [a, b] = [
      'a-very-long-model-line-name-that-goes-on-and-on',
      'a-very-long-model-line-name-that-goes-on-and-on-too',
    ];

    // Act
    const name = tuningRunName(a, 'alarm-1', '2026-11-27T01:05:00Z');

    // Assess
    expect(tuningNameHead(a)).not.toBe(tuningNameHead(b));
    expect(isTuningRunOf(b, name)).toBe(false);
    expect(isTuningRunOf('upsell', 'upsell-v2-261127t0105-abcdef')).toBe(false);
  });
});

describe('starting a tuning run', () => {
  it('asks for CreateHyperParameterTuningJob from the job template, spot and checkpoints on every child', () => {
    // Act
    const decision = started();

    // Assess
    const run = decision.state!.inFlight!;
    expect(run).toMatchObject({ kind: 'tuning', runName: 'upsell-261127t0100-e7d033', jobName: run.runName });
    const [create] = ofType(decision.actions, 'createTuningJob');
    expect(create!.request).toEqual({
      HyperParameterTuningJobName: run.runName,
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'validation:auc' },
        ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 },
        ParameterRanges: {
          IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '9', ScalingType: 'Auto' }],
          ContinuousParameterRanges: [
            { Name: 'eta', MinValue: '0.05', MaxValue: '0.5', ScalingType: 'Auto' },
            { Name: 'subsample', MinValue: '0.5', MaxValue: '1', ScalingType: 'Auto' },
          ],
          CategoricalParameterRanges: [],
        },
        TrainingJobEarlyStoppingType: 'Auto',
      },
      TrainingJobDefinition: expect.objectContaining({
        StaticHyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '200' },
        AlgorithmSpecification: { TrainingImage: upsell.training.image, TrainingInputMode: 'File' },
        RoleArn: upsell.training.roleArn,
        EnableManagedSpotTraining: true,
        StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
        CheckpointConfig: {
          S3Uri: `s3://shepherd-example-artifacts/upsell/output/checkpoints/upsell/${run.runName}/`,
        },
      }),
      Tags: [
        { Key: 'shepherd:model', Value: 'upsell' },
        { Key: 'shepherd:trigger', Value: 'drift' },
        { Key: 'shepherd:run', Value: run.runName },
      ],
    });
    expect(ofType(decision.actions, 'createTrainingJob')).toEqual([]);
  });

  it('applies the same guards as a job line: a second trigger while it runs is coalesced', () => {
    // Act
    const decision = onTrigger(running(), upsell, { ...drift, id: 'alarm-2' }, new Date('2026-11-27T01:10:00Z'));

    // Assess
    expect(decision.state!.pending).toMatchObject({ id: 'alarm-2' });
    expect(ofType(decision.actions, 'createTuningJob')).toEqual([]);
  });

  it('asks again with the same name when the reconciler finds no trace of it', () => {
    // Prepare
    const state = running();

    // Act
    const decision = onMissing(state, upsell, new Date('2026-11-27T01:40:00Z'));

    // Assess
    const [again] = ofType(decision.actions, 'createTuningJob');
    expect(again!.request.HyperParameterTuningJobName).toBe(state.inFlight!.jobName);
  });
});

describe('tuning outcomes', () => {
  it('registers the best training job with its tuning job as lineage', () => {
    // Prepare
    const state = running();
    const child = `${state.inFlight!.jobName}-003-39091176`;

    // Act
    const decision = onCompleted(state, upsell, best(child, 0.87), undefined, new Date('2026-11-27T02:00:00Z'));

    // Assess
    const [register] = ofType(decision.actions, 'createModelPackage');
    expect(register!.request).toMatchObject({
      ModelPackageGroupName: 'upsell-models',
      InferenceSpecification: { Containers: [{ ModelDataUrl: expect.stringContaining(`/${child}/`) }] },
      CustomerMetadataProperties: expect.objectContaining({
        'shepherd:trainingJob': child,
        'shepherd:tuningJob': state.inFlight!.jobName,
        'shepherd:tuned:eta': '0.2',
        'shepherd:metric:validation:auc': '0.87',
      }),
      MetadataProperties: { GeneratedBy: best(child, 0.87).tuning.arn },
    });
    expect(register!.request.ModelPackageDescription).toContain(`the best of tuning job ${state.inFlight!.jobName}`);
    expect(decision.state!.inFlight).toMatchObject({ phase: 'registering' });
  });

  it('rejects a best job under the floor, as it would a plain training', () => {
    // Act
    const decision = onCompleted(running(), upsell, best('x-001-aaaaaaaa', 0.65), undefined, new Date());

    // Assess
    expect(decision.state!.inFlight).toBeUndefined();
    expect(ofType(decision.actions, 'publishEvent').map((a) => a.detailType)).toEqual(['Training Rejected']);
  });

  it.each([
    ['Failed', 'critical', 'No training job succeeded'],
    ['Stopped', 'warning', 'Stopped by the user'],
  ])('ends the run when the tuning job is %p, without retrying it', (status, severity, failureReason) => {
    // Prepare
    const state = running();

    // Act
    const decision = onEnded(state, upsell, { name: state.inFlight!.jobName, status, failureReason }, new Date());

    // Assess
    expect(decision.state!.inFlight).toBeUndefined();
    expect(decision.state!.recent).toContain(state.inFlight!.jobName);
    expect(ofType(decision.actions, 'notify')[0]!.notification.severity).toBe(severity);
    expect(ofType(decision.actions, 'createTuningJob')).toEqual([]);
    expect(classify(decision.state!, state.inFlight!.jobName)).toBe('stale');
  });

  it('ends the run once when AWS refuses the tuning job', () => {
    // Prepare
    const decision = started();
    const [create] = ofType(decision.actions, 'createTuningJob');

    // Act
    const refused = onRunRefused(decision.state!, create!, 'ResourceLimitExceeded: 100 tuning jobs', new Date());

    // Assess
    expect(refused.state!.inFlight).toBeUndefined();
    expect(ofType(refused.actions, 'record')[0]!.entry.message).toBe(
      'CreateHyperParameterTuningJob refused: ResourceLimitExceeded: 100 tuning jobs',
    );
  });

  it('says a tuning job is stuck only after all its waves of children could have run', () => {
    // Prepare: 4 jobs, 2 at a time, each within a 7200 s spot wait: 2 waves, 4 h, plus the 30-minute margin
    const state = running();

    // Act
    const before = watchTraining(state, upsell, new Date('2026-11-27T05:29:00Z'));
    const after = watchTraining(state, upsell, new Date('2026-11-27T05:31:00Z'));

    // Assess
    expect(before.actions).toEqual([]);
    expect(ofType(after.actions, 'notify')[0]!.notification.subject).toContain('training stuck for 271 min');
  });
});
