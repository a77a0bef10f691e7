import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  ValidationException as ScalingValidationException,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEndpointConfigCommand,
  SageMakerServiceException,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { notificationsSent, published, resetAws, sagemaker, throttled } from '../helpers/aws';
import { bakingCanary, neoBuilding, tick } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { autoscaling, cloudwatch, endpointServes, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const $metadata = { httpStatusCode: 400, requestId: 'r-1' };
const INVALID = 'Could not update endpoint: the request is invalid for variant v2';
const invalid = () =>
  new SageMakerServiceException({ name: 'ValidationException', $fault: 'client', $metadata, message: INVALID });
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The churn canary of v2 baking at its last step below 100 % (50 %) since 03:13:45, healthy on every minute. */
async function bakingAt50(): Promise<{ config: string; model: string }> {
  const canary = await bakingCanary();
  await doc.send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME!,
      Key: { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' },
      UpdateExpression: 'SET active.step = :step, active.weight = :weight, version = version + :one',
      ExpressionAttributeValues: { ':step': 2, ':weight': 50, ':one': 1 },
    }),
  );
  healthyBake();
  return canary;
}

/** Both variants healthy on every minute of the bake that ends at 03:28:45, the abort alarm OK. */
function healthyBake(): void {
  const series = (id: string, total: number) => ({
    Id: id,
    Values: Array.from({ length: 15 }, () => total / 15),
    StatusCode: 'Complete' as const,
    Timestamps: Array.from({ length: 15 }, (_, i) => new Date(Date.parse('2026-11-27T03:14:00Z') + i * 60_000)),
  });
  const results: MetricDataResult[] = [
    series('inv0', 13_500),
    series('err0', 135),
    { ...series('lat0', 600_000), Values: Array.from({ length: 15 }, () => 40_000) },
    series('inv1', 13_500),
    series('err1', 135),
    { ...series('lat1', 600_000), Values: Array.from({ length: 15 }, () => 40_000) },
  ];
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
  cloudwatch
    .on(DescribeAlarmsCommand)
    .resolves({ MetricAlarms: [{ AlarmName: 'churn-prod-latency-p99', StateValue: 'OK' }] });
}

/** The endpoint calls, in order (the Neo polls of the same ticks left out). */
const endpointCalls = () =>
  sagemaker
    .calls()
    .map((c) => (c.args[0] as object).constructor.name)
    // The reconciler's look-ups of Neo builds and of approvals whose event was lost are no endpoint calls.
    .filter((name) => name !== 'DescribeCompilationJobCommand' && name !== 'ListModelPackagesCommand');
const critical = () => notificationsSent().filter((n) => n.MessageAttributes?.severity?.StringValue === 'critical');

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetHosting] }));

