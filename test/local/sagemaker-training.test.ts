// The training lifecycle of the SageMaker emulator on an accelerated clock: the status sequence, the
// `SageMaker Training Job State Change` events (shaped like events/training-job-state-change.*.json) and
// what DescribeTrainingJob answers afterwards.
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type TrainingScript } from '../../local/sagemaker';

const MINUTE = 60_000;
const NAME = 'churn-20261127t0100-3f9a2c1d';
const ARN = `arn:aws:sagemaker:us-east-1:123456789012:training-job/${NAME}`;

function setup(script: TrainingScript) {
  const clock = new Clock(new Date('2026-11-27T01:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const plans: { name: string; tags: Record<string, string> }[] = [];
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: ({ name, tags }) => {
      plans.push({ name, tags });
      return script;
    },
  });
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  /** Waits (virtual time, in steps) until the job leaves InProgress/Stopping. */
  const settled = async () => {
    for (
      let i = 0;
      i < 2000 && !['Completed', 'Failed', 'Stopped'].includes(sagemaker.trainingJobs()[0]?.status ?? '');
      i++
    )
      await clock.sleep(MINUTE);
  };
  return { clock, events, timeline, sagemaker, call, settled, plans };
}

const request = (spot = true): Record<string, unknown> => ({
  TrainingJobName: NAME,
  RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-training',
  AlgorithmSpecification: {
    TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    TrainingInputMode: 'File',
  },
  HyperParameters: { objective: 'binary:logistic', num_round: '200' },
  InputDataConfig: [
    {
      ChannelName: 'train',
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: 's3://data/churn/2026-11-27/',
          S3DataDistributionType: 'FullyReplicated',
        },
      },
      ContentType: 'text/csv',
    },
  ],
  OutputDataConfig: { S3OutputPath: 's3://artifacts/churn/output/' },
  ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
  StoppingCondition: spot ? { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 } : { MaxRuntimeInSeconds: 3600 },
  EnableManagedSpotTraining: spot,
  CheckpointConfig: { S3Uri: `s3://artifacts/churn/checkpoints/${NAME}/` },
  EnableInterContainerTrafficEncryption: false,
  EnableNetworkIsolation: false,
  Tags: [
    { Key: 'shepherd:model', Value: 'churn' },
    { Key: 'shepherd:trigger', Value: 'data' },
  ],
});

const sequence = (events: AwsEvent[]) =>
  events.map((e) => `${String(e.detail.TrainingJobStatus)}/${String(e.detail.SecondaryStatus)}`);
const minutesBetween = (events: AwsEvent[]) =>
  events
    .slice(1)
    .map((e, i) => ((e.detail.LastModifiedTime as number) - (events[i]!.detail.LastModifiedTime as number)) / MINUTE);

let env: ReturnType<typeof setup> | undefined;
afterEach(() => env?.sagemaker.stop());

