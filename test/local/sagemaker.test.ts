// Conformance of the SageMaker emulator's API surface: validation errors as SageMaker words them
// (service model 2017-07-24), not-found and in-use answers (docs/aws-sagemaker.md), idempotency tokens, tags, listing.
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { failure } from '../helpers/aws-error';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';
import { SageMakerEmulator } from '../../local/sagemaker';

const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-training';
const TOKEN = 'a'.repeat(32);

function setup() {
  const clock = new Clock(new Date('2026-11-27T00:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline: new Timeline(clock, false),
    trainingPlan: () => ({ outcome: 'Completed', trainingMs: 60 * 60_000 }),
    pipelinePlan: () => ({ outcome: 'Succeeded', durationMs: 60 * 60_000 }),
  });
  return {
    clock,
    events,
    sagemaker,
    call: (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>,
  };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.sagemaker.stop());

/** A CreateTrainingJob input shaped like Shepherd's trainingJobRequest(). */
function trainingInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    TrainingJobName: 'churn-20261127t0100-3f9a2c1d',
    RoleArn: ROLE,
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
            S3Uri: 's3://data/churn/',
            S3DataDistributionType: 'FullyReplicated',
          },
        },
      },
    ],
    OutputDataConfig: { S3OutputPath: 's3://artifacts/churn/output/' },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
    EnableManagedSpotTraining: true,
    CheckpointConfig: { S3Uri: 's3://artifacts/churn/checkpoints/run/' },
    EnableInterContainerTrafficEncryption: false,
    EnableNetworkIsolation: false,
    Tags: [{ Key: 'shepherd:model', Value: 'churn' }],
    ...overrides,
  };
}

const manyTags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

describe('CreateTrainingJob validation', () => {
  it('rejects a name with an underscore with the exact SageMaker message', () => {
    // Prepare
    const input = trainingInput({ TrainingJobName: 'x_y' });

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe(
      "1 validation error detected: Value 'x_y' at 'trainingJobName' failed to satisfy constraint: Member must " +
        'satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}',
    );
  });

  it('reports every violation of a request together', () => {
    // Prepare
    const input = trainingInput({ TrainingJobName: `a_${'b'.repeat(70)}`, RoleArn: undefined });

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.message).toMatch(/^3 validation errors detected: /);
    expect(err.message).toContain(
      "at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern",
    );
    expect(err.message).toContain(
      "at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal to 63",
    );
    expect(err.message).toContain("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a name of 64 characters',
      { TrainingJobName: 'a'.repeat(64) },
      "at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal to 63",
    ],
    [
      'a missing output configuration',
      { OutputDataConfig: undefined },
      "Value null at 'outputDataConfig' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a role that is not an IAM role ARN',
      { RoleArn: 'arn:aws:iam::123456789012:user/someone' },
      "at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws",
    ],
    [
      'an input mode outside the enum',
      { AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'Streaming' } },
      "Value 'Streaming' at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must " +
        'satisfy enum value set: [Pipe, File, FastFile]',
    ],
    [
      'zero instances',
      { ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 0, VolumeSizeInGB: 30 } },
      "Value '0' at 'resourceConfig.instanceCount' failed to satisfy constraint: " +
        'Member must have value greater than or equal to 1',
    ],
    [
      '101 hyperparameters',
      { HyperParameters: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, '1'])) },
      "at 'hyperParameters' failed to satisfy constraint: Member must have length less than or equal to 100",
    ],
    [
      '51 tags',
      { Tags: manyTags(51) },
      "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    ],
    [
      'a tag key of 129 characters',
      { Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
      "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
    ],
    [
      'an S3 output path that is not a URI',
      { OutputDataConfig: { S3OutputPath: 'artifacts/churn' } },
      "at 'outputDataConfig.s3OutputPath' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'no input channel in the list',
      { InputDataConfig: [] },
      "at 'inputDataConfig' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
  ])('rejects %s with a ValidationException naming the field', (_case, overrides, expected) => {
    // Prepare
    const input = trainingInput(overrides);

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain(expected);
  });

  it('rejects managed spot training whose MaxWaitTimeInSeconds is below MaxRuntimeInSeconds', () => {
    // Prepare
    const input = trainingInput({ StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 1800 } });

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toMatch(/^Invalid MaxWaitTimeInSeconds\. .*greater than or equal to MaxRuntimeInSeconds/);
  });

  it('rejects managed spot training without MaxWaitTimeInSeconds', () => {
    // Prepare
    const input = trainingInput({ StoppingCondition: { MaxRuntimeInSeconds: 3600 } });

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('MaxWaitTimeInSeconds');
  });

  it('rejects MaxWaitTimeInSeconds on a job without managed spot training', () => {
    // Prepare
    const input = trainingInput({ EnableManagedSpotTraining: false });

    // Act
    const err = failure(() => env.call('CreateTrainingJob', input));

    // Assess
    expect(err.message).toBe(
      'Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true',
    );
  });

  it('accepts managed spot training whose wait equals its runtime', () => {
    // Prepare
    const input = trainingInput({ StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 3600 } });

    // Act
    const out = env.call('CreateTrainingJob', input);

    // Assess
    expect(out).toEqual({
      TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-20261127t0100-3f9a2c1d',
    });
  });

  it('lower-cases the name in the training job ARN', () => {
    // Prepare
    const input = trainingInput({ TrainingJobName: 'Churn-Run-1' });

    // Act
    const out = env.call('CreateTrainingJob', input);

    // Assess
    expect(out.TrainingJobArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-run-1');
  });
});

