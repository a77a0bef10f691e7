import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { handler as watchDeployments } from '../../functions/watch-deployments';
import {
  approval,
  bakingCanary,
  baselineScaledTo,
  type Canary,
  neoBuilding,
  neoBuildsStarted,
  tick,
} from '../helpers/canary';
import { notFound, notificationsSent, published, resetAws, sagemaker, throttled } from '../helpers/aws';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture, scheduledAt, setClock } from '../helpers/events';
import {
  ABORT_ALARM,
  OLD_CONFIG,
  abortAlarmReads,
  cloudwatch,
  describedPackage,
  endpointServes,
  noSuchEndpoint,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';
import { failing, healthy, metrics } from '../helpers/canary-metrics';

const inService = (id: string, config: string) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointConfigName: config } });

/** The canary judged failing at 10 % and drained to weight 0. */
async function drainedCanary(): Promise<Canary> {
  const canary = await bakingCanary();
  metrics(failing);
  await tick('2026-11-27T03:29:45Z');
  if ((await deploymentItem())?.active?.status !== 'draining') throw new Error('the canary is not draining');
  resetAws();
  cloudwatch.reset();
  neoBuilding();
  return canary;
}

/** The baseline config asked back for after the drain. */
async function restoringBaseline(): Promise<Canary> {
  const canary = await drainedCanary();
  setClock('2026-11-27T03:31:00Z');
  endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
  await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));
  if ((await deploymentItem())?.active?.status !== 'rolling_back')
    throw new Error('the baseline config was not asked for');
  resetAws();
  neoBuilding();
  return canary;
}