describe('a training job that completes', () => {
  const script: TrainingScript = {
    outcome: 'Completed',
    trainingMs: 10 * MINUTE,
    metrics: { 'validation:auc': 0.912, 'train:auc': 0.95 },
  };

  it(
    'passes Starting, Downloading, Training and Uploading, ' + 'one event per change, with the documented durations',
    async () => {
      // Prepare
      env = setup(script);

      // Act
      env.call('CreateTrainingJob', request());
      await env.settled();

      // Assess
      expect(sequence(env.events)).toEqual([
        'InProgress/Starting',
        'InProgress/Downloading',
        'InProgress/Training',
        'InProgress/Uploading',
        'Completed/Completed',
      ]);
      expect(minutesBetween(env.events)).toEqual([2, 1, 10, 1]);
    },
  );

  it('emits events shaped like AWS: envelope, tags as a map, epoch-ms times, and no metrics or billing', async () => {
    // Prepare
    env = setup(script);

    // Act
    env.call('CreateTrainingJob', request());
    await env.settled();

    // Assess
    const last = env.events.at(-1)!;
    expect(last).toMatchObject({
      version: '0',
      source: 'aws.sagemaker',
      'detail-type': 'SageMaker Training Job State Change',
      account: '123456789012',
      region: 'us-east-1',
      resources: [ARN],
    });
    expect(last.time).toBe(new Date(last.detail.TrainingEndTime as number).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(last.detail.Tags).toEqual({ 'shepherd:model': 'churn', 'shepherd:trigger': 'data' });
    expect(typeof last.detail.CreationTime).toBe('number');
    expect(typeof last.detail.TrainingEndTime).toBe('number');
    for (const absent of [
      'FinalMetricDataList',
      'BillableTimeInSeconds',
      'TrainingTimeInSeconds',
      'EnableManagedSpotTraining',
    ])
      expect(last.detail).not.toHaveProperty(absent);
    expect(last.detail).toMatchObject({
      TrainingJobName: NAME,
      TrainingJobArn: ARN,
      RoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-training',
      VpcConfig: {},
      ModelArtifacts: { S3ModelArtifacts: `s3://artifacts/churn/output/${NAME}/output/model.tar.gz` },
      CheckpointConfig: { S3Uri: `s3://artifacts/churn/checkpoints/${NAME}/`, LocalPath: '/opt/ml/checkpoints' },
      InputDataConfig: [{ ChannelName: 'train', CompressionType: 'None', RecordWrapperType: 'None' }],
    });
    expect(
      (last.detail.SecondaryStatusTransitions as { Status: string; StatusMessage: string }[]).map((t) => t.Status),
    ).toEqual(['Starting', 'Downloading', 'Training', 'Uploading', 'Completed']);
  });

  it('answers DescribeTrainingJob with the final metrics, artifacts, Dates and spot billing', async () => {
    // Prepare
    env = setup(script);
    env.call('CreateTrainingJob', request());
    await env.settled();

    // Act
    const job = env.call('DescribeTrainingJob', { TrainingJobName: NAME });

    // Assess
    const created = (job.CreationTime as Date).getTime();
    const end = new Date(created + 14 * MINUTE);
    expect(job.FinalMetricDataList).toEqual([
      { MetricName: 'validation:auc', Value: 0.912, Timestamp: end },
      { MetricName: 'train:auc', Value: 0.95, Timestamp: end },
    ]);
    expect(job.ModelArtifacts).toEqual({ S3ModelArtifacts: `s3://artifacts/churn/output/${NAME}/output/model.tar.gz` });
    expect(job.CreationTime).toBeInstanceOf(Date);
    expect(job.TrainingStartTime).toEqual(new Date(created + 2 * MINUTE));
    expect(job.TrainingEndTime).toEqual(end);
    expect(job).toMatchObject({
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      EnableManagedSpotTraining: true,
      TrainingTimeInSeconds: 720,
      BillableTimeInSeconds: 252,
    });
  });

  it('bills the whole training time when the job is not on spot', async () => {
    // Prepare
    env = setup(script);
    env.call('CreateTrainingJob', request(false));
    await env.settled();

    // Act
    const job = env.call('DescribeTrainingJob', { TrainingJobName: NAME });

    // Assess
    expect(job).toMatchObject({
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 720,
      BillableTimeInSeconds: 720,
    });
  });

  it(
    'gives the training plan the job name and its tags as a map, ' + 'and logs each transition and the metrics',
    async () => {
      // Prepare
      env = setup(script);

      // Act
      env.call('CreateTrainingJob', request());
      await env.settled();

      // Assess
      expect(env.plans).toEqual([{ name: NAME, tags: { 'shepherd:model': 'churn', 'shepherd:trigger': 'data' } }]);
      const lines = env.timeline.lines.map((l) => l.message);
      expect(lines[0]).toBe(`training ${NAME} InProgress/Starting (managed spot)`);
      expect(lines).toContain(`training ${NAME} InProgress/Training`);
      expect(lines.at(-1)).toBe(
        `training ${NAME} Completed/Completed validation:auc=0.912 train:auc=0.95 (720s, billable 252s)`,
      );
      expect(env.timeline.lines.every((l) => l.source === 'sagemaker')).toBe(true);
    },
  );

  it('shows the job in trainingJobs() with its metrics once completed', async () => {
    // Prepare
    env = setup(script);
    env.call('CreateTrainingJob', request());

    // Act
    await env.settled();

    // Assess
    const createdAt = env.sagemaker.trainingJobs()[0]!.createdAt;
    expect(env.sagemaker.trainingJobs()).toEqual([
      {
        name: NAME,
        status: 'Completed',
        secondaryStatus: 'Completed',
        tags: { 'shepherd:model': 'churn', 'shepherd:trigger': 'data' },
        createdAt,
        endedAt: new Date(createdAt.getTime() + 14 * MINUTE),
        metrics: { 'validation:auc': 0.912, 'train:auc': 0.95 },
        spot: true,
        checkpointS3Uri: `s3://artifacts/churn/checkpoints/${NAME}/`,
      },
    ]);
  });
});

describe('a spot training job that is interrupted', () => {
  it('goes Interrupted and back to Training for each interruption, then completes later by their length', async () => {
    // Prepare
    env = setup({
      outcome: 'Completed',
      trainingMs: 20 * MINUTE,
      interruptions: [{ afterMs: 5 * MINUTE, ms: 15 * MINUTE }],
      metrics: { auc: 0.9 },
    });

    // Act
    env.call('CreateTrainingJob', request());
    await env.settled();

    // Assess
    expect(sequence(env.events)).toEqual([
      'InProgress/Starting',
      'InProgress/Downloading',
      'InProgress/Training',
      'InProgress/Interrupted',
      'InProgress/Training',
      'InProgress/Uploading',
      'Completed/Completed',
    ]);
    expect(minutesBetween(env.events)).toEqual([2, 1, 5, 15, 15, 1]);
    const interrupted = env.events[3]!.detail.SecondaryStatusTransitions as {
      Status: string;
      StatusMessage: string;
      EndTime?: number;
    }[];
    expect(interrupted.at(-1)).toEqual({
      Status: 'Interrupted',
      StartTime: env.events[3]!.detail.LastModifiedTime,
      StatusMessage: 'Training job interrupted due to spot instance interruption',
    });
    expect(env.timeline.lines.map((l) => l.message)).toContain(
      `training ${NAME} InProgress/Interrupted: spot capacity reclaimed, resumes in 15m`,
    );
  });

  it('ends Stopped with MaxWaitTimeExceeded, passing Stopping, with neither metrics nor artifacts', async () => {
    // Prepare
    env = setup({
      outcome: 'MaxWaitTimeExceeded',
      trainingMs: 30 * MINUTE,
      interruptions: [{ afterMs: 10 * MINUTE, ms: 90 * MINUTE }],
      metrics: { auc: 0.9 },
    });

    // Act
    env.call('CreateTrainingJob', request());
    await env.settled();
    const job = env.call('DescribeTrainingJob', { TrainingJobName: NAME });

    // Assess
    expect(sequence(env.events).slice(-3)).toEqual([
      'InProgress/Training',
      'Stopping/Stopping',
      'Stopped/MaxWaitTimeExceeded',
    ]);
    expect(job).toMatchObject({
      TrainingJobStatus: 'Stopped',
      SecondaryStatus: 'MaxWaitTimeExceeded',
      ModelArtifacts: {},
    });
    expect(job).not.toHaveProperty('FinalMetricDataList');
    expect(job.BillableTimeInSeconds).toBeLessThan(job.TrainingTimeInSeconds as number);
  });

  it('ends Stopped with MaxRuntimeExceeded when the script says so', async () => {
    // Prepare
    env = setup({ outcome: 'MaxRuntimeExceeded', trainingMs: 60 * MINUTE });

    // Act
    env.call('CreateTrainingJob', request());
    await env.settled();

    // Assess
    expect(sequence(env.events).slice(-2)).toEqual(['Stopping/Stopping', 'Stopped/MaxRuntimeExceeded']);
  });
});

describe('a training job that fails', () => {
  it('ends Failed/Failed with the failure reason in the event and in DescribeTrainingJob', async () => {
    // Prepare
    const reason = "AlgorithmError: ValueError: could not convert string to float: 'tenure'\n\nExitCode 1";
    env = setup({ outcome: 'Failed', trainingMs: 3 * MINUTE, failureReason: reason });

    // Act
    env.call('CreateTrainingJob', request());
    await env.settled();
    const job = env.call('DescribeTrainingJob', { TrainingJobName: NAME });

    // Assess
    expect(sequence(env.events)).toEqual([
      'InProgress/Starting',
      'InProgress/Downloading',
      'InProgress/Training',
      'Failed/Failed',
    ]);
    expect(env.events.at(-1)!.detail.FailureReason).toBe(reason);
    expect(job).toMatchObject({ TrainingJobStatus: 'Failed', FailureReason: reason, ModelArtifacts: {} });
    expect(env.events.slice(0, -1).every((e) => !('FailureReason' in e.detail))).toBe(true);
    expect(env.timeline.lines.at(-1)!.message).toBe(
      `training ${NAME} Failed/Failed: AlgorithmError: ValueError: could not convert string to float: 'tenure'`,
    );
  });
});

describe('StopTrainingJob', () => {
  it('moves an in-progress job to Stopping, then Stopped, and no scripted transition follows', async () => {
    // Prepare
    env = setup({ outcome: 'Completed', trainingMs: 60 * MINUTE });
    env.call('CreateTrainingJob', request());

    // Act: five minutes in, on the clock's own timer, so that a machine too busy to wake up in time cannot let the
    // job complete first
    env.clock.after(5 * MINUTE, () => env!.call('StopTrainingJob', { TrainingJobName: NAME }));
    await env.settled();
    await env.clock.sleep(90 * MINUTE);

    // Assess
    expect(sequence(env.events)).toEqual([
      'InProgress/Starting',
      'InProgress/Downloading',
      'InProgress/Training',
      'Stopping/Stopping',
      'Stopped/Stopped',
    ]);
  });

  it('refuses to stop a job that has already completed', async () => {
    // Prepare
    env = setup({ outcome: 'Completed', trainingMs: MINUTE });
    env.call('CreateTrainingJob', request());
    await env.settled();

    // Act
    let code = '';
    try {
      env.call('StopTrainingJob', { TrainingJobName: NAME });
    } catch (err) {
      code = (err as { code: string }).code;
    }

    // Assess
    expect(code).toBe('ValidationException');
  });
});