describe('training job existence', () => {
  it('answers ResourceInUse to a second job with the same name, without creating it', () => {
    // Prepare
    env.call('CreateTrainingJob', trainingInput());

    // Act
    const err = failure(() => env.call('CreateTrainingJob', trainingInput()));

    // Assess
    expect(err.code).toBe('ResourceInUse');
    expect(err.message).toContain('training-job/churn-20261127t0100-3f9a2c1d');
    expect(env.sagemaker.trainingJobs()).toHaveLength(1);
  });

  it('answers DescribeTrainingJob of an unknown job with a ValidationException, as SageMaker does', () => {
    // Prepare
    const input = { TrainingJobName: 'never-created' };

    // Act
    const err = failure(() => env.call('DescribeTrainingJob', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe('Requested resource not found.');
  });

  it('answers StopTrainingJob of an unknown job with the same not-found answer', () => {
    // Prepare
    const input = { TrainingJobName: 'never-created' };

    // Act
    const err = failure(() => env.call('StopTrainingJob', input));

    // Assess
    expect([err.code, err.message]).toEqual(['ValidationException', 'Requested resource not found.']);
  });
});

describe('ListTrainingJobs', () => {
  async function threeJobs(): Promise<void> {
    env.call('CreateTrainingJob', trainingInput({ TrainingJobName: 'churn-a' }));
    await env.clock.sleep(60_000);
    env.call('CreateTrainingJob', trainingInput({ TrainingJobName: 'fraud-b' }));
    await env.clock.sleep(60_000);
    env.call('CreateTrainingJob', trainingInput({ TrainingJobName: 'churn-c' }));
  }
  const names = (out: Record<string, unknown>) =>
    (out.TrainingJobSummaries as { TrainingJobName: string }[]).map((s) => s.TrainingJobName);

  it('filters by NameContains and sorts by creation time, ascending by default', async () => {
    // Prepare
    await threeJobs();

    // Act
    const out = env.call('ListTrainingJobs', { NameContains: 'churn' });

    // Assess
    expect(names(out)).toEqual(['churn-a', 'churn-c']);
  });

  it('sorts by name descending', async () => {
    // Prepare
    await threeJobs();

    // Act
    const out = env.call('ListTrainingJobs', { SortBy: 'Name', SortOrder: 'Descending' });

    // Assess
    expect(names(out)).toEqual(['fraud-b', 'churn-c', 'churn-a']);
  });

  it('takes CreationTimeAfter as epoch seconds, as the SDK sends it', async () => {
    // Prepare
    await threeJobs();
    const [, second] = env.sagemaker.trainingJobs();
    const input = { CreationTimeAfter: second!.createdAt.getTime() / 1000 - 1 };

    // Act
    const out = env.call('ListTrainingJobs', input);

    // Assess
    expect(names(out)).toEqual(['fraud-b', 'churn-c']);
  });

  it('pages with MaxResults and NextToken', async () => {
    // Prepare
    await threeJobs();
    const first = env.call('ListTrainingJobs', { MaxResults: 2 });

    // Act
    const second = env.call('ListTrainingJobs', { MaxResults: 2, NextToken: first.NextToken });

    // Assess
    expect(names(first)).toEqual(['churn-a', 'fraud-b']);
    expect(names(second)).toEqual(['churn-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('applies StatusEquals after taking MaxResults jobs, as documented', async () => {
    // Prepare
    await threeJobs();
    env.call('StopTrainingJob', { TrainingJobName: 'churn-c' });

    // Act
    const out = env.call('ListTrainingJobs', { MaxResults: 2, StatusEquals: 'Stopping' });

    // Assess
    expect(names(out)).toEqual([]);
    expect(out.NextToken).toBeDefined();
  });

  it('rejects a status outside the enum', () => {
    // Prepare
    const input = { StatusEquals: 'Running' };

    // Act
    const err = failure(() => env.call('ListTrainingJobs', input));

    // Assess
    expect(err.message).toContain(
      "Value 'Running' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: " +
        '[InProgress, Completed, Failed, Stopping, Stopped, Deleting]',
    );
  });
});

describe('operations and tags', () => {
  it('answers an operation it does not emulate with UnknownOperationException', () => {
    // Prepare
    const operation = 'CreateAutoMLJob';

    // Act
    const err = failure(() => env.call(operation, {}));

    // Assess
    expect(err.code).toBe('UnknownOperationException');
  });

  it('adds tags to a training job and lists them with the ones it was created with', () => {
    // Prepare
    const { TrainingJobArn } = env.call('CreateTrainingJob', trainingInput());

    // Act
    env.call('AddTags', { ResourceArn: TrainingJobArn, Tags: [{ Key: 'team', Value: 'ml' }] });
    const out = env.call('ListTags', { ResourceArn: TrainingJobArn });

    // Assess
    expect(out.Tags).toEqual([
      { Key: 'shepherd:model', Value: 'churn' },
      { Key: 'team', Value: 'ml' },
    ]);
  });

  it('rejects tags on a resource that does not exist', () => {
    // Prepare
    const input = {
      ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/ghost',
      Tags: [{ Key: 'a', Value: 'b' }],
    };

    // Act
    const err = failure(() => env.call('AddTags', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('training-job/ghost');
  });
});

describe('model registry validation and idempotency', () => {
  const packageInput = (overrides: Record<string, unknown> = {}) => ({
    ModelPackageGroupName: 'churn-models',
    ModelPackageDescription: 'churn retrained',
    ClientToken: 'f'.repeat(32),
    ModelApprovalStatus: 'PendingManualApproval',
    InferenceSpecification: {
      Containers: [{ Image: 'img', ModelDataUrl: 's3://a/model.tar.gz' }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    CustomerMetadataProperties: { 'shepherd:metric:auc': '0.91' },
    ...overrides,
  });
  beforeEach(() => env.sagemaker.createModelPackageGroup('churn-models'));

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a description of 1025 characters',
      { ModelPackageDescription: 'd'.repeat(1025) },
      "at 'modelPackageDescription' failed to satisfy constraint: Member must have length less than or equal to 1024",
    ],
    [
      'a client token with an underscore',
      { ClientToken: 'token_1' },
      "Value 'token_1' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression " +
        'pattern: ^[a-zA-Z0-9-]+',
    ],
    [
      'a client token of 37 characters',
      { ClientToken: 'a'.repeat(37) },
      "at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 36",
    ],
    [
      '51 metadata properties',
      { CustomerMetadataProperties: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      "at 'customerMetadataProperties' failed to satisfy constraint: Member must have length less than or equal to 50",
    ],
    [
      'a metadata key of 129 characters',
      { CustomerMetadataProperties: { ['k'.repeat(129)]: 'v' } },
      "at 'customerMetadataProperties' failed to satisfy constraint: Map keys must satisfy constraint: " +
        '[Member must have length less than or equal to 128]',
    ],
    [
      'a metadata value of 257 characters',
      { CustomerMetadataProperties: { k: 'v'.repeat(257) } },
      "at 'customerMetadataProperties' failed to satisfy constraint: Map value must satisfy constraint: " +
        '[Member must have length less than or equal to 256]',
    ],
    [
      'an approval status outside the enum',
      { ModelApprovalStatus: 'Pending' },
      "at 'modelApprovalStatus' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [Approved, Rejected, PendingManualApproval]',
    ],
  ])('rejects %s with a ValidationException naming the field', (_case, overrides, expected) => {
    // Prepare
    const input = packageInput(overrides);

    // Act
    const err = failure(() => env.call('CreateModelPackage', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain(expected);
  });

  it('rejects a package for a group that does not exist', () => {
    // Prepare
    const input = packageInput({ ModelPackageGroupName: 'no-such-group' });

    // Act
    const err = failure(() => env.call('CreateModelPackage', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('no-such-group');
    expect(env.sagemaker.modelPackages()).toHaveLength(0);
  });

  it('returns the same package for a repeated ClientToken, without a second version', () => {
    // Prepare
    const first = env.call('CreateModelPackage', packageInput());

    // Act
    const again = env.call('CreateModelPackage', packageInput());

    // Assess
    expect(again.ModelPackageArn).toBe(first.ModelPackageArn);
    expect(env.sagemaker.modelPackages()).toHaveLength(1);
  });

  it('answers DescribeModelPackage of an unknown package with a not-found ValidationException', () => {
    // Prepare
    const input = { ModelPackageName: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7' };

    // Act
    const err = failure(() => env.call('DescribeModelPackage', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toMatch(/does not exist/);
  });

  it('answers DescribeModelPackageGroup of an unknown group with a ValidationException', () => {
    // Prepare
    const input = { ModelPackageGroupName: 'ghost-models' };

    // Act
    const err = failure(() => env.call('DescribeModelPackageGroup', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain('ghost-models');
  });
});

describe('pipeline validation and idempotency', () => {
  const startInput = (overrides: Record<string, unknown> = {}) => ({
    PipelineName: 'fraud-training-pipeline',
    PipelineExecutionDisplayName: 'fraud-20261127t0500-1a2b3c4d',
    PipelineExecutionDescription: 'Shepherd retraining of fraud (trigger: data)',
    PipelineParameters: [{ Name: 'InputDataUrl', Value: 's3://data/fraud/' }],
    ClientRequestToken: TOKEN,
    ...overrides,
  });
  beforeEach(() => env.sagemaker.createPipeline('fraud-training-pipeline'));

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a token of 31 characters',
      { ClientRequestToken: 'a'.repeat(31) },
      "at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32",
    ],
    [
      'a token of 129 characters',
      { ClientRequestToken: 'a'.repeat(129) },
      "at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 128",
    ],
    [
      'no token',
      { ClientRequestToken: undefined },
      "Value null at 'clientRequestToken' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a display name with an underscore',
      { PipelineExecutionDisplayName: 'run_1' },
      "at 'pipelineExecutionDisplayName' failed to satisfy constraint: Member must satisfy regular expression " +
        'pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}',
    ],
    [
      'a display name of 83 characters',
      { PipelineExecutionDisplayName: 'r'.repeat(83) },
      "at 'pipelineExecutionDisplayName' failed to satisfy constraint: " +
        'Member must have length less than or equal to 82',
    ],
  ])('rejects %s with a ValidationException naming the field', (_case, overrides, expected) => {
    // Prepare
    const input = startInput(overrides);

    // Act
    const err = failure(() => env.call('StartPipelineExecution', input));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toContain(expected);
  });

  it('answers ResourceNotFound for a pipeline that does not exist', () => {
    // Prepare
    const input = startInput({ PipelineName: 'ghost-pipeline' });

    // Act
    const err = failure(() => env.call('StartPipelineExecution', input));

    // Assess
    expect(err.code).toBe('ResourceNotFound');
    expect(err.message).toContain('pipeline/ghost-pipeline');
  });

  it('returns the same execution for a repeated ClientRequestToken', () => {
    // Prepare
    const first = env.call('StartPipelineExecution', startInput());

    // Act
    const again = env.call('StartPipelineExecution', startInput());

    // Assess
    expect(again.PipelineExecutionArn).toBe(first.PipelineExecutionArn);
    expect(first.PipelineExecutionArn).toMatch(
      /^arn:aws:sagemaker:us-east-1:123456789012:pipeline\/fraud-training-pipeline\/execution\/[a-z0-9]{12}$/,
    );
    expect(env.sagemaker.pipelineExecutions()).toHaveLength(1);
  });

  it('ends an execution at its scripted instant when the machine stalls as its end is armed', async () => {
    // Prepare
    const undo = stallWhileArmingTimers(env.clock);
    const { PipelineExecutionArn } = env.call('StartPipelineExecution', startInput());
    undo();
    const describe = () => env.call('DescribePipelineExecution', { PipelineExecutionArn });
    const started = (describe().CreationTime as Date).getTime();

    // Act: read at that virtual instant, not once the promise settles, when later timers may have fired too
    const described = await new Promise((resolve) => env.clock.at(started + 60.5 * 60_000, () => resolve(describe())));

    // Assess
    expect(described).toMatchObject({ PipelineExecutionStatus: 'Succeeded' });
  });

  it('answers DescribePipelineExecution of an unknown execution with ResourceNotFound', () => {
    // Prepare
    const input = {
      PipelineExecutionArn:
        'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/000000000000',
    };

    // Act
    const err = failure(() => env.call('DescribePipelineExecution', input));

    // Assess
    expect(err.code).toBe('ResourceNotFound');
  });

  it('creates a pipeline idempotently on its ClientRequestToken and refuses a second one of the same name', () => {
    // Prepare
    const input = {
      PipelineName: 'churn-pipeline',
      PipelineDefinition: '{"Version":"2020-12-01","Steps":[]}',
      RoleArn: ROLE,
      ClientRequestToken: TOKEN,
    };
    const first = env.call('CreatePipeline', input);

    // Act
    const again = env.call('CreatePipeline', input);
    const err = failure(() => env.call('CreatePipeline', { ...input, ClientRequestToken: 'b'.repeat(32) }));

    // Assess
    expect(again).toEqual(first);
    expect(first.PipelineArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-pipeline');
    expect(err.code).toBe('ValidationException');
  });
});
