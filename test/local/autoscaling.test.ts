// Application Auto Scaling for SageMaker endpoint variants behind the local server, driven by the real client: scalable
// targets and scaling policies round-trip with Dates and ARNs, errors arrive as the SDK's modelled exceptions, and
// SageMaker's UpdateEndpoint refuses to drop a variant that is still a scalable target (docs/aws-sagemaker.md).
import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  ObjectNotFoundException,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  ValidationException,
  type PutScalingPolicyCommandInput,
  type RegisterScalableTargetCommandInput,
  type ScalableDimension,
} from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingEmulator } from '../../local/autoscaling';
import type { ServedVariant } from '../../local/autoscaling/variants';
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { Timeline, type JsonService } from '../../local/core';
import { Clock } from '../../local/clock';
import { failure } from '../helpers/aws-error';
import { SageMakerEmulator } from '../../local/sagemaker';
import { startLocalServer, type LocalServer } from '../../local/server';

const MINUTE = 60_000;
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const PROVISIONED = 'sagemaker:variant:DesiredProvisionedConcurrency' as const;
const V1 = 'endpoint/churn-prod/variant/v1';
const V2 = 'endpoint/churn-prod/variant/v2';
const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-hosting';
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

const target = (
  ResourceId: string,
  MinCapacity?: number,
  MaxCapacity?: number,
): RegisterScalableTargetCommandInput => ({
  ServiceNamespace: 'sagemaker',
  ResourceId,
  ScalableDimension: DIMENSION,
  ...(MinCapacity !== undefined ? { MinCapacity } : {}),
  ...(MaxCapacity !== undefined ? { MaxCapacity } : {}),
});
const tracking = (ResourceId: string, PolicyName: string, TargetValue = 70): PutScalingPolicyCommandInput => ({
  PolicyName,
  ServiceNamespace: 'sagemaker',
  ResourceId,
  ScalableDimension: DIMENSION,
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue,
    PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    ScaleInCooldown: 300,
  },
});

let server: LocalServer;
let client: ApplicationAutoScalingClient;
let clock: Clock;
let timeline: Timeline;
let autoscaling: AutoScalingEmulator;
let cloudwatch: JsonService;
let sagemaker: SageMakerEmulator | undefined;

type Served = (endpoint: string, variant: string) => ServedVariant | undefined;
/** churn-prod's v1 and v2 on instances. */
const onInstances: Served = (e, v) => (e === 'churn-prod' && ['v1', 'v2'].includes(v) ? {} : undefined);

/**
 * The emulator behind the local server; `servedVariant` defaults to churn-prod's v1 and v2 on instances. Its step
 * policies are triggered by the alarms of a CloudWatch emulator, as the cloud wires them.
 */
async function start(servedVariant: Served = onInstances): Promise<void> {
  clock = new Clock(new Date('2026-11-27T06:00:00Z'), 100_000);
  timeline = new Timeline(clock, false);
  const alarms = new CloudWatchEmulator({ clock, timeline, emit: () => undefined });
  cloudwatch = alarms.handle;
  autoscaling = new AutoScalingEmulator({ clock, timeline, servedVariant, alarmActions: alarms });
  server = await startLocalServer({ services: { autoscaling: autoscaling.handle } });
  client = new ApplicationAutoScalingClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

afterEach(async () => {
  sagemaker?.stop();
  sagemaker = undefined;
  client.destroy();
  await server.close();
});

const lines = () => timeline.lines.filter((l) => l.source === 'autoscaling').map((l) => l.message);
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => new Error('the call succeeded, an error was expected'),
    (e: unknown) => e,
  );