describe('a promotion AWS refuses for good', () => {
  it('ends the deployment failed once, with one critical alert, and the handler resolves', async () => {
    // Prepare
    const canary = await bakingAt50();
    sagemaker.on(UpdateEndpointCommand).rejects(invalid());

    // Act
    const result = await tick('2026-11-27T03:29:45Z');

    // Assess
    expect(result).toMatchObject({ status: 'done', throttled: 0 });
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      {
        EndpointName: 'churn-prod',
        EndpointConfigName: sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input.EndpointConfigName,
      },
    ]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.outbox).toEqual({});
    expect(item?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `UpdateEndpoint refused: ValidationException: ${INVALID}`,
    });
    expect(critical().map((n) => n.Subject)).toEqual(['[Shepherd] churn: deployment on churn-prod failed']);
    expect(critical()[0]!.Message).toContain('Shepherd makes no further change to churn-prod.');
    expect(published().map((e) => [e.detailType, e.detail.outcome])).toEqual([
      ['Canary Step Passed', undefined],
      ['Deployment Rolled Back', 'failed'],
    ]);
    expect((await timeline('churn')).map((e) => e.type)).toContain('DeploymentFailed');
    expect(canary.config).toBeDefined();
  });

  it('says in the alert what serves: the canary config at the weights DescribeEndpoint reports', async () => {
    // Prepare
    const canary = await bakingAt50();
    endpointServes(canary.config, { v1: 50, v2: 50 }, canary.model);
    sagemaker.on(UpdateEndpointCommand).rejects(invalid());

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    const [alert] = critical();
    expect(alert!.Message).not.toContain('may take part');
    expect(alert!.Message).toContain(`${packageArn(2)} still serves 50 % of churn-prod beside v1.`);
    expect(alert!.Message).toMatch(new RegExp(`Serving\\s+${canary.config}: v2 at 50 %, v1 at 50 %`));
  });

  it('registers the baseline’s autoscaling again, as it was, and says so in the alert', async () => {
    // Prepare: v1 scales 2–6 on invocations; the promotion deregisters it, then its UpdateEndpoint is refused
    await bakingAt50();
    const policy = {
      PolicyName: 'invocations',
      PolicyType: 'TargetTrackingScaling' as const,
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 750 },
    };
    autoscaling
      .on(DescribeScalableTargetsCommand)
      .resolves({ ScalableTargets: [{ MinCapacity: 2, MaxCapacity: 6 } as never] });
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [policy as never] });
    autoscaling.on(DeregisterScalableTargetCommand).resolves({});
    autoscaling.on(RegisterScalableTargetCommand).resolves({});
    autoscaling.on(PutScalingPolicyCommand).resolves({});
    sagemaker.on(UpdateEndpointCommand).rejects(invalid());

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    const target = { ServiceNamespace: 'sagemaker', ResourceId: 'endpoint/churn-prod/variant/v1' };
    const dimension = { ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' };
    expect(autoscaling.commandCalls(DeregisterScalableTargetCommand).map((c) => c.args[0].input)).toEqual([
      { ...target, ...dimension },
    ]);
    expect(autoscaling.commandCalls(RegisterScalableTargetCommand).map((c) => c.args[0].input)).toEqual([
      { ...target, ...dimension, MinCapacity: 2, MaxCapacity: 6 },
    ]);
    expect(autoscaling.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input)).toEqual([
      { ...policy, ...target, ...dimension },
    ]);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(critical()[0]!.Message).toMatch(/Autoscaling\s+restored: v1's \(2 to 6 instances; invocations\)/);
  });

  it('puts a step policy back on the baseline and says which alarms to point at it by hand', async () => {
    // Prepare: v1 also scales out on its owner's alarm through a step policy
    await bakingAt50();
    const step = {
      PolicyName: 'burst-out',
      PolicyType: 'StepScaling' as const,
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity' as const, StepAdjustments: [] },
    };
    const alarm = { AlarmName: 'churn-prod-v1-burst', AlarmARN: 'arn:aws:cloudwatch:us-east-1:1:alarm:burst' };
    autoscaling
      .on(DescribeScalableTargetsCommand)
      .resolves({ ScalableTargets: [{ MinCapacity: 2, MaxCapacity: 6 } as never] });
    autoscaling
      .on(DescribeScalingPoliciesCommand)
      .resolves({ ScalingPolicies: [{ ...step, Alarms: [alarm] } as never] });
    autoscaling.on(DeregisterScalableTargetCommand).resolves({});
    autoscaling.on(RegisterScalableTargetCommand).resolves({});
    autoscaling.on(PutScalingPolicyCommand).resolves({});
    sagemaker.on(UpdateEndpointCommand).rejects(invalid());

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    expect(autoscaling.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input)).toEqual([
      {
        ...step,
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/churn-prod/variant/v1',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      },
    ]);
    expect(critical()[0]!.Message).toContain(
      "step scaling burst-out (alarms churn-prod-v1-burst) re-created on v1 without its alarms' action: " +
        'point them at the new burst-out by hand',
    );
  });

  it('makes no further SageMaker call on the next ticks: the endpoint keeps serving the canary', async () => {
    // Prepare
    const canary = await bakingAt50();
    sagemaker.on(UpdateEndpointCommand).rejects(invalid());
    await tick('2026-11-27T03:29:45Z');
    resetAws();
    neoBuilding();
    endpointServes(canary.config, { v1: 50, v2: 50 }, canary.model);

    // Act
    await tick('2026-11-27T03:30:45Z');
    await tick('2026-11-27T03:50:45Z');

    // Assess
    expect(endpointCalls()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
  });

  it('still retries a throttled promotion as before: the reconciler defers it, the next tick makes it', async () => {
    // Prepare
    await bakingAt50();
    sagemaker.on(UpdateEndpointCommand).rejectsOnce(throttled()).resolves({});

    // Act
    const first = await tick('2026-11-27T03:29:45Z');
    const second = await tick('2026-11-27T03:30:45Z');

    // Assess
    expect(first).toMatchObject({ status: 'done', throttled: 1 });
    expect(second).toMatchObject({ status: 'done', throttled: 0 });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(2);
    expect((await deploymentItem())?.active?.status).toBe('promoting');
    expect(critical()).toEqual([]);
  });
});