/** The endpoint calls, in order (the Neo polls of the same ticks left out). */
const endpointCalls = () =>
  sagemaker
    .calls()
    .map((c) => (c.args[0] as object).constructor.name)
    // The reconciler's look-ups of Neo builds and of approvals whose event was lost are no endpoint calls.
    .filter((name) => name !== 'DescribeCompilationJobCommand' && name !== 'ListModelPackagesCommand');

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('reconcile: a canary looked at every minute of its bake', () => {
  it('looks at the complete minutes so far mid-bake and, finding no harm, changes nothing', async () => {
    // Prepare
    await bakingCanary();
    metrics(healthy, 13);

    // Act
    await tick('2026-11-27T03:27:45Z');

    // Assess: from the minute the step started in, up to the minute in progress, which is left out
    const gets = cloudwatch.commandCalls(GetMetricDataCommand);
    expect(gets.map((g) => [g.args[0].input.StartTime, g.args[0].input.EndTime])).toEqual([
      [new Date('2026-11-27T03:13:00Z'), new Date('2026-11-27T03:27:00Z')],
    ]);
    expect(endpointCalls()).toEqual([]);
    expect(published()).toEqual([]);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'baking', weight: 10, judgements: [] });
  });

  it('fails a clearly worse candidate at a look mid-bake and asks for weight 0 in the same tick', async () => {
    // Prepare: six minutes in, the candidate serves 20 % errors
    await bakingCanary();
    metrics({ requests: 600, errors: 120 }, 6);

    // Act
    await tick('2026-11-27T03:20:10Z');

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input)).toEqual([
      {
        EndpointName: 'churn-prod',
        DesiredWeightsAndCapacities: [
          { VariantName: 'v1', DesiredWeight: 100 },
          { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
        ],
      },
    ]);
    const canary = (await deploymentItem())?.active;
    expect(canary).toMatchObject({
      status: 'draining',
      weight: 0,
      judgements: [expect.objectContaining({ outcome: 'fail' })],
    });
    expect(canary?.reason).toMatch(/5XX rate 20\.00 % is worse than baseline 1\.00 %.* at look 6\)/);
  });

  it('leaves out a minute the candidate has not reported yet, rather than reading it as no traffic', async () => {
    // Prepare: the baseline reported six minutes, the candidate five; the candidate is healthy
    await bakingCanary();
    metrics(healthy, 6, 5);

    // Act
    await tick('2026-11-27T03:20:10Z');

    // Assess: five paired minutes, one look, no verdict stored
    expect(endpointCalls()).toEqual([]);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'baking', judgements: [] });
  });

  it(
    'judges both variants on one batched GetMetricData and, ' + 'on healthy numbers, steps the canary to 25 %',
    async () => {
      // Prepare
      await bakingCanary();
      metrics(healthy);

      // Act
      await tick('2026-11-27T03:29:45Z');

      // Assess
      const gets = cloudwatch.commandCalls(GetMetricDataCommand);
      expect(gets).toHaveLength(1);
      const get = gets[0]!.args[0].input;
      expect(get).toMatchObject({
        StartTime: new Date('2026-11-27T03:13:00Z'),
        EndTime: new Date('2026-11-27T03:29:00Z'),
      });
      const dims = (variant: string) => [
        { Name: 'EndpointName', Value: 'churn-prod' },
        { Name: 'VariantName', Value: variant },
      ];
      expect(
        get.MetricDataQueries!.map((q) => [
          q.Id,
          q.MetricStat!.Metric!.Namespace,
          q.MetricStat!.Metric!.MetricName,
          q.MetricStat!.Stat,
          q.MetricStat!.Period,
          q.MetricStat!.Metric!.Dimensions,
        ]),
      ).toEqual([
        ['inv0', 'AWS/SageMaker', 'Invocations', 'Sum', 60, dims('v1')],
        ['err0', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum', 60, dims('v1')],
        ['lat0', 'AWS/SageMaker', 'ModelLatency', 'Average', 60, dims('v1')],
        ['inv1', 'AWS/SageMaker', 'Invocations', 'Sum', 60, dims('v2')],
        ['err1', 'AWS/SageMaker', 'Invocation5XXErrors', 'Sum', 60, dims('v2')],
        ['lat1', 'AWS/SageMaker', 'ModelLatency', 'Average', 60, dims('v2')],
      ]);
      // One look at the abort alarms a tick: the same states fail the canary or stand as the judgement's evidence.
      // (The reconciler's reading of the drift alarms, for a lost change of theirs, is another call.)
      expect(abortAlarmReads()).toEqual([{ AlarmNames: [ABORT_ALARM], AlarmTypes: ['MetricAlarm'] }]);
      // The baseline's instances read for the next step's size, then the weight change's own look first.
      expect(endpointCalls()).toEqual([
        'DescribeEndpointCommand',
        'DescribeEndpointCommand',
        'UpdateEndpointWeightsAndCapacitiesCommand',
      ]);
      expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input)).toEqual([
        {
          EndpointName: 'churn-prod',
          DesiredWeightsAndCapacities: [
            { VariantName: 'v1', DesiredWeight: 75 },
            { VariantName: 'v2', DesiredWeight: 25, DesiredInstanceCount: 1 },
          ],
        },
      ]);
      expect(published()).toEqual([
        expect.objectContaining({
          detailType: 'Canary Step Passed',
          detail: expect.objectContaining({
            model: 'churn',
            endpoint: 'churn-prod',
            modelPackageArn: packageArn(2),
            weight: 10,
            step: 0,
          }),
        }),
      ]);
      expect(notificationsSent()).toEqual([]);
      expect((await deploymentItem())?.active).toMatchObject({
        status: 'shifting',
        step: 1,
        weight: 25,
        judgements: [expect.objectContaining({ outcome: 'pass', weight: 10 })],
      });
    },
  );

  it('sizes the next step from the instances the baseline serves now, which its autoscaling raised', async () => {
    // Prepare: v1 started the canary on 2 instances and has scaled to 6 since
    await bakingCanary();
    metrics(healthy);
    baselineScaledTo(6);

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess: 25 % of 6
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)[0]?.args[0].input).toEqual({
      EndpointName: 'churn-prod',
      DesiredWeightsAndCapacities: [
        { VariantName: 'v1', DesiredWeight: 75 },
        { VariantName: 'v2', DesiredWeight: 25, DesiredInstanceCount: 2 },
      ],
    });
  });

  it('bakes longer once, not twice, when the tick that finds the bake inconclusive is delivered twice', async () => {
    // Prepare: the bake is over, but the candidate served too little to pass
    await bakingCanary();
    metrics({ requests: 150, errors: 1 });
    setClock('2026-11-27T03:29:45Z');
    const event = scheduledAt('2026-11-27T03:29:45Z');

    // Act: EventBridge delivers the minute's tick twice, and the two invocations overlap
    await Promise.all([
      watchDeployments(event, context('watchDeployments')),
      watchDeployments(event, context('watchDeployments')),
    ]);

    // Assess: one extension used up, one judgement recorded
    const canary = (await deploymentItem())?.active;
    expect(canary).toMatchObject({ status: 'baking', bakeExtensions: 1 });
    expect(canary?.judgements).toEqual([expect.objectContaining({ outcome: 'inconclusive' })]);
  });

  it('drains a failing candidate to weight 0 at once, without a passed step', async () => {
    // Prepare
    await bakingCanary();
    metrics(failing);

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(endpointCalls()).toEqual(['DescribeEndpointCommand', 'UpdateEndpointWeightsAndCapacitiesCommand']);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input)).toEqual([
      {
        EndpointName: 'churn-prod',
        DesiredWeightsAndCapacities: [
          { VariantName: 'v1', DesiredWeight: 100 },
          { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
        ],
      },
    ]);
    expect(published()).toEqual([]);
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(0);
    expect((await deploymentItem())?.active).toMatchObject({
      status: 'draining',
      weight: 0,
      reason: expect.stringMatching(/^the judge failed the candidate at 10 %/),
    });
  });

  it('puts the baseline config back once the drained endpoint is in service again', async () => {
    // Prepare
    const canary = await drainedCanary();
    setClock('2026-11-27T03:31:00Z');
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);

    // Act
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));

    // Assess
    expect(endpointCalls()).toEqual([
      'DescribeEndpointCommand',
      'DescribeEndpointConfigCommand',
      'DescribeEndpointCommand',
      'UpdateEndpointCommand',
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      {
        EndpointName: 'churn-prod',
        EndpointConfigName: OLD_CONFIG,
        RetainAllVariantProperties: true,
        ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }],
      },
    ]);
    expect(published()).toEqual([]);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'rolling_back', expectConfig: OLD_CONFIG });
  });

  it(
    'rejects the package once the endpoint serves the baseline config again, ' + 'and says so on the bus and by SNS',
    async () => {
      // Prepare
      await restoringBaseline();
      setClock('2026-11-27T03:39:00Z');
      endpointServes(OLD_CONFIG, { v1: 100 });
      sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });

      // Act
      await endpointStateChanged(inService('restored', OLD_CONFIG), context('endpointStateChanged'));

      // Assess
      expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
        {
          ModelPackageArn: packageArn(2),
          ModelApprovalStatus: 'Rejected',
          ApprovalDescription: expect.stringMatching(
            /^rolled back from churn-prod: the judge failed the candidate at 10 %/,
          ),
        },
      ]);
      expect(published()).toEqual([
        expect.objectContaining({
          detailType: 'Deployment Rolled Back',
          detail: expect.objectContaining({
            modelPackageArn: packageArn(2),
            outcome: 'rolled_back',
            servingVariant: 'v1',
            judgements: 1,
          }),
        }),
      ]);
      const [alert] = notificationsSent();
      expect(notificationsSent()).toHaveLength(1);
      expect(alert).toMatchObject({
        Subject: '[Shepherd] churn: deployment on churn-prod rolled back',
        MessageAttributes: expect.objectContaining({
          kind: { DataType: 'String', StringValue: 'alert' },
          severity: { DataType: 'String', StringValue: 'warning' },
        }),
      });
      const item = await deploymentItem();
      expect(item?.active).toBeUndefined();
      expect(item?.history).toEqual([
        expect.objectContaining({ modelPackageArn: packageArn(2), outcome: 'rolled_back' }),
      ]);
    },
  );

  it('rejects the package when SageMaker rolls the baseline config back; the endpoint needs attention', async () => {
    // Prepare: the baseline's config was asked for; SageMaker rolled that update back to the drained canary
    const canary = await restoringBaseline();
    setClock('2026-11-27T03:39:00Z');
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });

    // Act
    await endpointStateChanged(inService('rolled-back', canary.config), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      {
        ModelPackageArn: packageArn(2),
        ModelApprovalStatus: 'Rejected',
        ApprovalDescription: expect.stringMatching(
          new RegExp(
            '^rolling back from churn-prod: the judge failed the candidate at 10 %.*; ' +
              'restoring the baseline then failed \\(SageMaker rolled the endpoint back',
            's',
          ),
        ),
      },
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    const [alert] = notificationsSent();
    expect(notificationsSent()).toHaveLength(1);
    expect(alert).toMatchObject({
      Subject: '[Shepherd] churn: deployment on churn-prod failed',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
    });
    expect(alert!.Message).toContain('restoring the baseline on churn-prod failed: the endpoint needs attention');
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'failed' });
  });
});