describe('scalable targets and scaling policies', () => {
  it(
    'round-trips a registered variant and its target tracking policy, ' + 'with Dates, ARNs and the alarms AWS creates',
    async () => {
      // Prepare
      await start();

      // Act
      const registered = await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));
      const put = await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations')));
      const targets = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
      const policies = await client.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: V1 }),
      );

      // Assess
      expect(registered.ScalableTargetARN).toMatch(
        /^arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target\/[0-9a-f]{36}$/,
      );
      expect(targets.ScalableTargets).toEqual([
        {
          ServiceNamespace: 'sagemaker',
          ResourceId: V1,
          ScalableDimension: DIMENSION,
          MinCapacity: 2,
          MaxCapacity: 6,
          RoleARN:
            'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/' +
            'AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
          CreationTime: expect.any(Date),
          SuspendedState: {
            DynamicScalingInSuspended: false,
            DynamicScalingOutSuspended: false,
            ScheduledScalingSuspended: false,
          },
          ScalableTargetARN: registered.ScalableTargetARN,
        },
      ]);
      expect(put.PolicyARN).toMatch(
        new RegExp(
          [
            '^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:[0-9a-f-]{36}:',
            'resource\\/sagemaker\\/endpoint\\/churn-prod\\/variant\\/v1:policyName\\/churn-invocations$',
          ].join(''),
        ),
      );
      expect(put.Alarms?.map((a) => a.AlarmName)).toEqual([
        expect.stringMatching(/^TargetTracking-endpoint\/churn-prod\/variant\/v1-AlarmHigh-/),
        expect.stringMatching(/-AlarmLow-/),
      ]);
      expect(policies.ScalingPolicies).toEqual([
        {
          PolicyARN: put.PolicyARN,
          PolicyName: 'churn-invocations',
          ServiceNamespace: 'sagemaker',
          ResourceId: V1,
          ScalableDimension: DIMENSION,
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 70,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            ScaleInCooldown: 300,
          },
          Alarms: put.Alarms,
          CreationTime: expect.any(Date),
        },
      ]);
      expect(autoscaling.scalableTargets()).toEqual([
        { resourceId: V1, min: 2, max: 6, policies: ['churn-invocations'] },
      ]);
      expect(lines()).toEqual([
        `${V1} registered 2..6`,
        `${V1} policy churn-invocations put (TargetTrackingScaling SageMakerVariantInvocationsPerInstance → 70)`,
      ]);
    },
  );

  it('updates a target on re-registration, keeping the capacity it is not given and its ARN', async () => {
    // Prepare
    await start();
    const first = await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));

    // Act
    const again = await client.send(new RegisterScalableTargetCommand(target(V1, undefined, 10)));
    const same = await client.send(new RegisterScalableTargetCommand(target(V1, 2, 10)));

    // Assess
    expect([again.ScalableTargetARN, same.ScalableTargetARN]).toEqual([
      first.ScalableTargetARN,
      first.ScalableTargetARN,
    ]);
    expect(autoscaling.scalableTargets()).toEqual([{ resourceId: V1, min: 2, max: 10, policies: [] }]);
    expect(lines()).toEqual([`${V1} registered 2..6`, `${V1} updated 2..10`]);
  });

  it(
    'filters targets by resource ids and dimension, ' + 'and policies by name, and pages policies ten at a time',
    async () => {
      // Prepare
      await start();
      await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
      await client.send(new RegisterScalableTargetCommand(target(V2, 1, 2)));
      for (let i = 0; i < 11; i++) await client.send(new PutScalingPolicyCommand(tracking(V2, `p${i}`, 10 + i)));

      // Act
      const byId = await client.send(
        new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ResourceIds: [V2] }),
      );
      const otherDimension = await client.send(
        new DescribeScalableTargetsCommand({
          ServiceNamespace: 'sagemaker',
          ScalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
        }),
      );
      const otherNamespace = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }));
      const named = await client.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', PolicyNames: ['p3', 'p7', 'p99'] }),
      );
      const firstPage = await client.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }));
      const secondPage = await client.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', NextToken: firstPage.NextToken }),
      );

      // Assess
      expect(byId.ScalableTargets?.map((t) => t.ResourceId)).toEqual([V2]);
      expect([otherDimension.ScalableTargets, otherNamespace.ScalableTargets]).toEqual([[], []]);
      expect(named.ScalingPolicies?.map((p) => p.PolicyName)).toEqual(['p3', 'p7']);
      expect(firstPage.ScalingPolicies).toHaveLength(10);
      expect(secondPage.ScalingPolicies?.map((p) => p.PolicyName)).toEqual(['p10']);
      expect(secondPage.NextToken).toBeUndefined();
    },
  );

  it('deletes one policy and keeps the target', async () => {
    // Prepare
    await start();
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations')));

    // Act
    await client.send(
      new DeleteScalingPolicyCommand({
        PolicyName: 'churn-invocations',
        ServiceNamespace: 'sagemaker',
        ResourceId: V1,
        ScalableDimension: DIMENSION,
      }),
    );

    // Assess
    expect(autoscaling.scalableTargets()).toEqual([{ resourceId: V1, min: 1, max: 4, policies: [] }]);
    expect(lines()).toContain(`${V1} policy churn-invocations deleted`);
  });

  it('removes a target’s policies when it is deregistered', async () => {
    // Prepare
    await start();
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations')));
    await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-latency', 50)));

    // Act
    await client.send(
      new DeregisterScalableTargetCommand({
        ServiceNamespace: 'sagemaker',
        ResourceId: V1,
        ScalableDimension: DIMENSION,
      }),
    );
    const policies = await client.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: V1 }),
    );
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    const afterRegisteringAgain = await client.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: V1 }),
    );

    // Assess
    expect([policies.ScalingPolicies, afterRegisteringAgain.ScalingPolicies]).toEqual([[], []]);
    expect(autoscaling.hasScalableTarget('churn-prod', 'v1')).toBe(true);
    expect(lines()).toContain(`${V1} deregistered (policies churn-invocations, churn-latency deleted)`);
  });
});

