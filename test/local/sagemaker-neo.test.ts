// SageMaker Neo compilation jobs in the emulator: CreateCompilationJob validated as the service model says (enums
// in its order), STARTING → INPROGRESS → COMPLETED or FAILED on the virtual clock with no EventBridge event
// (SageMaker sends none for compilation jobs: Shepherd polls), ResourceNotFound for an unknown job, and
// StopCompilationJob.
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { NEO_DEVICES } from '../../shared/config/aws-values';
import { failure } from '../helpers/aws-error';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';
import { SageMakerEmulator, type CompilationScript } from '../../local/sagemaker';

const MINUTE = 60_000;
const NAME = 'churn-v7-jetson-nano';
const ARN = `arn:aws:sagemaker:us-east-1:123456789012:compilation-job/${NAME}`;
const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-neo';
const TERMINAL = ['COMPLETED', 'FAILED', 'STOPPED'];
const NVIDIA_OPTIONS = '{"gpu-code": "sm_72", "trt-ver": "6.0.1", "cuda-ver": "10.1"}';

function setup(script: CompilationScript | ((job: { name: string }) => CompilationScript) = { outcome: 'COMPLETED' }) {
  const clock = new Clock(new Date('2026-11-27T07:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const plans: { name: string; target: string }[] = [];
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
    compilationPlan: (job) => {
      plans.push(job);
      return typeof script === 'function' ? script(job) : script;
    },
  });
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  const describe = (name = NAME) => call('DescribeCompilationJob', { CompilationJobName: name });
  /** Polls DescribeCompilationJob, as Shepherd must, until the job ends (virtual time, in 30 s steps). */
  const poll = async (name = NAME) => {
    for (let i = 0; i < 500 && !TERMINAL.includes(describe(name).CompilationJobStatus as string); i++)
      await clock.sleep(MINUTE / 2);
  };
  /** Every status the job passed, from the timeline (a poll may step over a short one). */
  const passed = (name = NAME) =>
    timeline.lines
      .map((l) => l.message.split(' '))
      .filter(([, job]) => job === name)
      .map(([, , status]) => status!.replace(/:$/, ''));
  return { clock, events, timeline, sagemaker, call, describe, poll, passed, plans };
}

let env: ReturnType<typeof setup>;
afterEach(() => env.sagemaker.stop());

const request = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  CompilationJobName: NAME,
  RoleArn: ROLE,
  InputConfig: {
    S3Uri: 's3://artifacts/churn/run-7/model.tar.gz',
    DataInputConfig: '{"input0":[1,12]}',
    Framework: 'XGBOOST',
  },
  OutputConfig: { S3OutputLocation: 's3://artifacts/churn/edge/', TargetDevice: 'jetson_nano' },
  StoppingCondition: { MaxRuntimeInSeconds: 900 },
  Tags: [{ Key: 'shepherd:model', Value: 'churn' }],
  ...overrides,
});

