import {
  CreateCompilationJobCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelPackageCommand,
  StopCompilationJobCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { handler } from '../../functions/model-package-state-changed';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { putPromoted } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import {
  autoscaling,
  IMAGE,
  OLD_CONFIG,
  OLD_MODEL,
  describedPackage,
  endpointServes,
  modelData,
  noSuchEndpoint,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-inference';
const NEO_ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-training';
const modelTags = (version: number) => [
  { Key: 'shepherd:model', Value: 'churn' },
  { Key: 'shepherd:modelPackageVersion', Value: String(version) },
];

/** churn-prod in service with v1 alone, on two instances. */
const endpointServingV1 = () => endpointServes(OLD_CONFIG, { v1: 100 });

const approval = (version: number, id = `approved-${version}`) =>
  fixture('model-package-state-change.approved', {
    id,
    detail: {
      ModelPackageVersion: version,
      ModelPackageArn: packageArn(version),
      InferenceSpecification: { Containers: [{ Image: IMAGE, ModelDataUrl: modelData(version) }] },
    },
  });

const commandNames = () => sagemaker.calls().map((c) => (c.args[0] as object).constructor.name);

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:03:54Z', alsoReset: [resetHosting] }));

const capture = {
  EnableCapture: true,
  InitialSamplingPercentage: 50,
  DestinationS3Uri: 's3://shepherd-example-artifacts/churn/capture/',
  CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
  CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'], JsonContentTypes: ['application/json'] },
};

describe('modelPackageStateChanged: Approved', () => {
  it(
    'creates the endpoint with the candidate alone when there is none, ' +
      'and starts a Neo build for each edge target',
    async () => {
      // Prepare
      describedPackage(1);
      sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());

      // Act
      const result = await handler(approval(1), context());

      // Assess
      expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment started' });
      expect(commandNames()).toEqual([
        'DescribeModelPackageCommand',
        'DescribeEndpointCommand',
        'CreateModelCommand',
        'CreateEndpointConfigCommand',
        'CreateEndpointCommand',
        'CreateCompilationJobCommand',
        'CreateCompilationJobCommand',
      ]);
      expect(sagemaker.commandCalls(DescribeModelPackageCommand).map((c) => c.args[0].input)).toEqual([
        { ModelPackageName: packageArn(1) },
      ]);
      expect(sagemaker.commandCalls(DescribeEndpointCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointName: 'churn-prod' },
      ]);
      const [model] = sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input);
      expect(model).toEqual({
        ModelName: expect.stringMatching(/^churn-v1-[0-9a-f]{6}$/),
        ExecutionRoleArn: ROLE,
        Containers: [{ Image: IMAGE, ModelDataUrl: modelData(1) }],
        EnableNetworkIsolation: false,
        Tags: modelTags(1),
      });
      const [config] = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input);
      expect(config).toEqual({
        EndpointConfigName: expect.stringMatching(/^churn-prod-[0-9a-f]{6}-final$/),
        // churn is monitored (shepherd.yml): capture rides along with every config.
        DataCaptureConfig: capture,
        ProductionVariants: [
          {
            VariantName: 'v1',
            ModelName: model!.ModelName,
            InitialVariantWeight: 100,
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 2,
          },
        ],
        Tags: modelTags(1),
      });
      expect(sagemaker.commandCalls(CreateEndpointCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointName: 'churn-prod', EndpointConfigName: config!.EndpointConfigName },
      ]);
      const input = { S3Uri: modelData(1), DataInputConfig: '{"data": [1, 20]}', Framework: 'XGBOOST' };
      expect(sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input)).toEqual([
        expect.objectContaining({
          CompilationJobName: expect.stringMatching(/^churn-jetson-v1-[0-9a-f]{6}$/),
          RoleArn: NEO_ROLE,
          InputConfig: input,
          OutputConfig: {
            S3OutputLocation: expect.stringMatching(
              /^s3:\/\/shepherd-example-artifacts\/churn\/edge\/jetson\/churn-jetson-v1-[0-9a-f]{6}\/$/,
            ),
            TargetDevice: 'jetson_xavier',
          },
          StoppingCondition: { MaxRuntimeInSeconds: 900 },
        }),
        expect.objectContaining({
          CompilationJobName: expect.stringMatching(/^churn-rpi-v1-[0-9a-f]{6}$/),
          RoleArn: NEO_ROLE,
          InputConfig: input,
          OutputConfig: {
            S3OutputLocation: expect.stringMatching(
              /^s3:\/\/shepherd-example-artifacts\/churn\/edge\/rpi\/churn-rpi-v1-[0-9a-f]{6}\/$/,
            ),
            TargetPlatform: { Os: 'LINUX', Arch: 'ARM64' },
          },
          StoppingCondition: { MaxRuntimeInSeconds: 900 },
        }),
      ]);
      expect(published()).toEqual([
        {
          source: 'shepherd',
          detailType: 'Deployment Started',
          bus: 'shepherd-test',
          detail: {
            model: 'churn',
            endpoint: 'churn-prod',
            deploymentId: expect.stringMatching(/^[0-9a-f]{6}$/),
            modelPackageArn: packageArn(1),
            kind: 'create',
            candidateVariant: 'v1',
            weight: 100,
          },
        },
      ]);
      expect(notificationsSent()).toEqual([]);
      expect((await deploymentItem())?.active).toMatchObject({
        kind: 'create',
        status: 'creating',
        expectConfig: config!.EndpointConfigName,
      });
    },
  );

  it(
    'puts the candidate beside the serving model at 10 % on one instance, ' +
      'then updates the endpoint to that config',
    async () => {
      // Prepare
      describedPackage(2);
      endpointServingV1();

      // Act
      const result = await handler(approval(2), context());

      // Assess
      expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment started' });
      expect(commandNames()).toEqual([
        'DescribeModelPackageCommand',
        'DescribeEndpointCommand',
        'DescribeEndpointConfigCommand',
        'CreateModelCommand',
        'CreateEndpointConfigCommand',
        'DescribeEndpointCommand',
        'UpdateEndpointCommand',
        'CreateCompilationJobCommand',
        'CreateCompilationJobCommand',
      ]);
      expect(sagemaker.commandCalls(DescribeEndpointConfigCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointConfigName: OLD_CONFIG },
      ]);
      const [model] = sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input);
      expect(model).toMatchObject({
        ModelName: expect.stringMatching(/^churn-v2-[0-9a-f]{6}$/),
        ExecutionRoleArn: ROLE,
        Containers: [{ Image: IMAGE, ModelDataUrl: modelData(2) }],
      });
      const [config] = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input);
      expect(config).toEqual({
        EndpointConfigName: expect.stringMatching(/^churn-prod-[0-9a-f]{6}-canary$/),
        // churn is monitored (shepherd.yml): capture rides along with every config.
        DataCaptureConfig: capture,
        ProductionVariants: [
          {
            VariantName: 'v1',
            ModelName: OLD_MODEL,
            InitialVariantWeight: 90,
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 2,
          },
          {
            VariantName: 'v2',
            ModelName: model!.ModelName,
            InitialVariantWeight: 10,
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 1,
          },
        ],
        Tags: modelTags(2),
      });
      expect(sagemaker.commandCalls(DescribeEndpointCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointName: 'churn-prod' },
        { EndpointName: 'churn-prod' },
      ]);
      expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointName: 'churn-prod', EndpointConfigName: config!.EndpointConfigName },
      ]);
      expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(0);
      expect(
        published().map((e) => [
          e.detailType,
          e.detail.kind,
          e.detail.baselineVariant,
          e.detail.candidateVariant,
          e.detail.weight,
        ]),
      ).toEqual([['Deployment Started', 'canary', 'v1', 'v2', 10]]);
      expect((await deploymentItem())?.active).toMatchObject({
        kind: 'canary',
        status: 'starting',
        weight: 10,
        baseline: { variant: 'v1', config: OLD_CONFIG },
      });
    },
  );

  it('warns on SNS when the canary starts that the baseline’s step scaling will not follow a promotion', async () => {
    // Prepare: v1 scales out through a step policy its owner's alarm triggers
    describedPackage(2);
    endpointServingV1();
    autoscaling
      .on(DescribeScalableTargetsCommand)
      .resolves({ ScalableTargets: [{ MinCapacity: 2, MaxCapacity: 6 } as never] });
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({
      ScalingPolicies: [
        {
          PolicyName: 'burst-out',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [] },
          Alarms: [{ AlarmName: 'churn-prod-v1-burst', AlarmARN: 'arn:aws:cloudwatch:us-east-1:1:alarm:burst' }],
        } as never,
      ],
    });

    // Act
    await handler(approval(2), context());

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    expect(notificationsSent()).toEqual([
      expect.objectContaining({
        Subject: '[Shepherd] churn: canary on churn-prod: v1 step scaling will not follow a promotion',
        Message: expect.stringContaining(
          'step scaling burst-out (alarms churn-prod-v1-burst) not carried to v2: its alarms watch v1',
        ),
      }),
    ]);
  });

  it(
    'deploys once when the same approval arrives twice, ' + 're-delivered and re-emitted under another event id',
    async () => {
      // Prepare
      describedPackage(1);
      sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
      const event = approval(1, 'approved-first');

      // Act
      await handler(event, context());
      await handler(event, context());
      const again = await handler({ ...event, id: 'approved-edited' }, context());

      // Assess
      expect(again).toEqual({ status: 'done', model: 'churn', outcome: 'approval already handled' });
      expect(sagemaker.commandCalls(CreateModelCommand)).toHaveLength(1);
      expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(1);
      expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toHaveLength(2);
      expect(published().map((e) => e.detailType)).toEqual(['Deployment Started']);
    },
  );

  it(
    'queues a second approval behind the deployment in progress: ' + 'one endpoint update, the newer package waits',
    async () => {
      // Prepare
      describedPackage(2);
      describedPackage(3);
      endpointServingV1();

      // Act
      await handler(approval(2), context());
      const second = await handler(approval(3), context());

      // Assess
      expect(second).toEqual({ status: 'done', model: 'churn', outcome: 'approval queued' });
      expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
      expect(sagemaker.commandCalls(CreateEndpointCommand)).toHaveLength(0);
      expect(sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input)).toEqual([
        expect.objectContaining({ ModelName: expect.stringMatching(/^churn-v2-/) }),
      ]);
      expect(published().map((e) => [e.detailType, e.detail.modelPackageArn])).toEqual([
        ['Deployment Started', packageArn(2)],
      ]);
      const item = await deploymentItem();
      expect(item?.active).toMatchObject({ package: { arn: packageArn(2) }, status: 'starting' });
      expect(item?.queued).toMatchObject({ arn: packageArn(3), version: 3 });
    },
  );

  it('takes a queued approval out of the queue when its package is rejected before it could start', async () => {
    // Prepare: v2's canary in progress, v3 approved behind it, then rejected by a human in the registry
    describedPackage(2);
    describedPackage(3);
    endpointServingV1();
    await handler(approval(2), context());
    await handler(approval(3), context());
    const rejected = fixture('model-package-state-change.rejected', {
      id: 'rejected-3',
      detail: { ModelPackageVersion: 3, ModelPackageArn: packageArn(3), ApprovalDescription: 'wrong data window' },
    });

    // Act
    await handler(rejected, context());

    // Assess: v2 goes on, v3 no longer waits to follow it
    const item = await deploymentItem();
    expect(item?.active).toMatchObject({ package: { arn: packageArn(2) }, status: 'starting' });
    expect(item?.queued).toBeUndefined();
    expect(await timeline('churn')).toContainEqual(
      expect.objectContaining({ type: 'ApprovalWithdrawn', message: expect.stringContaining(packageArn(3)) }),
    );
  });

  it('keeps an approval queued, and its edge builds, when a rejection from before it is delivered late', async () => {
    // Prepare: v2's canary in progress; v3 rejected at 03:01:00, approved again at 03:03:54 and queued behind it
    describedPackage(2);
    describedPackage(3);
    endpointServingV1();
    await handler(approval(2), context());
    await handler(approval(3), context());
    const rejected = fixture('model-package-state-change.rejected-late', {
      detail: { ModelPackageVersion: 3, ModelPackageArn: packageArn(3) },
    });

    // Act
    await handler(rejected, context());

    // Assess
    expect((await deploymentItem())?.queued).toMatchObject({ arn: packageArn(3) });
    expect(sagemaker.commandCalls(StopCompilationJobCommand)).toEqual([]);
    expect(await timeline('churn')).not.toContainEqual(expect.objectContaining({ type: 'ApprovalWithdrawn' }));
  });

  it('deploys and builds nothing when the package was rejected before its Approved event was handled', async () => {
    // Prepare: approved, then rejected in the registry; the Approved event comes late (a retry, a slow delivery)
    sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: packageArn(2) }).resolves({
      ModelPackageArn: packageArn(2),
      ModelPackageGroupName: 'churn-models',
      ModelPackageVersion: 2,
      ModelApprovalStatus: 'Rejected',
      InferenceSpecification: { Containers: [{ Image: IMAGE, ModelDataUrl: modelData(2) }] },
    });
    endpointServingV1();

    // Act
    const result = await handler(approval(2), context());

    // Assess
    expect(result).toEqual({
      status: 'done',
      model: 'churn',
      outcome: `model package ${packageArn(2)} is Rejected now: its approval is not deployed`,
    });
    expect(commandNames()).toEqual(['DescribeModelPackageCommand']);
    expect(published()).toEqual([]);
    expect((await deploymentItem())?.active).toBeUndefined();
  });
});