describe('step scaling policies and the alarms that trigger them', () => {
  const step = (ResourceId: string): PutScalingPolicyCommandInput => ({
    PolicyName: 'burst-out',
    ServiceNamespace: 'sagemaker',
    ResourceId,
    ScalableDimension: DIMENSION,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
    },
  });
  /** The owner's alarm on v1's invocations, its action the step policy `arn`. */
  const burstAlarm = (arn: string) =>
    cloudwatch('PutMetricAlarm', {
      AlarmName: 'churn-prod-v1-burst',
      AlarmActions: [arn],
      Metrics: [
        {
          Id: 'inv',
          MetricStat: {
            Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [] },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 1000,
      EvaluationPeriods: 1,
    });
  const describedPolicies = async () =>
    (await client.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker', ResourceId: V1 })))
      .ScalingPolicies;
  const alarmActions = () =>
    (
      cloudwatch('DescribeAlarms', { AlarmNames: ['churn-prod-v1-burst'] }) as {
        MetricAlarms: Record<string, unknown>[];
      }
    ).MetricAlarms.map((a) => a.AlarmActions);

  it('lists the alarms whose action is the step policy, as DescribeScalingPolicies does', async () => {
    // Prepare
    await start();
    await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));
    const put = await client.send(new PutScalingPolicyCommand(step(V1)));

    // Act
    burstAlarm(put.PolicyARN!);
    const policies = await describedPolicies();

    // Assess
    expect(put.Alarms).toBeUndefined();
    expect(policies?.map((p) => [p.PolicyARN, p.Alarms])).toEqual([
      [
        put.PolicyARN,
        [
          {
            AlarmName: 'churn-prod-v1-burst',
            AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:churn-prod-v1-burst',
          },
        ],
      ],
    ]);
  });

  it(
    'leaves the alarm without its action when the target is deregistered, ' +
      'and puts the step policy back under a new ARN that no alarm names',
    async () => {
      // Prepare
      await start();
      await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));
      const first = await client.send(new PutScalingPolicyCommand(step(V1)));
      burstAlarm(first.PolicyARN!);

      // Act
      const key = {
        ServiceNamespace: 'sagemaker' as const,
        ResourceId: V1,
        ScalableDimension: DIMENSION as ScalableDimension,
      };
      await client.send(new DeregisterScalableTargetCommand(key));
      await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));
      const again = await client.send(new PutScalingPolicyCommand(step(V1)));
      const policies = await describedPolicies();

      // Assess
      expect(again.PolicyARN).not.toBe(first.PolicyARN);
      expect(policies?.map((p) => [p.PolicyARN, p.Alarms])).toEqual([[again.PolicyARN, undefined]]);
      expect(alarmActions()).toEqual([[]]);
    },
  );
  it('keeps the alarm but takes the step policy out of its actions when the policy is deleted', async () => {
    // Prepare
    await start();
    await client.send(new RegisterScalableTargetCommand(target(V1, 2, 6)));
    const put = await client.send(new PutScalingPolicyCommand(step(V1)));
    burstAlarm(put.PolicyARN!);

    // Act
    const { PolicyName, ServiceNamespace, ResourceId, ScalableDimension } = step(V1);
    await client.send(new DeleteScalingPolicyCommand({ PolicyName, ServiceNamespace, ResourceId, ScalableDimension }));

    // Assess
    expect(alarmActions()).toEqual([[]]);
  });
});