describe('a weight change AWS refuses for good', () => {
  it('says in the alert what serves: the canary config at the weights DescribeEndpoint reports', async () => {
    // Prepare: v2 passes its bake at 10 %; its shift to 25 % is refused
    const canary = await bakingCanary();
    healthyBake();
    sagemaker.on(UpdateEndpointWeightsAndCapacitiesCommand).rejects(invalid());

    // Act
    await tick('2026-11-27T03:29:45Z');

    // Assess
    const desired = sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)[0]!.args[0].input;
    expect(desired.DesiredWeightsAndCapacities?.find((d) => d.VariantName === 'v2')?.DesiredWeight).toBe(25);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `UpdateEndpointWeightsAndCapacities refused: ValidationException: ${INVALID}`,
    });
    const [alert] = critical();
    expect(alert!.Message).not.toContain('may take part');
    expect(alert!.Message).toContain(`${packageArn(2)} still serves 10 % of churn-prod beside v1.`);
    expect(alert!.Message).toMatch(new RegExp(`Serving\\s+${canary.config}: v2 at 10 %, v1 at 90 %`));
    expect(alert!.Message).toMatch(/Status\s+shifting v2 to 25 %, refused: v2 stays at 10 %/);
  });
});

describe('carrying autoscaling over to a promoted model, refused for good', () => {
  it('alerts critically once and asks no more; the promotion stands', async () => {
    // Prepare: v1 scales 2–6; the promotion goes through, then registering v2's target is refused
    const canary = await bakingAt50();
    autoscaling
      .on(DescribeScalableTargetsCommand)
      .resolves({ ScalableTargets: [{ MinCapacity: 2, MaxCapacity: 6 } as never] });
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [] });
    autoscaling.on(DeregisterScalableTargetCommand).resolves({});
    const refusal = new ScalingValidationException({
      $metadata,
      message: 'Unsupported scalable dimension for variant v2',
    });
    autoscaling.on(RegisterScalableTargetCommand).rejects(refusal);
    sagemaker.on(UpdateEndpointCommand).resolves({});
    await tick('2026-11-27T03:29:45Z');
    const final = (await deploymentItem())?.active?.expectConfig as string;
    endpointServes(final, { v1: 0 }, canary.model);
    const inService = fixture('endpoint-state-change.in-service', {
      id: 'final',
      detail: { EndpointConfigName: final },
    });

    // Act
    const result = await endpointStateChanged(inService, context('endpointStateChanged'));
    await tick('2026-11-27T03:45:45Z');

    // Assess
    expect(result).toMatchObject({ status: 'done' });
    expect(autoscaling.commandCalls(RegisterScalableTargetCommand)).toHaveLength(1);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'promoted' });
    expect(critical().map((n) => n.Subject)).toEqual([
      '[Shepherd] churn: RegisterScalableTarget on churn-prod refused',
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
  });
});