describe('reconcile: Neo builds in flight', () => {
  it(
    'publishes Edge Artifact Ready with the artifact when a build completed, ' +
      'and polls only the builds still running',
    async () => {
      // Prepare
      const builds = await neoBuildsStarted();
      const artifact = 's3://shepherd-example-artifacts/churn/edge/jetson/model-jetson_xavier.tar.gz';
      sagemaker.on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson }).resolves({
        CompilationJobName: builds.jetson,
        CompilationJobStatus: 'COMPLETED',
        ModelArtifacts: { S3ModelArtifacts: artifact },
      });
      sagemaker
        .on(DescribeCompilationJobCommand, { CompilationJobName: builds.rpi })
        .resolves({ CompilationJobName: builds.rpi, CompilationJobStatus: 'INPROGRESS' });

      // Act
      await tick('2026-11-27T03:10:00Z');
      await tick('2026-11-27T03:11:00Z');

      // Assess
      expect(
        sagemaker.commandCalls(DescribeCompilationJobCommand).map((c) => c.args[0].input.CompilationJobName),
      ).toEqual([builds.jetson, builds.rpi, builds.rpi]);
      expect(published()).toEqual([
        {
          source: 'shepherd',
          detailType: 'Edge Artifact Ready',
          bus: 'shepherd-test',
          detail: {
            model: 'churn',
            target: 'jetson',
            compilationJobName: builds.jetson,
            modelPackageArn: packageArn(1),
            artifactS3Uri: artifact,
          },
        },
      ]);
      expect(notificationsSent()).toEqual([]);
    },
  );

  it('announces no artifact of a package rejected while its builds ran; polls them no more once ended', async () => {
    // Prepare: v1's builds running when its package is rejected (an abort alarm's rollback, or an approver)
    const builds = await neoBuildsStarted();
    const rejected = fixture('model-package-state-change.rejected', {
      id: 'rejected-1',
      detail: { ModelPackageVersion: 1, ModelPackageArn: packageArn(1), ApprovalDescription: 'wrong data window' },
    });
    await modelPackageStateChanged(rejected, context('modelPackageStateChanged'));
    const artifact = 's3://shepherd-example-artifacts/churn/edge/jetson/model-jetson_xavier.tar.gz';
    sagemaker.on(DescribeCompilationJobCommand).resolves({
      CompilationJobName: builds.jetson,
      CompilationJobStatus: 'COMPLETED',
      ModelArtifacts: { S3ModelArtifacts: artifact },
    });

    // Act
    await tick('2026-11-27T03:10:00Z');
    await tick('2026-11-27T03:11:00Z');

    // Assess
    expect(published()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect(sagemaker.commandCalls(DescribeCompilationJobCommand)).toHaveLength(2);
    expect((await timeline('churn')).map((e) => e.type)).not.toContain('CorruptState');
    expect(await timeline('churn')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'EdgeBuildWithdrawn', message: expect.stringContaining(builds.jetson) }),
        expect.objectContaining({ type: 'EdgeBuildWithdrawn', message: expect.stringContaining(builds.rpi) }),
      ]),
    );
  });

  it('alerts with the failure reason when a build failed', async () => {
    // Prepare
    const builds = await neoBuildsStarted();
    const reason =
      'ClientError: InputConfiguration: Unable to load the XGBoost model: the artifact holds no model file.';
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson })
      .resolves({ CompilationJobName: builds.jetson, CompilationJobStatus: 'INPROGRESS' });
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.rpi })
      .resolves({ CompilationJobName: builds.rpi, CompilationJobStatus: 'FAILED', FailureReason: reason });

    // Act
    await tick('2026-11-27T03:10:00Z');

    // Assess
    const [alert] = notificationsSent();
    expect(notificationsSent()).toHaveLength(1);
    expect(alert).toMatchObject({
      Subject: '[Shepherd] churn: edge build for rpi failed',
      MessageAttributes: expect.objectContaining({
        kind: { DataType: 'String', StringValue: 'alert' },
        severity: { DataType: 'String', StringValue: 'warning' },
      }),
    });
    expect(alert!.Message).toContain(reason);
    expect(alert!.Message).toContain(builds.rpi);
    expect(published()).toEqual([]);
  });

  it('fails a build whose compilation job was deleted outside Shepherd, alerts once, polls it no more', async () => {
    // Prepare
    const builds = await neoBuildsStarted();
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson })
      .rejects(notFound(`Could not find compilation job "${builds.jetson}".`));
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.rpi })
      .resolves({ CompilationJobName: builds.rpi, CompilationJobStatus: 'INPROGRESS' });

    // Act
    await tick('2026-11-27T03:10:00Z');
    await tick('2026-11-27T03:11:00Z');

    // Assess
    expect(
      sagemaker.commandCalls(DescribeCompilationJobCommand).map((c) => c.args[0].input.CompilationJobName),
    ).toEqual([builds.jetson, builds.rpi, builds.rpi]);
    const alerts = notificationsSent();
    expect(alerts.map((alert) => alert.Subject)).toEqual(['[Shepherd] churn: edge build for jetson failed']);
    expect(alerts[0]!.Message).toContain('SageMaker no longer knows the compilation job');
    expect(published()).toEqual([]);
  });

  it('does not fail a build whose CreateCompilationJob still waits in the outbox to be sent again', async () => {
    // Prepare
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    sagemaker.on(CreateCompilationJobCommand).rejects(throttled());
    await expect(modelPackageStateChanged(approval(1), context('modelPackageStateChanged'))).rejects.toThrow();
    resetAws();
    sagemaker.on(DescribeCompilationJobCommand).rejects(notFound('Could not find compilation job.'));

    // Act: a minute later, while the failed invocation's lease on its requests still runs
    await tick('2026-11-27T03:06:00Z');

    // Assess
    expect(notificationsSent()).toEqual([]);
  });
});