describe('errors as the SDK’s modelled exceptions', () => {
  it('answers a target outside SageMaker variants’ instance counts with ValidationException', async () => {
    // Prepare
    await start();

    // Act
    const badNamespace = await rejection(
      client.send(new RegisterScalableTargetCommand({ ...target(V1, 1, 2), ServiceNamespace: 'sage' as never })),
    );
    const ecs = await rejection(
      client.send(
        new RegisterScalableTargetCommand({ ...target('service/cluster/api', 1, 2), ServiceNamespace: 'ecs' }),
      ),
    );
    const dimension = await rejection(
      client.send(
        new RegisterScalableTargetCommand({ ...target(V1, 1, 2), ScalableDimension: 'ecs:service:DesiredCount' }),
      ),
    );
    const resourceId = await rejection(
      client.send(new RegisterScalableTargetCommand(target('endpoint/churn-prod/v1', 1, 2))),
    );

    // Assess
    expect(badNamespace).toBeInstanceOf(ValidationException);
    expect((badNamespace as Error).message).toMatch(
      new RegExp(
        [
          "^1 validation error detected: Value 'sage' at 'serviceNamespace' failed to satisfy constraint: Member must ",
          'satisfy enum value set: \\[ecs, ',
        ].join(''),
      ),
    );
    expect(ecs).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('not service namespace ecs'),
    });
    for (const err of [dimension, resourceId]) {
      expect(err).toBeInstanceOf(ValidationException);
      expect(err).toMatchObject({
        message: 'Unsupported service namespace, resource type or scalable dimension',
        $metadata: { httpStatusCode: 400 },
      });
    }
    expect(autoscaling.scalableTargets()).toEqual([]);
  });

  it(
    'refuses a variant that does not exist, ' + 'capacities out of order, and a new target without capacities',
    async () => {
      // Prepare
      await start();

      // Act
      const unknown = await rejection(
        client.send(new RegisterScalableTargetCommand(target('endpoint/churn-prod/variant/v9', 1, 2))),
      );
      const reversed = await rejection(client.send(new RegisterScalableTargetCommand(target(V1, 5, 2))));
      const bare = await rejection(client.send(new RegisterScalableTargetCommand(target(V1))));

      // Assess
      expect(unknown).toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('endpoint/churn-prod/variant/v9 does not exist'),
      });
      expect(reversed).toMatchObject({
        name: 'ValidationException',
        message: 'Minimum capacity (5) cannot be greater than maximum capacity (2).',
      });
      expect(bare).toMatchObject({
        name: 'ValidationException',
        message: 'MinCapacity and MaxCapacity are required to register a new scalable target.',
      });
      expect(lines()).toEqual([]);
    },
  );

  it(
    'refuses a target tracking policy without exactly one metric, ' + 'or on a metric that does not track instances',
    async () => {
      // Prepare
      await start();
      await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
      const { TargetTrackingScalingPolicyConfiguration: config, ...rest } = tracking(V1, 'p');

      // Act
      const none = await rejection(
        client.send(
          new PutScalingPolicyCommand({ ...rest, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } }),
        ),
      );
      const both = await rejection(
        client.send(
          new PutScalingPolicyCommand({
            ...rest,
            TargetTrackingScalingPolicyConfiguration: {
              ...config!,
              CustomizedMetricSpecification: {
                MetricName: 'ModelLatency',
                Namespace: 'AWS/SageMaker',
                Statistic: 'Average',
              },
            },
          }),
        ),
      );
      const serverless = await rejection(
        client.send(
          new PutScalingPolicyCommand({
            ...rest,
            TargetTrackingScalingPolicyConfiguration: {
              TargetValue: 0.7,
              PredefinedMetricSpecification: {
                PredefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization',
              },
            },
          }),
        ),
      );
      const missing = await rejection(client.send(new PutScalingPolicyCommand(rest)));

      // Assess
      for (const err of [none, both, serverless, missing]) expect(err).toBeInstanceOf(ValidationException);
      expect((none as Error).message).toBe(
        'A target tracking scaling policy needs exactly one of PredefinedMetricSpecification and ' +
          'CustomizedMetricSpecification.',
      );
      expect((missing as Error).message).toBe(
        'TargetTrackingScalingPolicyConfiguration is required for a policy of type TargetTrackingScaling.',
      );
      expect(autoscaling.scalableTargets()).toEqual([{ resourceId: V1, min: 1, max: 4, policies: [] }]);
    },
  );

  it('surfaces a missing target or policy as ObjectNotFoundException', async () => {
    // Prepare
    await start();

    // Act
    const policy = await rejection(client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations'))));
    const deregister = await rejection(
      client.send(
        new DeregisterScalableTargetCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: V2,
          ScalableDimension: DIMENSION,
        }),
      ),
    );
    const deletion = await rejection(
      client.send(
        new DeleteScalingPolicyCommand({
          PolicyName: 'gone',
          ServiceNamespace: 'sagemaker',
          ResourceId: V1,
          ScalableDimension: DIMENSION,
        }),
      ),
    );

    // Assess
    for (const err of [policy, deregister, deletion]) expect(err).toBeInstanceOf(ObjectNotFoundException);
    expect(policy).toMatchObject({
      name: 'ObjectNotFoundException',
      message:
        `No scalable target registered for service namespace: sagemaker, ` +
        `resource ID: ${V1}, scalable dimension: ${DIMENSION}`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(deletion).toMatchObject({
      name: 'ObjectNotFoundException',
      message: expect.stringContaining('policy name: gone'),
    });
  });

  it('deletes no policy for a request naming another service namespace, as AWS finds none there', async () => {
    // Prepare
    await start();
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations')));

    // Act
    const deletion = await rejection(
      client.send(
        new DeleteScalingPolicyCommand({
          PolicyName: 'churn-invocations',
          ServiceNamespace: 'ecs',
          ResourceId: V1,
          ScalableDimension: DIMENSION,
        }),
      ),
    );

    // Assess
    expect(deletion).toBeInstanceOf(ObjectNotFoundException);
    expect(deletion).toMatchObject({ message: expect.stringContaining('service namespace: ecs') });
    expect(autoscaling.scalableTargets()).toEqual([
      { resourceId: V1, min: 1, max: 4, policies: ['churn-invocations'] },
    ]);
  });
});