describe('modelPackageStateChanged: what it leaves alone', () => {
  it('deploys nothing from an approval delivered after a package approved later was promoted', async () => {
    // Prepare: v3, approved at 02:50, promoted at 03:40; v2's approval at 02:40 is delivered only now
    setClock('2026-11-27T03:45:00Z');
    await putPromoted(3, { promoted: '2026-11-27T03:40:00.000Z', approved: '2026-11-27T02:50:00Z' });
    describedPackage(2);
    endpointServingV1();

    // Act
    const result = await handler(fixture('model-package-state-change.approved-late'), context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'approval superseded on arrival' });
    expect(commandNames().filter((name) => /^(CreateModelCommand|CreateEndpoint|UpdateEndpoint)/.test(name))).toEqual(
      [],
    );
    expect((await deploymentItem())?.active).toBeUndefined();
    const [told] = notificationsSent();
    expect(told?.Message).toContain(`${packageArn(3)} was approved after it`);
  });

  it('ignores a package registered pending approval', async () => {
    // Act
    const result = await handler(fixture('model-package-state-change.pending'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'model package not approved (registration or edit)' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect(published()).toEqual([]);
  });

  it('ignores an approved package of a group no model line names', async () => {
    // Act
    const result = await handler(fixture('model-package-state-change.unconfigured-group'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'model package of a group no model line names' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect(published()).toEqual([]);
  });

  it('records a rejection without calling SageMaker', async () => {
    // Act
    const result = await handler(fixture('model-package-state-change.rejected'), context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'rejection recorded' });
    expect(await timeline('churn')).toEqual([
      expect.objectContaining({
        type: 'ModelRejected',
        message: expect.stringContaining('rejected: rolled back from churn-prod'),
      }),
    ]);
    expect(sagemaker.calls()).toHaveLength(0);
    expect(published()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });
});