describe('CreateCompilationJob validation', () => {
  it(
    'rejects a bad name, an unknown framework and an unknown device together, ' + 'enums in the service model order',
    () => {
      // Prepare
      env = setup();
      const input = request({
        CompilationJobName: 'churn_v7',
        InputConfig: { S3Uri: 's3://artifacts/model.tar.gz', Framework: 'CATBOOST' },
        OutputConfig: { S3OutputLocation: 's3://artifacts/edge/', TargetDevice: 'jetson_orin' },
      });

      // Act
      const err = failure(() => env.call('CreateCompilationJob', input));

      // Assess
      expect(err.code).toBe('ValidationException');
      expect(err.message).toMatch(/^3 validation errors detected: /);
      expect(err.message).toContain(
        "Value 'churn_v7' at 'compilationJobName' failed to satisfy constraint: Member must satisfy regular " +
          'expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}',
      );
      expect(err.message).toContain(
        "Value 'CATBOOST' at 'inputConfig.framework' failed to satisfy constraint: Member must satisfy enum value " +
          'set: [TENSORFLOW, KERAS, MXNET, ONNX, PYTORCH, XGBOOST, TFLITE, DARKNET, SKLEARN]',
      );
      expect(err.message).toContain(
        "Value 'jetson_orin' at 'outputConfig.targetDevice' failed to satisfy constraint: Member must satisfy enum " +
          'value set: [lambda, ml_m4, ml_m5,',
      );
    },
  );

  it('lists in its refusal of an unknown device the devices the config takes, in the same order', () => {
    // Prepare
    env = setup();

    // Act
    const err = failure(() =>
      env.call('CreateCompilationJob', request({ OutputConfig: { S3OutputLocation: 's3://o/', TargetDevice: 'x' } })),
    );

    // Assess
    expect(err.message).toContain(`Member must satisfy enum value set: [${NEO_DEVICES.join(', ')}]`);
  });

  it('refuses an NVIDIA platform without compiler options, which AWS requires for it, and starts no job', () => {
    // Prepare
    env = setup();
    const nvidia = { Os: 'LINUX', Arch: 'ARM64', Accelerator: 'NVIDIA' };

    // Act
    const err = failure(() =>
      env.call(
        'CreateCompilationJob',
        request({ OutputConfig: { S3OutputLocation: 's3://o/', TargetPlatform: nvidia } }),
      ),
    );
    env.call(
      'CreateCompilationJob',
      request({
        OutputConfig: { S3OutputLocation: 's3://o/', TargetPlatform: nvidia, CompilerOptions: NVIDIA_OPTIONS },
      }),
    );

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('CompilerOptions');
    expect(err.message).toContain('NVIDIA');
    expect(env.sagemaker.compilationJobs().map((j) => j.target)).toEqual(['LINUX_ARM64_NVIDIA']);
  });

  it('requires the role, the output config and the stopping condition', () => {
    // Prepare
    env = setup();

    // Act
    const err = failure(() =>
      env.call('CreateCompilationJob', { CompilationJobName: NAME, InputConfig: request().InputConfig }),
    );

    // Assess
    expect(err.message).toBe(
      "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'outputConfig' failed to satisfy constraint: Member must not be null; Value null at " +
        "'stoppingCondition' failed to satisfy constraint: Member must not be null",
    );
  });

  it('takes exactly one of TargetDevice and TargetPlatform, and one of InputConfig and ModelPackageVersionArn', () => {
    // Prepare
    env = setup();
    const platform = { Os: 'LINUX', Arch: 'ARM64', Accelerator: 'NVIDIA' };

    // Act
    const both = failure(() =>
      env.call(
        'CreateCompilationJob',
        request({
          OutputConfig: { S3OutputLocation: 's3://out/', TargetDevice: 'jetson_nano', TargetPlatform: platform },
        }),
      ),
    );
    const neither = failure(() =>
      env.call('CreateCompilationJob', request({ OutputConfig: { S3OutputLocation: 's3://out/' } })),
    );
    const noModel = failure(() => env.call('CreateCompilationJob', request({ InputConfig: undefined })));

    // Assess
    expect([both.code, neither.code, noModel.code]).toEqual([
      'ValidationException',
      'ValidationException',
      'ValidationException',
    ]);
    expect(env.sagemaker.compilationJobs()).toEqual([]);
  });

  it('answers ResourceInUse to a second job with the same name', () => {
    // Prepare
    env = setup();
    env.call('CreateCompilationJob', request());

    // Act
    const err = failure(() => env.call('CreateCompilationJob', request()));

    // Assess
    expect(err.code).toBe('ResourceInUse');
    expect(env.sagemaker.compilationJobs()).toHaveLength(1);
  });
});