describe('serverless variants', () => {
  const SERVERLESS = 'endpoint/churn-prod/variant/serverless';
  const ON_DEMAND = 'endpoint/churn-prod/variant/on-demand';
  const variants: Record<string, ServedVariant> = {
    v1: {},
    serverless: { serverless: { memorySizeInMB: 2048, maxConcurrency: 5, provisionedConcurrency: 2 } },
    'on-demand': { serverless: { memorySizeInMB: 2048, maxConcurrency: 5 } },
  };
  /** v1 on instances, `serverless` with 2 provisioned of 5, `on-demand` serverless without provisioned concurrency. */
  const served: Served = (e, v) => (e === 'churn-prod' ? variants[v] : undefined);
  const provisioned = (ResourceId: string): RegisterScalableTargetCommandInput => ({
    ...target(ResourceId, 1, 5),
    ScalableDimension: PROVISIONED,
  });
  const utilization = { PredefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization' } as const;

  it('registers a serverless variant’s provisioned concurrency and a policy tracking its utilization', async () => {
    // Prepare
    await start(served);

    // Act
    await client.send(new RegisterScalableTargetCommand(provisioned(SERVERLESS)));
    await client.send(
      new PutScalingPolicyCommand({
        ...tracking(SERVERLESS, 'churn-provisioned'),
        ScalableDimension: PROVISIONED,
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 0.7, PredefinedMetricSpecification: utilization },
      }),
    );
    const targets = await client.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker', ScalableDimension: PROVISIONED }),
    );

    // Assess
    expect(targets.ScalableTargets).toEqual([
      expect.objectContaining({ ResourceId: SERVERLESS, ScalableDimension: PROVISIONED, MinCapacity: 1 }),
    ]);
    expect(autoscaling.scalableTargets()).toEqual([
      { resourceId: SERVERLESS, min: 1, max: 5, policies: ['churn-provisioned'] },
    ]);
  });

  it('refuses instance counts on a serverless variant, and provisioned concurrency on instances or none', async () => {
    // Prepare
    await start(served);

    // Act
    const instances = await rejection(client.send(new RegisterScalableTargetCommand(target(SERVERLESS, 1, 4))));
    const onInstances = await rejection(client.send(new RegisterScalableTargetCommand(provisioned(V1))));
    const none = await rejection(client.send(new RegisterScalableTargetCommand(provisioned(ON_DEMAND))));

    // Assess
    for (const err of [instances, onInstances, none]) expect(err).toBeInstanceOf(ValidationException);
    const refused = (dimension: string, variant: string) =>
      `Scalable dimension ${dimension} is not supported for ${variant}: `;
    expect((instances as Error).message).toBe(
      `${refused(DIMENSION, `serverless variant ${SERVERLESS}`)}a serverless variant scales only ${PROVISIONED}.`,
    );
    expect((onInstances as Error).message).toBe(
      `${refused(PROVISIONED, `variant ${V1}`)}it runs on instances (${DIMENSION}).`,
    );
    expect((none as Error).message).toBe(
      `${refused(PROVISIONED, `serverless variant ${ON_DEMAND}`)}its ServerlessConfig has no ProvisionedConcurrency.`,
    );
    expect(autoscaling.scalableTargets()).toEqual([]);
    expect(lines()).toEqual([]);
  });

  it('refuses a policy whose predefined metric tracks instances on a provisioned concurrency target', async () => {
    // Prepare
    await start(served);
    await client.send(new RegisterScalableTargetCommand(provisioned(SERVERLESS)));

    // Act
    const METRIC = 'SageMakerVariantInvocationsPerInstance';
    const policy = { ...tracking(SERVERLESS, 'p'), ScalableDimension: PROVISIONED };
    const err = await rejection(client.send(new PutScalingPolicyCommand(policy)));

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as Error).message).toBe(
      `Predefined metric type ${METRIC} does not apply to scalable dimension ${PROVISIONED}.`,
    );
  });
});

