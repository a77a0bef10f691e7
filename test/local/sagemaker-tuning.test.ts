// Hyperparameter tuning jobs in the SageMaker emulator: Shepherd's own request, children launched as training jobs at
// most MaxParallelTrainingJobs at a time, the best chosen by the objective, and the events and answers AWS gives.
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type TrainingScript } from '../../local/sagemaker';
import type { ModelLine } from '../../shared/config/schema';
import type { TuningTraining } from '../../shared/config/training-schema';
import { tuningJobRequest } from '../../shared/domain/retraining/tuning';
import { failure } from '../helpers/aws-error';
import { exampleConfig } from '../helpers/config';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';

const MINUTE = 60_000;
const NAME = 'upsell-261127t0100-e7d033';
const upsell = exampleConfig().models.find((m) => m.name === 'upsell') as ModelLine & { training: TuningTraining };
const trigger = { reason: 'data' as const, id: 'w1', at: '2026-11-27T01:00:00Z' };

function setup(scripts: TrainingScript[]) {
  const clock = new Clock(new Date('2026-11-27T01:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  let launched = 0;
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline: new Timeline(clock, false),
    trainingPlan: () => scripts[launched++] ?? { outcome: 'Completed' },
  });
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  const settled = async () => {
    for (let i = 0; i < 500 && sagemaker.tuningJobs()[0]?.status === 'InProgress'; i++) await clock.sleep(MINUTE);
  };
  return { clock, events, sagemaker, call, settled };
}

const request = (type: 'Maximize' | 'Minimize' = 'Maximize') => {
  const r = tuningJobRequest(
    { ...upsell, training: { ...upsell.training, objective: { metric: 'validation:auc', type } } },
    {
      runName: NAME,
      attempt: 0,
      trigger,
    },
  );
  return structuredClone(r) as unknown as Record<string, unknown>;
};
const done = (auc: number): TrainingScript => ({
  outcome: 'Completed',
  trainingMs: 5 * MINUTE,
  metrics: { 'validation:auc': auc },
});

describe('CreateHyperParameterTuningJob on the emulator', () => {
  it('runs the children two at a time and completes with the best by the objective', async () => {
    // Prepare
    const { sagemaker, call, settled, events } = setup([done(0.81), done(0.84), done(0.87), done(0.8)]);

    // Act
    call('CreateHyperParameterTuningJob', request());
    const startedAtOnce = sagemaker.trainingJobs().length;
    await settled();

    // Assess
    expect(startedAtOnce).toBe(2);
    const children = sagemaker.trainingJobs();
    expect(children.map((c) => c.name)).toEqual(
      [1, 2, 3, 4].map((n) => expect.stringMatching(new RegExp(`^${NAME}-00${n}-[0-9a-f]{8}$`))),
    );
    expect(children.every((c) => c.tags['shepherd:model'] === 'upsell' && c.spot)).toBe(true);
    const described = call('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: NAME });
    expect(described).toMatchObject({
      HyperParameterTuningJobStatus: 'Completed',
      TrainingJobStatusCounters: { Completed: 4, InProgress: 0 },
      BestTrainingJob: {
        TrainingJobName: children[2]!.name,
        TuningJobName: NAME,
        FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:auc', Value: 0.87 },
        TunedHyperParameters: { eta: expect.any(String), max_depth: expect.any(String), subsample: expect.any(String) },
      },
    });
    const tuningEvents = events.filter((e) => e['detail-type'] === 'SageMaker HyperParameter Tuning Job State Change');
    expect(tuningEvents.map((e) => e.detail.HyperParameterTuningJobStatus)).toEqual(['InProgress', 'Completed']);
    expect(tuningEvents.every((e) => !('BestTrainingJob' in e.detail))).toBe(true);
    const childEvents = events.filter((e) => e['detail-type'] === 'SageMaker Training Job State Change');
    expect(childEvents.every((e) => e.detail.TuningJobArn === described.HyperParameterTuningJobArn)).toBe(true);
    expect(call('DescribeTrainingJob', { TrainingJobName: children[0]!.name })).toMatchObject({
      TuningJobArn: described.HyperParameterTuningJobArn,
    });
  });

  it('completes once every child has ended when the machine stalls as their transitions are scheduled', async () => {
    // Prepare
    const { clock, sagemaker, call, settled } = setup([done(0.81), done(0.84), done(0.87), done(0.8)]);
    const undo = stallWhileArmingTimers(clock);

    // Act
    call('CreateHyperParameterTuningJob', request());
    await settled();
    undo();

    // Assess
    const children = sagemaker.trainingJobs();
    expect(children.map((c) => `${c.status}/${c.secondaryStatus}`)).toEqual(Array(4).fill('Completed/Completed'));
    expect(sagemaker.tuningJobs()).toEqual([
      { name: NAME, status: 'Completed', bestTrainingJob: children[2]!.name, children: 4 },
    ]);
  });

  it('takes the lowest value as the best when the objective is minimized', async () => {
    // Prepare
    const { sagemaker, call, settled } = setup([done(0.81), done(0.84), done(0.87), done(0.8)]);

    // Act
    call('CreateHyperParameterTuningJob', request('Minimize'));
    await settled();

    // Assess
    expect(sagemaker.tuningJobs()[0]).toMatchObject({ bestTrainingJob: sagemaker.trainingJobs()[3]!.name });
  });

  it('fails when no child completes with the objective metric', async () => {
    // Prepare
    const failed: TrainingScript = { outcome: 'Failed', trainingMs: MINUTE };
    const { sagemaker, call, settled } = setup([failed, failed, { outcome: 'MaxWaitTimeExceeded' }, failed]);

    // Act
    call('CreateHyperParameterTuningJob', request());
    await settled();

    // Assess
    expect(sagemaker.tuningJobs()).toEqual([{ name: NAME, status: 'Failed', children: 4 }]);
    const described = call('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: NAME });
    expect(described.BestTrainingJob).toBeUndefined();
    expect(described.FailureReason).toBe('No training job succeeded with objective metric validation:auc');
  });

  it('refuses a name in use with ResourceInUse, a 33-character name, and an unknown job as AWS does', () => {
    // Prepare
    const { call } = setup([]);
    call('CreateHyperParameterTuningJob', request());

    // Act
    const again = failure(() => call('CreateHyperParameterTuningJob', request()));
    const long = failure(() =>
      call('CreateHyperParameterTuningJob', { ...request(), HyperParameterTuningJobName: 'x'.repeat(33) }),
    );
    const unknown = failure(() => call('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: 'nope' }));

    // Assess
    expect(again.code).toBe('ResourceInUse');
    expect([long.code, long.message]).toEqual([
      'ValidationException',
      expect.stringContaining('Member must have length less than or equal to 32'),
    ]);
    expect(unknown.code).toBe('ResourceNotFound');
  });
});