describe('a compilation job', () => {
  it(
    'goes STARTING → INPROGRESS → COMPLETED after 6 virtual minutes, ' +
      'with the artifact named after input and target',
    async () => {
      // Prepare
      env = setup();

      // Act
      const created = env.call('CreateCompilationJob', request());
      await env.poll();

      // Assess
      expect(created).toEqual({ CompilationJobArn: ARN });
      expect(env.passed()).toEqual(['STARTING', 'INPROGRESS', 'COMPLETED']);
      const job = env.describe();
      expect(job).toMatchObject({
        CompilationJobName: NAME,
        CompilationJobArn: ARN,
        CompilationJobStatus: 'COMPLETED',
        ModelArtifacts: { S3ModelArtifacts: 's3://artifacts/churn/edge/model-jetson_nano.tar.gz' },
        RoleArn: ROLE,
        OutputConfig: { TargetDevice: 'jetson_nano' },
      });
      expect(job).not.toHaveProperty('FailureReason');
      expect((job.CompilationEndTime as Date).getTime() - (job.CreationTime as Date).getTime()).toBe(6 * MINUTE);
      expect(env.plans).toEqual([{ name: NAME, target: 'jetson_nano' }]);
    },
  );

  it('emits no EventBridge event at all, and logs each status on the timeline', async () => {
    // Prepare
    env = setup();

    // Act
    env.call('CreateCompilationJob', request());
    await env.poll();

    // Assess
    expect(env.events).toEqual([]);
    expect(env.timeline.lines.map((l) => l.message)).toEqual([
      `compilation ${NAME} STARTING (jetson_nano)`,
      `compilation ${NAME} INPROGRESS`,
      `compilation ${NAME} COMPLETED → s3://artifacts/churn/edge/model-jetson_nano.tar.gz`,
    ]);
  });

  it('passes INPROGRESS before COMPLETED when the machine stalls as its transitions are scheduled', async () => {
    // Prepare
    env = setup({ outcome: 'COMPLETED', durationMs: 2 * MINUTE });
    const undo = stallWhileArmingTimers(env.clock);

    // Act
    env.call('CreateCompilationJob', request());
    await env.poll();
    undo();

    // Assess
    expect(env.passed()).toEqual(['STARTING', 'INPROGRESS', 'COMPLETED']);
    expect(env.describe().CompilationJobStatus).toBe('COMPLETED');
  });

  it('ends FAILED with the scripted reason and no artifact', async () => {
    // Prepare
    const reason =
      "ClientError: CompilationError: Unable to compile model for jetson_nano: unsupported operator 'aten::alias'";
    env = setup({ outcome: 'FAILED', durationMs: 3 * MINUTE, failureReason: reason });

    // Act
    env.call('CreateCompilationJob', request());
    await env.poll();

    // Assess
    expect(env.passed()).toEqual(['STARTING', 'INPROGRESS', 'FAILED']);
    expect(env.describe()).toMatchObject({ CompilationJobStatus: 'FAILED', FailureReason: reason, ModelArtifacts: {} });
    expect(env.sagemaker.compilationJobs()).toEqual([{ name: NAME, status: 'FAILED', target: 'jetson_nano' }]);
    expect(env.events).toEqual([]);
  });

  it('compiles a registered package for a target platform', async () => {
    // Prepare
    env = setup();
    env.sagemaker.createModelPackageGroup('churn-models');
    const packageArn = env.call('CreateModelPackage', {
      ModelPackageGroupName: 'churn-models',
      InferenceSpecification: {
        Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://artifacts/churn/run-8/churn.tar.gz' }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
    }).ModelPackageArn;
    const input = request({
      InputConfig: undefined,
      ModelPackageVersionArn: packageArn,
      OutputConfig: {
        S3OutputLocation: 's3://edge/',
        TargetPlatform: { Os: 'LINUX', Arch: 'ARM64', Accelerator: 'NVIDIA' },
        CompilerOptions: NVIDIA_OPTIONS,
      },
    });

    // Act
    env.call('CreateCompilationJob', input);
    await env.poll();
    const listed = env.call('ListCompilationJobs', {});

    // Assess
    expect(env.sagemaker.compilationJobs()).toEqual([
      {
        name: NAME,
        status: 'COMPLETED',
        target: 'LINUX_ARM64_NVIDIA',
        artifact: 's3://edge/churn-LINUX_ARM64_NVIDIA.tar.gz',
      },
    ]);
    expect(env.describe()).toMatchObject({ ModelPackageVersionArn: packageArn });
    expect(listed.CompilationJobSummaries).toEqual([
      expect.objectContaining({
        CompilationJobName: NAME,
        CompilationTargetPlatformOs: 'LINUX',
        CompilationTargetPlatformArch: 'ARM64',
        CompilationTargetPlatformAccelerator: 'NVIDIA',
        CompilationJobStatus: 'COMPLETED',
      }),
    ]);
  });
});

describe('unknown jobs, stopping and listing', () => {
  it('answers DescribeCompilationJob and StopCompilationJob of an unknown job with ResourceNotFound', () => {
    // Prepare
    env = setup();

    // Act
    const errors = ['DescribeCompilationJob', 'StopCompilationJob'].map((op) =>
      failure(() => env.call(op, { CompilationJobName: 'ghost' })),
    );

    // Assess
    expect(errors.map((e) => e.code)).toEqual(['ResourceNotFound', 'ResourceNotFound']);
    expect(errors[0]!.message).toContain('compilation-job/ghost');
  });

  it('stops a job in progress: STOPPING, then STOPPED, and the scripted completion never comes', async () => {
    // Prepare
    env = setup({ outcome: 'COMPLETED', durationMs: 24 * 60 * MINUTE });
    env.call('CreateCompilationJob', request());
    await env.clock.sleep(2 * MINUTE);

    // Act
    env.call('StopCompilationJob', { CompilationJobName: NAME });
    const stopping = env.describe().CompilationJobStatus;
    await env.poll();
    await env.clock.sleep(40 * MINUTE);

    // Assess
    expect(stopping).toBe('STOPPING');
    expect(env.passed()).toEqual(['STARTING', 'INPROGRESS', 'STOPPING', 'STOPPED']);
    expect(env.describe()).toMatchObject({ CompilationJobStatus: 'STOPPED', ModelArtifacts: {} });
  });

  it('refuses to stop a job that has completed', async () => {
    // Prepare
    env = setup();
    env.call('CreateCompilationJob', request());
    await env.poll();

    // Act
    const err = failure(() => env.call('StopCompilationJob', { CompilationJobName: NAME }));

    // Assess
    expect(err.code).toBe('ValidationException');
  });

  it('lists jobs oldest first by default and filters them by status', async () => {
    // Prepare
    env = setup((job) =>
      job.name === NAME ? { outcome: 'COMPLETED' } : { outcome: 'COMPLETED', durationMs: 24 * 60 * MINUTE },
    );
    env.call('CreateCompilationJob', request());
    await env.poll();
    env.call(
      'CreateCompilationJob',
      request({
        CompilationJobName: 'churn-v7-rasp4b',
        OutputConfig: { S3OutputLocation: 's3://edge/', TargetDevice: 'rasp4b' },
      }),
    );
    const names = (out: Record<string, unknown>) =>
      (out.CompilationJobSummaries as { CompilationJobName: string }[]).map((s) => s.CompilationJobName);

    // Act
    const all = env.call('ListCompilationJobs', {});
    const completed = env.call('ListCompilationJobs', { StatusEquals: 'COMPLETED' });
    const bad = failure(() => env.call('ListCompilationJobs', { StatusEquals: 'Completed' }));

    // Assess
    expect(names(all)).toEqual([NAME, 'churn-v7-rasp4b']);
    expect(names(completed)).toEqual([NAME]);
    expect(bad.message).toContain(
      'Member must satisfy enum value set: [INPROGRESS, COMPLETED, FAILED, STARTING, STOPPING, STOPPED]',
    );
  });

  it('tags a compilation job as it was created', () => {
    // Prepare
    env = setup();
    env.call('CreateCompilationJob', request());

    // Act
    const out = env.call('ListTags', { ResourceArn: ARN });

    // Assess
    expect(out.Tags).toEqual([{ Key: 'shepherd:model', Value: 'churn' }]);
  });
});