describe('SageMaker UpdateEndpoint and scalable targets', () => {
  /**
   * SageMaker refers to the autoscaling registry and the registry to SageMaker's live variants, as the cloud wires
   * them.
   */
  async function liveEndpoint(): Promise<(op: string, input: Record<string, unknown>) => Record<string, unknown>> {
    await start((name, variant) =>
      sagemaker!
        .endpoints()
        .find((e) => e.name === name)
        ?.variants.find((v) => v.variantName === variant),
    );
    const emulator = new SageMakerEmulator({
      clock,
      timeline,
      emit: () => undefined,
      trainingPlan: () => ({ outcome: 'Completed' }),
      hasScalableTarget: (endpoint, variant) => autoscaling.hasScalableTarget(endpoint, variant),
      deregisterScalableTargets: (endpoint) => autoscaling.deregisterEndpoint(endpoint),
    });
    sagemaker = emulator;
    const call = (op: string, input: Record<string, unknown>) => emulator.handle(op, input) as Record<string, unknown>;
    for (const name of ['churn-v1', 'churn-v2']) {
      call('CreateModel', {
        ModelName: name,
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://artifacts/churn/${name}/model.tar.gz` },
      });
    }
    const variant = (VariantName: string, ModelName: string, InstanceType = 'ml.m5.large') => ({
      VariantName,
      ModelName,
      InstanceType,
      InitialInstanceCount: 2,
      InitialVariantWeight: 1,
    });
    call('CreateEndpointConfig', {
      EndpointConfigName: 'churn-cfg-2',
      ProductionVariants: [variant('v1', 'churn-v1'), variant('v2', 'churn-v2')],
    });
    call('CreateEndpointConfig', {
      EndpointConfigName: 'churn-cfg-1',
      ProductionVariants: [variant('v1', 'churn-v1')],
    });
    call('CreateEndpointConfig', {
      EndpointConfigName: 'churn-cfg-big',
      ProductionVariants: [variant('v1', 'churn-v1'), variant('v2', 'churn-v2', 'ml.c5.xlarge')],
    });
    call('CreateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-2' });
    await settled(call);
    return call;
  }

  async function settled(call: (op: string, input: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    for (
      let i = 0;
      i < 200 && call('DescribeEndpoint', { EndpointName: 'churn-prod' }).EndpointStatus !== 'InService';
      i++
    )
      await clock.sleep(MINUTE);
  }

  it(
    'refuses an update that drops a variant with a scalable target, ' + 'and takes it once the variant is deregistered',
    async () => {
      // Prepare
      const call = await liveEndpoint();
      await client.send(new RegisterScalableTargetCommand(target(V2, 1, 4)));
      await client.send(new PutScalingPolicyCommand(tracking(V2, 'churn-invocations')));

      // Act
      const refused = failure(() =>
        call('UpdateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-1' }),
      );
      const during = call('DescribeEndpoint', { EndpointName: 'churn-prod' });
      await client.send(
        new DeregisterScalableTargetCommand({
          ServiceNamespace: 'sagemaker',
          ResourceId: V2,
          ScalableDimension: DIMENSION,
        }),
      );
      call('UpdateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-1' });
      await settled(call);

      // Assess
      expect(refused.code).toBe('ValidationException');
      expect(refused.message).toMatch(
        new RegExp(
          [
            '^The production variant\\(s\\) \\[v2\\] of endpoint ',
            '"arn:aws:sagemaker:us-east-1:123456789012:endpoint\\/churn-prod" are registered as Application Auto ',
            'Scaling scalable targets',
          ].join(''),
        ),
      );
      expect(during).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: 'churn-cfg-2' });
      expect(call('DescribeEndpoint', { EndpointName: 'churn-prod' })).toMatchObject({
        EndpointStatus: 'InService',
        EndpointConfigName: 'churn-cfg-1',
      });
    },
  );

  it('deregisters a deleted endpoint’s scalable targets and their policies, as the deletion does on AWS', async () => {
    // Prepare
    const call = await liveEndpoint();
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    await client.send(new PutScalingPolicyCommand(tracking(V1, 'churn-invocations')));
    await client.send(new RegisterScalableTargetCommand(target(V2, 1, 4)));

    // Act
    call('DeleteEndpoint', { EndpointName: 'churn-prod' });
    const targets = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'sagemaker' }));
    const policies = await client.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }));

    // Assess
    expect(targets.ScalableTargets).toEqual([]);
    expect(policies.ScalingPolicies).toEqual([]);
    expect(autoscaling.hasScalableTarget('churn-prod', 'v1')).toBe(false);
  });

  it('lets an update keep a registered variant on its instance type, but not move it to another one', async () => {
    // Prepare
    const call = await liveEndpoint();
    await client.send(new RegisterScalableTargetCommand(target(V1, 1, 4)));
    await client.send(new RegisterScalableTargetCommand(target(V2, 1, 4)));

    // Act
    const retyped = failure(() =>
      call('UpdateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-big' }),
    );
    call('UpdateEndpoint', {
      EndpointName: 'churn-prod',
      EndpointConfigName: 'churn-cfg-2',
      RetainAllVariantProperties: true,
    });
    await settled(call);

    // Assess
    expect(retyped.message).toContain('[v2]');
    expect(call('DescribeEndpoint', { EndpointName: 'churn-prod' })).toMatchObject({
      EndpointStatus: 'InService',
      EndpointConfigName: 'churn-cfg-2',
    });
  });

  it('registers only variants the endpoint really serves', async () => {
    // Prepare
    await liveEndpoint();

    // Act
    const err = await rejection(
      client.send(new RegisterScalableTargetCommand(target('endpoint/churn-prod/variant/v3', 1, 4))),
    );

    // Assess
    expect(err).toBeInstanceOf(ValidationException);
    expect(autoscaling.scalableTargets()).toEqual([]);
  });

  it('refuses an instance count on a variant served serverless, and takes its provisioned concurrency', async () => {
    // Prepare
    const call = await liveEndpoint();
    const ServerlessConfig = { MemorySizeInMB: 2048, MaxConcurrency: 5, ProvisionedConcurrency: 2 };
    const ProductionVariants = [{ VariantName: 'v1', ModelName: 'churn-v1', ServerlessConfig }];
    call('CreateEndpointConfig', { EndpointConfigName: 'churn-cfg-serverless', ProductionVariants });
    call('UpdateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-serverless' });
    await settled(call);

    // Act
    const instances = await rejection(client.send(new RegisterScalableTargetCommand(target(V1, 1, 2))));
    await client.send(new RegisterScalableTargetCommand({ ...target(V1, 1, 2), ScalableDimension: PROVISIONED }));

    // Assess
    expect(instances).toBeInstanceOf(ValidationException);
    expect((instances as Error).message).toBe(
      `Scalable dimension ${DIMENSION} is not supported for serverless variant ${V1}: ` +
        `a serverless variant scales only ${PROVISIONED}.`,
    );
    expect(autoscaling.scalableTargets()).toEqual([{ resourceId: V1, min: 1, max: 2, policies: [] }]);
  });
});
