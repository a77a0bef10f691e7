// The SageMaker emulator's model registry and pipelines: package versions, ListModelPackages filters and
// sorting, `SageMaker Model Package State Change` on registration and edits, and pipeline runs with their
// `SageMaker Model Building Pipeline Execution Status Change` events (events/pipeline-execution-status-change.*.json).
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type PipelineScript } from '../../local/sagemaker';

const MINUTE = 60_000;
const GROUP = 'churn-models';

function setup(pipelineScript: PipelineScript = { outcome: 'Succeeded' }) {
  const clock = new Clock(new Date('2026-11-27T05:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const plans: { pipelineName: string; displayName: string; parameters: Record<string, string> }[] = [];
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
    pipelinePlan: (execution) => {
      plans.push(execution);
      return pipelineScript;
    },
  });
  sagemaker.createModelPackageGroup(GROUP);
  sagemaker.createPipeline('fraud-training-pipeline');
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  return { clock, events, timeline, sagemaker, call, plans };
}

let env: ReturnType<typeof setup>;
afterEach(() => env.sagemaker.stop());

const register = (approval: string, auc: string, token?: string) =>
  env.call('CreateModelPackage', {
    ModelPackageGroupName: GROUP,
    ModelPackageDescription: `churn model, auc ${auc}`,
    ModelApprovalStatus: approval,
    ...(token ? { ClientToken: token } : {}),
    InferenceSpecification: {
      Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://artifacts/model.tar.gz' }],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    CustomerMetadataProperties: { 'shepherd:metric:auc': auc },
  }).ModelPackageArn as string;

const arns = (out: Record<string, unknown>) =>
  (out.ModelPackageSummaryList as { ModelPackageArn: string }[]).map((s) => s.ModelPackageArn);
const versionArn = (n: number) => `arn:aws:sagemaker:us-east-1:123456789012:model-package/${GROUP}/${n}`;

describe('model package versions', () => {
  it('numbers the packages of a group 1, 2, 3 with versioned ARNs', () => {
    // Prepare
    env = setup();

    // Act
    const created = [
      register('Approved', '0.90'),
      register('PendingManualApproval', '0.91'),
      register('Rejected', '0.80'),
    ];

    // Assess
    expect(created).toEqual([versionArn(1), versionArn(2), versionArn(3)]);
    expect(env.sagemaker.modelPackages().map((p) => [p.group, p.version, p.approvalStatus])).toEqual([
      [GROUP, 1, 'Approved'],
      [GROUP, 2, 'PendingManualApproval'],
      [GROUP, 3, 'Rejected'],
    ]);
  });

  it('defaults a versioned package to PendingManualApproval', () => {
    // Prepare
    env = setup();

    // Act
    const arn = env.call('CreateModelPackage', { ModelPackageGroupName: GROUP }).ModelPackageArn;
    const pkg = env.call('DescribeModelPackage', { ModelPackageName: arn });

    // Assess
    expect(pkg).toMatchObject({ ModelApprovalStatus: 'PendingManualApproval', ModelPackageStatus: 'Completed' });
  });

  it('describes a package by ARN or by group/version, with its metadata and Dates', () => {
    // Prepare
    env = setup();
    register('Approved', '0.90');
    const arn = register('Approved', '0.93');

    // Act
    const byArn = env.call('DescribeModelPackage', { ModelPackageName: arn });
    const byName = env.call('DescribeModelPackage', { ModelPackageName: `${GROUP}/2` });

    // Assess
    expect(byName).toEqual(byArn);
    expect(byArn).toMatchObject({
      ModelPackageName: GROUP,
      ModelPackageGroupName: GROUP,
      ModelPackageVersion: 2,
      ModelPackageArn: arn,
      ModelApprovalStatus: 'Approved',
      CustomerMetadataProperties: { 'shepherd:metric:auc': '0.93' },
    });
    expect(byArn.CreationTime).toBeInstanceOf(Date);
  });

  it('emits a Model Package State Change on registration, shaped as documented', () => {
    // Prepare
    env = setup();

    // Act
    const arn = register('Approved', '0.90');

    // Assess
    const event = env.events.at(-1)!;
    expect(event).toMatchObject({
      source: 'aws.sagemaker',
      'detail-type': 'SageMaker Model Package State Change',
      resources: [arn],
    });
    expect(event.detail).toMatchObject({
      ModelPackageGroupName: GROUP,
      ModelPackageVersion: 1,
      ModelPackageArn: arn,
      ModelPackageName: GROUP,
      ModelApprovalStatus: 'Approved',
      ModelPackageStatus: 'Completed',
      InferenceSpecification: { Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://artifacts/model.tar.gz' }] },
      CustomerMetadataProperties: { 'shepherd:metric:auc': '0.90' },
    });
    expect(event.detail.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('ListModelPackages', () => {
  async function fourPackages(): Promise<void> {
    register('Approved', '0.90');
    await env.clock.sleep(MINUTE);
    register('Rejected', '0.80');
    await env.clock.sleep(MINUTE);
    register('Approved', '0.92');
    await env.clock.sleep(MINUTE);
    register('PendingManualApproval', '0.95');
  }

  it('finds the newest Approved package the way Shepherd asks for it', async () => {
    // Prepare
    env = setup();
    await fourPackages();

    // Act
    const out = env.call('ListModelPackages', {
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: 'Approved',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 1,
    });

    // Assess
    expect(arns(out)).toEqual([versionArn(3)]);
    expect(out.NextToken).toBeDefined();
  });

  it('lists a group in creation order by default and pages through it', async () => {
    // Prepare
    env = setup();
    await fourPackages();
    const first = env.call('ListModelPackages', { ModelPackageGroupName: GROUP, MaxResults: 3 });

    // Act
    const second = env.call('ListModelPackages', {
      ModelPackageGroupName: GROUP,
      MaxResults: 3,
      NextToken: first.NextToken,
    });

    // Assess
    expect(arns(first)).toEqual([versionArn(1), versionArn(2), versionArn(3)]);
    expect(arns(second)).toEqual([versionArn(4)]);
  });

  it('keeps only the packages of the group asked for', async () => {
    // Prepare
    env = setup();
    env.sagemaker.createModelPackageGroup('fraud-models');
    await fourPackages();
    env.call('CreateModelPackage', { ModelPackageGroupName: 'fraud-models', ModelApprovalStatus: 'Approved' });

    // Act
    const out = env.call('ListModelPackages', { ModelPackageGroupName: 'fraud-models' });

    // Assess
    expect(arns(out)).toEqual(['arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/1']);
  });

  it('lists no versioned package without a group unless ModelPackageType asks for them, as documented', async () => {
    // Prepare
    env = setup();
    await fourPackages();

    // Act
    const byDefault = env.call('ListModelPackages', {});
    const versioned = env.call('ListModelPackages', { ModelPackageType: 'Versioned', SortBy: 'Name' });

    // Assess
    expect(arns(byDefault)).toEqual([]);
    expect(arns(versioned)).toHaveLength(4);
  });
  it('sorts across groups by name, descending, when asked for every type', async () => {
    // Prepare
    env = setup();
    env.sagemaker.createModelPackageGroup('fraud-models');
    env.call('CreateModelPackage', { ModelPackageGroupName: 'fraud-models' });
    await env.clock.sleep(MINUTE);
    register('Approved', '0.90');

    // Act
    const out = env.call('ListModelPackages', { ModelPackageType: 'Both', SortBy: 'Name', SortOrder: 'Descending' });

    // Assess
    expect(arns(out)).toEqual(['arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-models/1', versionArn(1)]);
  });
});

describe('model package groups', () => {
  it('creates a group through the API, describes it, and refuses a second one of the same name', () => {
    // Prepare
    env = setup();
    const created = env.call('CreateModelPackageGroup', {
      ModelPackageGroupName: 'Risk-Models',
      ModelPackageGroupDescription: 'risk',
      Tags: [{ Key: 'team', Value: 'ml' }],
    });

    // Act
    const described = env.call('DescribeModelPackageGroup', { ModelPackageGroupName: 'Risk-Models' });
    let code = '';
    try {
      env.call('CreateModelPackageGroup', { ModelPackageGroupName: 'Risk-Models' });
    } catch (err) {
      code = (err as { code: string }).code;
    }

    // Assess
    expect(created.ModelPackageGroupArn).toBe(
      'arn:aws:sagemaker:us-east-1:123456789012:model-package-group/Risk-Models',
    );
    expect(described).toMatchObject({
      ModelPackageGroupName: 'Risk-Models',
      ModelPackageGroupArn: created.ModelPackageGroupArn,
      ModelPackageGroupDescription: 'risk',
      ModelPackageGroupStatus: 'Completed',
    });
    expect(env.call('ListTags', { ResourceArn: created.ModelPackageGroupArn }).Tags).toEqual([
      { Key: 'team', Value: 'ml' },
    ]);
    expect(code).toBe('ValidationException');
  });

  it('lower-cases the group in the package ARN', () => {
    // Prepare
    env = setup();
    env.sagemaker.createModelPackageGroup('Risk-Models');

    // Act
    const out = env.call('CreateModelPackage', { ModelPackageGroupName: 'Risk-Models' });

    // Assess
    expect(out.ModelPackageArn).toBe('arn:aws:sagemaker:us-east-1:123456789012:model-package/risk-models/1');
  });
});

describe('UpdateModelPackage', () => {
  it('approves a package and emits the state-change event again', () => {
    // Prepare
    env = setup();
    const arn = register('PendingManualApproval', '0.91');
    const before = env.events.length;

    // Act
    env.call('UpdateModelPackage', {
      ModelPackageArn: arn,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'beats production',
      CustomerMetadataProperties: { reviewer: 'ana' },
    });

    // Assess
    expect(env.events.length).toBe(before + 1);
    expect(env.events.at(-1)!.detail).toMatchObject({
      ModelPackageArn: arn,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: 'beats production',
    });
    expect(env.call('DescribeModelPackage', { ModelPackageName: arn }).CustomerMetadataProperties).toEqual({
      'shepherd:metric:auc': '0.91',
      reviewer: 'ana',
    });
    expect(env.timeline.lines.at(-1)!.message).toBe(
      `registry ${GROUP} v1 PendingManualApproval → Approved (beats production)`,
    );
  });

  it('emits the event on an edit that leaves the approval as it was', () => {
    // Prepare
    env = setup();
    const arn = register('Approved', '0.91');

    // Act
    env.call('UpdateModelPackage', { ModelPackageArn: arn, CustomerMetadataProperties: { note: 'x' } });

    // Assess
    expect(env.events.filter((e) => e['detail-type'] === 'SageMaker Model Package State Change')).toHaveLength(2);
  });

  it('refuses an approval description with a line break, as its pattern `.*` does in AWS', () => {
    // Prepare
    env = setup();
    const arn = register('PendingManualApproval', '0.91');

    // Act
    const update = (ApprovalDescription: string) =>
      env.call('UpdateModelPackage', { ModelPackageArn: arn, ModelApprovalStatus: 'Approved', ApprovalDescription });
    const refusals = ['checked\nby ana', 'checked\r\nby ana', 'checked\u2028by ana'].map((text) => {
      try {
        update(text);
        return undefined;
      } catch (err) {
        return (err as { code: string; message: string }).message;
      }
    });

    // Assess
    expect(refusals).toEqual([
      expect.stringMatching(/at 'approvalDescription' failed to satisfy constraint: .*pattern: \^\.\*/),
      expect.any(String),
      expect.any(String),
    ]);
    expect(env.call('DescribeModelPackage', { ModelPackageName: arn }).ModelApprovalStatus).toBe(
      'PendingManualApproval',
    );
    expect(() => update('checked by ana, tabs\tand all')).not.toThrow();
  });

  it('rejects an update of a package that does not exist', () => {
    // Prepare
    env = setup();

    // Act
    let failure: { code?: string; message?: string } = {};
    try {
      env.call('UpdateModelPackage', { ModelPackageArn: versionArn(9), ModelApprovalStatus: 'Approved' });
    } catch (err) {
      failure = err as { code: string; message: string };
    }

    // Assess
    expect(failure.code).toBe('ValidationException');
    expect(failure.message).toContain(versionArn(9));
  });
});

describe('a deleted model package', () => {
  it('answers later Describes with the ValidationException SageMaker gives, and never reuses its number', () => {
    // Prepare
    env = setup();
    const first = register('Approved', '0.90');

    // Act
    const deleted = env.call('DeleteModelPackage', { ModelPackageName: first });
    let failure: { code?: string; message?: string } = {};
    try {
      env.call('DescribeModelPackage', { ModelPackageName: first });
    } catch (err) {
      failure = err as { code: string; message: string };
    }
    const next = register('PendingManualApproval', '0.91');

    // Assess
    expect(deleted).toEqual({});
    expect(failure).toMatchObject({ code: 'ValidationException', message: `ModelPackage ${first} does not exist.` });
    expect(next).toBe(versionArn(2));
    expect(arns(env.call('ListModelPackages', { ModelPackageGroupName: GROUP }))).toEqual([versionArn(2)]);
  });
});

describe('a pipeline run', () => {
  const start = (token = 'c'.repeat(32)) =>
    env.call('StartPipelineExecution', {
      PipelineName: 'fraud-training-pipeline',
      PipelineExecutionDisplayName: 'fraud-20261127t0500-1a2b3c4d',
      PipelineExecutionDescription: 'Shepherd retraining of fraud (trigger: data)',
      PipelineParameters: [{ Name: 'InputDataUrl', Value: 's3://data/fraud/' }],
      ClientRequestToken: token,
    }).PipelineExecutionArn as string;
  const settle = async () => {
    for (let i = 0; i < 500 && env.sagemaker.pipelineExecutions().some((e) => e.status === 'Executing'); i++)
      await env.clock.sleep(MINUTE);
  };
  const pipelineEvents = () =>
    env.events.filter((e) => e['detail-type'] === 'SageMaker Model Building Pipeline Execution Status Change');

  it('executes, then succeeds with camelCase events like the documented ones', async () => {
    // Prepare
    env = setup({ outcome: 'Succeeded', durationMs: 42 * MINUTE });

    // Act
    const arn = start();
    await settle();

    // Assess
    const [executing, succeeded] = pipelineEvents();
    const pipelineArn = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline';
    expect(pipelineEvents()).toHaveLength(2);
    expect(executing!.detail).toEqual({
      pipelineExecutionDisplayName: 'fraud-20261127t0500-1a2b3c4d',
      currentPipelineExecutionStatus: 'Executing',
      executionStartTime: expect.stringMatching(/^2026-11-27T05:\d{2}:\d{2}Z$/),
      pipelineExecutionDescription: 'Shepherd retraining of fraud (trigger: data)',
      pipelineArn,
      pipelineExecutionArn: arn,
    });
    expect(succeeded).toMatchObject({
      resources: [pipelineArn, arn],
      detail: { currentPipelineExecutionStatus: 'Succeeded', previousPipelineExecutionStatus: 'Executing' },
    });
    expect(
      Date.parse(succeeded!.detail.executionEndTime as string) -
        Date.parse(succeeded!.detail.executionStartTime as string),
    ).toBe(42 * MINUTE);
    expect(env.plans).toEqual([
      {
        pipelineName: 'fraud-training-pipeline',
        displayName: 'fraud-20261127t0500-1a2b3c4d',
        parameters: { InputDataUrl: 's3://data/fraud/' },
      },
    ]);
  });

  it('answers DescribePipelineExecution and ListPipelineExecutions with the run', async () => {
    // Prepare
    env = setup({
      outcome: 'Failed',
      durationMs: 12 * MINUTE,
      failureReason: 'Step TrainModel failed: ClientError: out of memory',
    });
    const arn = start();
    await settle();

    // Act
    const described = env.call('DescribePipelineExecution', { PipelineExecutionArn: arn });
    const listed = env.call('ListPipelineExecutions', { PipelineName: 'fraud-training-pipeline' });

    // Assess
    expect(described).toMatchObject({
      PipelineExecutionArn: arn,
      PipelineExecutionDisplayName: 'fraud-20261127t0500-1a2b3c4d',
      PipelineExecutionStatus: 'Failed',
      FailureReason: 'Step TrainModel failed: ClientError: out of memory',
    });
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(listed.PipelineExecutionSummaries).toEqual([
      expect.objectContaining({
        PipelineExecutionArn: arn,
        PipelineExecutionStatus: 'Failed',
        PipelineExecutionFailureReason: 'Step TrainModel failed: ClientError: out of memory',
      }),
    ]);
    expect(pipelineEvents().at(-1)!.detail).toMatchObject({
      currentPipelineExecutionStatus: 'Failed',
      previousPipelineExecutionStatus: 'Executing',
    });
  });

  it('registers the model package its RegisterModel step would, on success', async () => {
    // Prepare
    env = setup({
      outcome: 'Succeeded',
      durationMs: 20 * MINUTE,
      registers: { group: GROUP, approvalStatus: 'PendingManualApproval', metrics: { auc: 0.94 } },
    });

    // Act
    const arn = start();
    await settle();

    // Assess
    expect(env.sagemaker.modelPackages()).toEqual([
      expect.objectContaining({
        group: GROUP,
        version: 1,
        approvalStatus: 'PendingManualApproval',
        metadata: { auc: '0.94' },
      }),
    ]);
    const pkg = env.call('DescribeModelPackage', { ModelPackageName: versionArn(1) });
    expect(pkg.MetadataProperties).toEqual({ GeneratedBy: arn });
    expect(env.events.map((e) => e['detail-type'])).toEqual([
      'SageMaker Model Building Pipeline Execution Status Change',
      'SageMaker Model Package State Change',
      'SageMaker Model Building Pipeline Execution Status Change',
    ]);
  });

  it('fails when its RegisterModel step names a group that does not exist', async () => {
    // Prepare
    env = setup({
      outcome: 'Succeeded',
      durationMs: 20 * MINUTE,
      registers: { group: 'ghost-models', approvalStatus: 'Approved' },
    });

    // Act
    const arn = start();
    await settle();

    // Assess
    expect(env.call('DescribePipelineExecution', { PipelineExecutionArn: arn })).toMatchObject({
      PipelineExecutionStatus: 'Failed',
      FailureReason: expect.stringContaining('RegisterModel'),
    });
    expect(env.sagemaker.modelPackages()).toEqual([]);
  });

  it('logs the start and the end of the run on the timeline', async () => {
    // Prepare
    env = setup({ outcome: 'Succeeded', durationMs: 20 * MINUTE });

    // Act
    const id = start().split('/').pop();
    await settle();

    // Assess
    expect(env.timeline.lines.map((l) => l.message)).toEqual([
      `pipeline fraud-training-pipeline ${id} (fraud-20261127t0500-1a2b3c4d) Executing`,
      `pipeline fraud-training-pipeline ${id} (fraud-20261127t0500-1a2b3c4d) Succeeded`,
    ]);
  });
});
