// SageMaker hosting in the emulator: models, endpoint configs and endpoints, validated and answered as SageMaker
// does (docs/aws-sagemaker.md: "not found" and "already exists" are ValidationExceptions naming the ARN), endpoint
// lifecycles on the virtual clock with `SageMaker Endpoint State Change` events (status spelled IN_SERVICE as in
// the documented event), the silent rollback of a failed update, and the read-only views of the local cloud.
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { failure } from '../helpers/aws-error';
import { stallWhileArmingTimers } from '../helpers/stalling-machine';
import { SageMakerEmulator, type EndpointPlan } from '../../local/sagemaker';

const MINUTE = 60_000;
const ROLE = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-hosting';
const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const ENDPOINT = 'churn-prod';
const arnOf = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${kind}/${name}`;
const IN_FLIGHT = ['Creating', 'Updating', 'RollingBack'];

function setup(plan?: EndpointPlan) {
  const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const ops: Parameters<EndpointPlan>[0][] = [];
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
    endpointPlan: (op) => {
      ops.push(op);
      return plan?.(op) ?? { outcome: 'InService' };
    },
  });
  sagemaker.createModelPackageGroup('churn-models');
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, unknown>;
  const describe = (name = ENDPOINT) => call('DescribeEndpoint', { EndpointName: name });
  /** Waits (virtual time, in steps) until the endpoint leaves Creating/Updating/RollingBack. */
  const settled = async (name = ENDPOINT) => {
    for (let i = 0; i < 200 && IN_FLIGHT.includes(describe(name).EndpointStatus as string); i++)
      await clock.sleep(MINUTE);
  };
  const endpointEvents = () => events.filter((e) => e['detail-type'] === 'SageMaker Endpoint State Change');
  const statuses = () => endpointEvents().map((e) => e.detail.EndpointStatus);
  return { clock, events, timeline, sagemaker, call, describe, settled, endpointEvents, statuses, ops };
}

let env: ReturnType<typeof setup>;
afterEach(() => env.sagemaker.stop());

const model = (
  name: string,
  container: Record<string, unknown> = { Image: IMAGE, ModelDataUrl: `s3://artifacts/churn/${name}/model.tar.gz` },
) => env.call('CreateModel', { ModelName: name, ExecutionRoleArn: ROLE, PrimaryContainer: container });

const config = (name: string, variants: [variant: string, model: string, weight: number][]) =>
  env.call('CreateEndpointConfig', {
    EndpointConfigName: name,
    ProductionVariants: variants.map(([VariantName, ModelName, InitialVariantWeight]) => ({
      VariantName,
      ModelName,
      InitialVariantWeight,
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 2,
    })),
  });

/**
 * churn-prod InService on churn-cfg-1 (baseline: churn-v1), and churn-cfg-2 (baseline 90 %, candidate churn-v2 10 %)
 * ready.
 */
async function liveEndpoint(): Promise<void> {
  model('churn-v1');
  model('churn-v2');
  config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);
  config('churn-cfg-2', [
    ['baseline', 'churn-v1', 0.9],
    ['candidate', 'churn-v2', 0.1],
  ]);
  env.call('CreateEndpoint', {
    EndpointName: ENDPOINT,
    EndpointConfigName: 'churn-cfg-1',
    Tags: [{ Key: 'shepherd:model', Value: 'churn' }],
  });
  await env.settled();
}

const weights = (d: Record<string, unknown>) =>
  (d.ProductionVariants as { VariantName: string; CurrentWeight: number; DesiredWeight: number }[]).map((v) => [
    v.VariantName,
    v.CurrentWeight,
    v.DesiredWeight,
  ]);

describe('model and endpoint config validation', () => {
  it('rejects a model name with an underscore with the exact SageMaker message', () => {
    // Prepare
    env = setup();

    // Act
    const err = failure(() => model('churn_v1'));

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe(
      "1 validation error detected: Value 'churn_v1' at 'modelName' failed to satisfy constraint: Member must " +
        'satisfy regular expression pattern: ^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?',
    );
  });

  it('limits an inference pipeline to 15 containers and reports every violation together', () => {
    // Prepare
    env = setup();
    const containers = Array.from({ length: 16 }, () => ({ Image: IMAGE }));

    // Act
    const err = failure(() =>
      env.call('CreateModel', {
        ModelName: 'churn-pipeline',
        ExecutionRoleArn: 'arn:aws:iam::123:role/ml',
        Containers: containers,
      }),
    );

    // Assess
    expect(err.message).toMatch(/^2 validation errors detected: /);
    expect(err.message).toContain(
      "Value 'arn:aws:iam::123:role/ml' at 'executionRoleArn' failed to satisfy constraint: Member must satisfy " +
        'regular expression pattern: ^arn:aws',
    );
    expect(err.message).toContain(
      "at 'containers' failed to satisfy constraint: Member must have length less than or equal to 15",
    );
  });

  it('refuses a model without any container, and a container with neither image nor package', () => {
    // Prepare
    env = setup();

    // Act
    const none = failure(() => env.call('CreateModel', { ModelName: 'churn-v1', ExecutionRoleArn: ROLE }));
    const empty = failure(() => model('churn-v1', { ModelDataUrl: 's3://artifacts/model.tar.gz' }));

    // Assess
    expect([none.code, empty.code]).toEqual(['ValidationException', 'ValidationException']);
    expect(env.sagemaker.models()).toEqual([]);
  });

  it('answers a second model of the same name, and an unknown one, with ValidationExceptions naming the ARN', () => {
    // Prepare
    env = setup();
    model('Churn-V1');

    // Act
    const again = failure(() => model('churn-v1'));
    const unknown = failure(() => env.call('DescribeModel', { ModelName: 'churn-v9' }));

    // Assess
    expect(again.message).toBe(`Cannot create already existing model "${arnOf('model', 'churn-v1')}".`);
    expect([unknown.code, unknown.message]).toEqual([
      'ValidationException',
      `Could not find model "${arnOf('model', 'churn-v9')}".`,
    ]);
  });

  it('checks every production variant at once: count, weight, serverless memory', () => {
    // Prepare
    env = setup();
    model('churn-v1');
    const variant = (i: number) => ({
      VariantName: `v${i}`,
      ModelName: 'churn-v1',
      InstanceType: 'ml.m5.large',
      InitialInstanceCount: 1,
    });
    const variants = [
      ...Array.from({ length: 10 }, (_, i) => variant(i)),
      {
        VariantName: 'sls',
        ModelName: 'churn-v1',
        InitialVariantWeight: -1,
        ServerlessConfig: { MemorySizeInMB: 512, MaxConcurrency: 5 },
      },
    ];

    // Act
    const err = failure(() =>
      env.call('CreateEndpointConfig', { EndpointConfigName: 'churn-cfg', ProductionVariants: variants }),
    );

    // Assess
    expect(err.message).toMatch(/^3 validation errors detected: /);
    expect(err.message).toContain(
      "at 'productionVariants' failed to satisfy constraint: Member must have length less than or equal to 10",
    );
    expect(err.message).toContain(
      "Value '-1' at 'productionVariants.11.member.initialVariantWeight' failed to satisfy constraint: Member must " +
        'have value greater than or equal to 0',
    );
    expect(err.message).toContain(
      "Value '512' at 'productionVariants.11.member.serverlessConfig.memorySizeInMB' failed to satisfy constraint: " +
        'Member must have value greater than or equal to 1024',
    );
  });

  it('rejects an instance type outside the enum and a variant with neither instances nor ServerlessConfig', () => {
    // Prepare
    env = setup();
    model('churn-v1');

    // Act
    const type = failure(() =>
      env.call('CreateEndpointConfig', {
        EndpointConfigName: 'c',
        ProductionVariants: [
          { VariantName: 'a', ModelName: 'churn-v1', InstanceType: 'm5.large', InitialInstanceCount: 1 },
        ],
      }),
    );
    const bare = failure(() =>
      env.call('CreateEndpointConfig', {
        EndpointConfigName: 'c',
        ProductionVariants: [{ VariantName: 'a', ModelName: 'churn-v1' }],
      }),
    );

    // Assess
    expect(type.message).toContain(
      "Value 'm5.large' at 'productionVariants.1.member.instanceType' failed to satisfy constraint: Member must " +
        'satisfy enum value set: [',
    );
    expect(bare.code).toBe('ValidationException');
  });

  it('needs the models a config names, and answers a repeated or unknown config naming its ARN', () => {
    // Prepare
    env = setup();
    model('churn-v1');
    config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);

    // Act
    const missingModel = failure(() => config('churn-cfg-2', [['baseline', 'churn-v7', 1]]));
    const again = failure(() => config('churn-cfg-1', [['baseline', 'churn-v1', 1]]));
    const unknown = failure(() => env.call('DescribeEndpointConfig', { EndpointConfigName: 'churn-cfg-9' }));

    // Assess
    expect(missingModel.message).toBe(`Could not find model "${arnOf('model', 'churn-v7')}".`);
    expect(again.message).toBe(
      `Cannot create already existing endpoint configuration "${arnOf('endpoint-config', 'churn-cfg-1')}".`,
    );
    expect(unknown.message).toBe(`Could not find endpoint configuration "${arnOf('endpoint-config', 'churn-cfg-9')}".`);
  });

  it('describes a config with the default weight of 1.0 filled in', () => {
    // Prepare
    env = setup();
    model('churn-v1');
    env.call('CreateEndpointConfig', {
      EndpointConfigName: 'churn-sls',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'churn-v1',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
    });

    // Act
    const out = env.call('DescribeEndpointConfig', { EndpointConfigName: 'churn-sls' });

    // Assess
    expect(out).toMatchObject({
      EndpointConfigName: 'churn-sls',
      EndpointConfigArn: arnOf('endpoint-config', 'churn-sls'),
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'churn-v1',
          InitialVariantWeight: 1,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
    });
    expect(out.CreationTime).toBeInstanceOf(Date);
  });
});

describe('endpoint errors as SageMaker answers them', () => {
  it('answers DescribeEndpoint and DeleteEndpoint of an unknown endpoint with "Could not find endpoint"', () => {
    // Prepare
    env = setup();

    // Act
    const errors = ['DescribeEndpoint', 'DeleteEndpoint'].map((op) =>
      failure(() => env.call(op, { EndpointName: 'ghost' })),
    );

    // Assess
    for (const err of errors)
      expect([err.code, err.message]).toEqual([
        'ValidationException',
        `Could not find endpoint "${arnOf('endpoint', 'ghost')}".`,
      ]);
  });

  it('refuses a second endpoint of the same name and an endpoint on an unknown config', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();

    // Act
    const again = failure(() =>
      env.call('CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' }),
    );
    const noConfig = failure(() =>
      env.call('CreateEndpoint', { EndpointName: 'churn-shadow', EndpointConfigName: 'churn-cfg-9' }),
    );

    // Assess
    expect(again.message).toBe(`Cannot create already existing endpoint "${arnOf('endpoint', ENDPOINT)}".`);
    expect(noConfig.message).toBe(
      `Could not find endpoint configuration "${arnOf('endpoint-config', 'churn-cfg-9')}".`,
    );
  });

  it('validates UpdateEndpointWeightsAndCapacities and refuses a variant the endpoint does not have', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();

    // Act
    const empty = failure(() =>
      env.call('UpdateEndpointWeightsAndCapacities', { EndpointName: ENDPOINT, DesiredWeightsAndCapacities: [] }),
    );
    const unknown = failure(() =>
      env.call('UpdateEndpointWeightsAndCapacities', {
        EndpointName: ENDPOINT,
        DesiredWeightsAndCapacities: [{ VariantName: 'candidate', DesiredWeight: 1 }],
      }),
    );

    // Assess
    expect(empty.message).toContain(
      "at 'desiredWeightsAndCapacities' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
    expect(unknown.code).toBe('ValidationException');
    expect(env.describe().EndpointStatus).toBe('InService');
  });
});

describe('an endpoint that is created', () => {
  it('goes Creating → InService after 8 virtual minutes, with events spelled CREATING and IN_SERVICE', async () => {
    // Prepare
    env = setup();

    // Act
    await liveEndpoint();

    // Assess
    expect(env.statuses()).toEqual(['CREATING', 'IN_SERVICE']);
    const [creating, inService] = env.endpointEvents().map((e) => e.detail.LastModifiedTime as number);
    expect(inService! - creating!).toBe(8 * MINUTE);
    expect(env.describe().EndpointStatus).toBe('InService');
    expect(env.ops).toEqual([{ endpointName: ENDPOINT, operation: 'CreateEndpoint', configName: 'churn-cfg-1' }]);
  });

  it('emits events shaped as documented: envelope, variants, epoch-ms times, tags as a map', async () => {
    // Prepare
    env = setup();

    // Act
    await liveEndpoint();

    // Assess
    const event = env.endpointEvents().at(-1)!;
    expect(event).toMatchObject({
      version: '0',
      source: 'aws.sagemaker',
      account: '123456789012',
      region: 'us-east-1',
      resources: [arnOf('endpoint', ENDPOINT)],
    });
    expect(event.detail).toEqual({
      EndpointName: ENDPOINT,
      EndpointArn: arnOf('endpoint', ENDPOINT),
      EndpointConfigName: 'churn-cfg-1',
      ProductionVariants: [
        {
          VariantName: 'baseline',
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: 2,
          DesiredInstanceCount: 2,
        },
      ],
      EndpointStatus: 'IN_SERVICE',
      CreationTime: env.endpointEvents()[0]!.detail.CreationTime,
      LastModifiedTime: (env.endpointEvents()[0]!.detail.CreationTime as number) + 8 * MINUTE,
      Tags: { 'shepherd:model': 'churn' },
    });
    expect(event.time).toBe(new Date(event.detail.LastModifiedTime as number).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('answers DescribeEndpoint with InService, the live variants, their images and Dates', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();

    // Act
    const out = env.describe();

    // Assess
    expect(out).toMatchObject({
      EndpointName: ENDPOINT,
      EndpointArn: arnOf('endpoint', ENDPOINT),
      EndpointConfigName: 'churn-cfg-1',
      EndpointStatus: 'InService',
      ProductionVariants: [
        {
          VariantName: 'baseline',
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: 2,
          DesiredInstanceCount: 2,
          DeployedImages: [{ SpecifiedImage: IMAGE }],
        },
      ],
    });
    expect(out).not.toHaveProperty('FailureReason');
    expect(out.CreationTime).toBeInstanceOf(Date);
    expect(
      (out.ProductionVariants as { DeployedImages: { ResolvedImage: string }[] }[])[0]!.DeployedImages[0]!
        .ResolvedImage,
    ).toMatch(/sagemaker-xgboost@sha256:[0-9a-f]{64}$/);
  });

  it('shows the endpoint in endpoints() and logs one line per change', async () => {
    // Prepare
    env = setup();

    // Act
    await liveEndpoint();

    // Assess
    expect(env.sagemaker.endpoints()).toEqual([
      {
        name: ENDPOINT,
        arn: arnOf('endpoint', ENDPOINT),
        status: 'InService',
        configName: 'churn-cfg-1',
        variants: [
          {
            variantName: 'baseline',
            modelName: 'churn-v1',
            currentWeight: 1,
            desiredWeight: 1,
            instanceCount: 2,
            instanceType: 'ml.m5.large',
          },
        ],
      },
    ]);
    const lines = env.timeline.lines.map((l) => l.message).filter((m) => m.startsWith('endpoint churn-prod'));
    expect(lines).toEqual([
      'endpoint churn-prod Creating (config churn-cfg-1)',
      'endpoint churn-prod InService on churn-cfg-1: baseline=1',
    ]);
  });

  it(
    'ends Failed with the reason in the event and DescribeEndpoint when the plan says so, ' + 'and then only deletes',
    async () => {
      // Prepare
      env = setup(() => ({ outcome: 'Failed', durationMs: 20 * MINUTE }));
      model('churn-v1');
      config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);

      // Act
      env.call('CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-1' });
      await env.settled();
      const update = failure(() =>
        env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-1' }),
      );

      // Assess
      const reason =
        'The primary container for production variant baseline did not pass the ping health check. ' +
        'Please check CloudWatch logs for this endpoint.';
      expect(env.statuses()).toEqual(['CREATING', 'FAILED']);
      expect(env.endpointEvents().at(-1)!.detail.FailureReason).toBe(reason);
      expect(env.describe()).toMatchObject({ EndpointStatus: 'Failed', FailureReason: reason });
      expect(update.message).toBe(`Cannot update failed endpoint "${arnOf('endpoint', ENDPOINT)}".`);
    },
  );
});

describe('UpdateEndpoint', () => {
  it(
    'moves the endpoint to the new config: ' + 'Updating, still on the old config, then InService on the new one',
    async () => {
      // Prepare
      env = setup();
      await liveEndpoint();

      // Act
      env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
      const during = env.describe();
      await env.settled();

      // Assess
      expect(during).toMatchObject({ EndpointStatus: 'Updating', EndpointConfigName: 'churn-cfg-1' });
      expect(env.statuses()).toEqual(['CREATING', 'IN_SERVICE', 'UPDATING', 'IN_SERVICE']);
      expect(env.describe()).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: 'churn-cfg-2' });
      expect(weights(env.describe())).toEqual([
        ['baseline', 0.9, 0.9],
        ['candidate', 0.1, 0.1],
      ]);
      expect(env.endpointEvents().at(-1)!.detail.EndpointConfigName).toBe('churn-cfg-2');
    },
  );

  it(
    'rolls a failed update back silently: ' + 'InService on the previous config, the reason only in DescribeEndpoint',
    async () => {
      // Prepare
      env = setup((op) =>
        op.operation === 'UpdateEndpoint'
          ? { outcome: 'RolledBack', failureReason: 'The candidate container exited with code 137 (out of memory).' }
          : { outcome: 'InService' },
      );
      await liveEndpoint();

      // Act
      env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
      await env.settled();

      // Assess
      expect(env.statuses()).toEqual(['CREATING', 'IN_SERVICE', 'UPDATING', 'IN_SERVICE']);
      const last = env.endpointEvents().at(-1)!;
      expect(last.detail.EndpointConfigName).toBe('churn-cfg-1');
      expect(last.detail).not.toHaveProperty('FailureReason');
      expect(env.describe()).toMatchObject({
        EndpointStatus: 'InService',
        EndpointConfigName: 'churn-cfg-1',
        FailureReason: 'The candidate container exited with code 137 (out of memory).',
      });
      expect(weights(env.describe())).toEqual([['baseline', 1, 1]]);
      expect(env.timeline.lines.at(-1)!.message).toBe(
        'endpoint churn-prod InService on churn-cfg-1: update to churn-cfg-2 rolled back: The candidate container ' +
          'exited with code 137 (out of memory).',
      );
    },
  );

  it('passes RollingBack when a guarded (DeploymentConfig) update fails', async () => {
    // Prepare
    env = setup((op) => (op.operation === 'UpdateEndpoint' ? { outcome: 'RolledBack' } : { outcome: 'InService' }));
    await liveEndpoint();
    const deploymentConfig = {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          WaitIntervalInSeconds: 600,
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
        },
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-5xx' }] },
    };

    // Act
    env.call('UpdateEndpoint', {
      EndpointName: ENDPOINT,
      EndpointConfigName: 'churn-cfg-2',
      DeploymentConfig: deploymentConfig,
    });
    await env.settled();

    // Assess
    expect(env.statuses().slice(2)).toEqual(['UPDATING', 'ROLLING_BACK', 'IN_SERVICE']);
    expect(env.describe().EndpointConfigName).toBe('churn-cfg-1');
  });

  it('keeps current weights with RetainAllVariantProperties, unless DesiredWeight is excluded', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();
    env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
    await env.settled();
    env.call('UpdateEndpointWeightsAndCapacities', {
      EndpointName: ENDPOINT,
      DesiredWeightsAndCapacities: [{ VariantName: 'baseline', DesiredWeight: 0.5 }],
    });
    await env.settled();
    config('churn-cfg-3', [
      ['baseline', 'churn-v1', 0.9],
      ['candidate', 'churn-v2', 0.1],
    ]);

    // Act
    env.call('UpdateEndpoint', {
      EndpointName: ENDPOINT,
      EndpointConfigName: 'churn-cfg-3',
      RetainAllVariantProperties: true,
    });
    await env.settled();
    const retained = weights(env.describe());
    env.call('UpdateEndpoint', {
      EndpointName: ENDPOINT,
      EndpointConfigName: 'churn-cfg-2',
      RetainAllVariantProperties: true,
      ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }],
    });
    await env.settled();

    // Assess
    expect(retained).toEqual([
      ['baseline', 0.5, 0.5],
      ['candidate', 0.1, 0.1],
    ]);
    expect(weights(env.describe())).toEqual([
      ['baseline', 0.9, 0.9],
      ['candidate', 0.1, 0.1],
    ]);
  });

  it('keeps instance counts with RetainAllVariantProperties (weights excluded), the config’s without', async () => {
    // Prepare: on the canary config, the baseline scaled from its config's 2 instances to 6, the candidate drained
    env = setup();
    await liveEndpoint();
    env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
    await env.settled();
    env.call('UpdateEndpointWeightsAndCapacities', {
      EndpointName: ENDPOINT,
      DesiredWeightsAndCapacities: [
        { VariantName: 'baseline', DesiredWeight: 1, DesiredInstanceCount: 6 },
        { VariantName: 'candidate', DesiredWeight: 0 },
      ],
    });
    await env.settled();
    const counts = () =>
      (
        env.describe().ProductionVariants as {
          VariantName: string;
          CurrentWeight: number;
          CurrentInstanceCount: number;
        }[]
      ).map((v) => [v.VariantName, v.CurrentWeight, v.CurrentInstanceCount]);

    // Act: back to the baseline's config keeping the instances, then to the canary config without
    env.call('UpdateEndpoint', {
      EndpointName: ENDPOINT,
      EndpointConfigName: 'churn-cfg-1',
      RetainAllVariantProperties: true,
      ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }],
    });
    await env.settled();
    const kept = counts();
    env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
    await env.settled();

    // Assess
    expect(kept).toEqual([['baseline', 1, 6]]);
    expect(counts()).toEqual([
      ['baseline', 0.9, 2],
      ['candidate', 0.1, 2],
    ]);
  });

  it('allows deleting the config an endpoint uses, and then refuses the next update', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();

    // Act
    const deleted = env.call('DeleteEndpointConfig', { EndpointConfigName: 'churn-cfg-1' });
    const err = failure(() =>
      env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' }),
    );

    // Assess
    expect(deleted).toEqual({});
    expect([err.code, err.message]).toEqual([
      'ValidationException',
      `Could not find endpoint configuration "${arnOf('endpoint-config', 'churn-cfg-1')}".`,
    ]);
    expect(env.describe()).toMatchObject({ EndpointStatus: 'InService', EndpointConfigName: 'churn-cfg-1' });
  });
});

describe('UpdateEndpointWeightsAndCapacities', () => {
  it('fails with a ValidationException while the endpoint is Updating', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();
    env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });

    // Act
    const err = failure(() =>
      env.call('UpdateEndpointWeightsAndCapacities', {
        EndpointName: ENDPOINT,
        DesiredWeightsAndCapacities: [{ VariantName: 'baseline', DesiredWeight: 1 }],
      }),
    );

    // Assess
    expect([err.code, err.message]).toEqual([
      'ValidationException',
      `Cannot update in-progress endpoint "${arnOf('endpoint', ENDPOINT)}".`,
    ]);
    expect(env.describe().EndpointStatus).toBe('Updating');
  });

  it(
    'shows desired and current weights apart while Updating, ' + 'then serves the new weights after 2 minutes',
    async () => {
      // Prepare
      env = setup();
      await liveEndpoint();
      env.call('UpdateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-2' });
      await env.settled();
      const desired = [
        { VariantName: 'baseline', DesiredWeight: 0.5 },
        { VariantName: 'candidate', DesiredWeight: 0.5, DesiredInstanceCount: 3 },
      ];

      // Act
      env.call('UpdateEndpointWeightsAndCapacities', { EndpointName: ENDPOINT, DesiredWeightsAndCapacities: desired });
      const during = env.describe();
      await env.settled();

      // Assess
      expect(during.EndpointStatus).toBe('Updating');
      expect(weights(during)).toEqual([
        ['baseline', 0.9, 0.5],
        ['candidate', 0.1, 0.5],
      ]);
      expect(weights(env.describe())).toEqual([
        ['baseline', 0.5, 0.5],
        ['candidate', 0.5, 0.5],
      ]);
      const [updating, inService] = env.endpointEvents().slice(-2);
      expect([updating!.detail.EndpointStatus, inService!.detail.EndpointStatus]).toEqual(['UPDATING', 'IN_SERVICE']);
      expect((inService!.detail.LastModifiedTime as number) - (updating!.detail.LastModifiedTime as number)).toBe(
        2 * MINUTE,
      );
      expect(
        env.sagemaker.endpoints()[0]!.variants.map((v) => [v.variantName, v.currentWeight, v.instanceCount]),
      ).toEqual([
        ['baseline', 0.5, 2],
        ['candidate', 0.5, 3],
      ]);
    },
  );

  it('serves the new weights at their scripted instant when the machine stalls as the change is armed', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();
    const desired = [{ VariantName: 'baseline', DesiredWeight: 0.5 }];
    const undo = stallWhileArmingTimers(env.clock);

    // Act
    env.call('UpdateEndpointWeightsAndCapacities', { EndpointName: ENDPOINT, DesiredWeightsAndCapacities: desired });
    const asked = (env.describe().LastModifiedTime as Date).getTime();
    await new Promise((resolve) => env.clock.at(asked + 2.5 * MINUTE, () => resolve(undefined)));
    undo();

    // Assess
    expect(env.describe()).toMatchObject({ EndpointStatus: 'InService', ProductionVariants: [{ CurrentWeight: 0.5 }] });
  });

  it('passes RollingBack and keeps the old weights when the change is scripted to roll back', async () => {
    // Prepare
    env = setup((op) =>
      op.operation === 'UpdateEndpointWeightsAndCapacities' ? { outcome: 'RolledBack' } : { outcome: 'InService' },
    );
    await liveEndpoint();

    // Act
    env.call('UpdateEndpointWeightsAndCapacities', {
      EndpointName: ENDPOINT,
      DesiredWeightsAndCapacities: [{ VariantName: 'baseline', DesiredInstanceCount: 6 }],
    });
    await env.settled();

    // Assess
    expect(env.statuses().slice(2)).toEqual(['UPDATING', 'ROLLING_BACK', 'IN_SERVICE']);
    expect(env.describe()).toMatchObject({
      EndpointStatus: 'InService',
      ProductionVariants: [{ CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
    });
    expect(env.describe().FailureReason).toMatch(/^Unable to provision requested ML compute capacity/);
  });
});

describe('DeleteEndpoint and ListEndpoints', () => {
  it('refuses to delete an endpoint that is still Creating', () => {
    // Prepare
    env = setup();
    model('churn-v1');
    config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);
    env.call('CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-1' });

    // Act
    const err = failure(() => env.call('DeleteEndpoint', { EndpointName: ENDPOINT }));

    // Assess
    expect(err.message).toBe(`Cannot update in-progress endpoint "${arnOf('endpoint', ENDPOINT)}".`);
  });

  it('deletes an endpoint through Deleting, with a DELETING event, until it is gone with its tags', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();

    // Act
    env.call('DeleteEndpoint', { EndpointName: ENDPOINT });
    const during = env.describe().EndpointStatus;
    await env.clock.sleep(5 * MINUTE);

    // Assess
    expect(during).toBe('Deleting');
    expect(env.statuses()).toEqual(['CREATING', 'IN_SERVICE', 'DELETING']);
    expect(failure(() => env.describe()).message).toContain('Could not find endpoint');
    expect(failure(() => env.call('ListTags', { ResourceArn: arnOf('endpoint', ENDPOINT) })).code).toBe(
      'ValidationException',
    );
    expect(env.sagemaker.endpoints()).toEqual([]);
  });

  it('lists endpoints newest first by default, filtered by name and status, in pages', async () => {
    // Prepare
    env = setup((op) =>
      op.endpointName === ENDPOINT ? { outcome: 'InService' } : { outcome: 'InService', durationMs: 24 * 60 * MINUTE },
    );
    await liveEndpoint();
    env.call('CreateEndpoint', { EndpointName: 'churn-staging', EndpointConfigName: 'churn-cfg-1' });
    await env.clock.sleep(MINUTE);
    env.call('CreateEndpoint', { EndpointName: 'fraud-prod', EndpointConfigName: 'churn-cfg-1' });
    const names = (out: Record<string, unknown>) =>
      (out.Endpoints as { EndpointName: string }[]).map((e) => e.EndpointName);

    // Act
    const all = env.call('ListEndpoints', {});
    const creatingChurn = env.call('ListEndpoints', { NameContains: 'churn', StatusEquals: 'Creating' });
    const first = env.call('ListEndpoints', { SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 2 });
    const second = env.call('ListEndpoints', {
      SortBy: 'Name',
      SortOrder: 'Ascending',
      MaxResults: 2,
      NextToken: first.NextToken,
    });

    // Assess
    expect(names(all)).toEqual(['fraud-prod', 'churn-staging', 'churn-prod']);
    expect(names(creatingChurn)).toEqual(['churn-staging']);
    expect([...names(first), ...names(second)]).toEqual(['churn-prod', 'churn-staging', 'fraud-prod']);
    expect(second).not.toHaveProperty('NextToken');
  });

  it('rejects a status outside the endpoint status enum', () => {
    // Prepare
    env = setup();

    // Act
    const err = failure(() => env.call('ListEndpoints', { StatusEquals: 'IN_SERVICE' }));

    // Assess
    expect(err.message).toContain(
      "Value 'IN_SERVICE' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: " +
        '[OutOfService, Creating, Updating, SystemUpdating, RollingBack, InService, Deleting, Failed, ' +
        'UpdateRollbackFailed]',
    );
  });
});

describe('what a cost sweep lists and tags', () => {
  it('lists models and endpoint configs, newest first, and deletes a model', async () => {
    // Prepare
    env = setup();
    model('churn-v1');
    await env.clock.sleep(MINUTE);
    model('churn-v2');
    config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);

    // Act
    env.call('DeleteModel', { ModelName: 'churn-v1' });
    const models = env.call('ListModels', {});
    const configs = env.call('ListEndpointConfigs', { NameContains: 'cfg' });

    // Assess
    expect((models.Models as { ModelName: string }[]).map((m) => m.ModelName)).toEqual(['churn-v2']);
    expect(configs.EndpointConfigs).toEqual([
      {
        EndpointConfigName: 'churn-cfg-1',
        EndpointConfigArn: arnOf('endpoint-config', 'churn-cfg-1'),
        CreationTime: expect.any(Date),
      },
    ]);
  });

  it('tags endpoints, models and configs, and carries an endpoint tag into its next event', async () => {
    // Prepare
    env = setup();
    await liveEndpoint();
    const resources = [
      arnOf('endpoint', ENDPOINT),
      arnOf('model', 'churn-v1'),
      arnOf('endpoint-config', 'churn-cfg-1'),
    ];

    // Act
    for (const ResourceArn of resources) env.call('AddTags', { ResourceArn, Tags: [{ Key: 'team', Value: 'ml' }] });
    env.call('UpdateEndpointWeightsAndCapacities', {
      EndpointName: ENDPOINT,
      DesiredWeightsAndCapacities: [{ VariantName: 'baseline', DesiredWeight: 1 }],
    });

    // Assess
    expect(resources.map((ResourceArn) => env.call('ListTags', { ResourceArn }).Tags)).toEqual([
      [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'team', Value: 'ml' },
      ],
      [{ Key: 'team', Value: 'ml' }],
      [{ Key: 'team', Value: 'ml' }],
    ]);
    expect(env.endpointEvents().at(-1)!.detail.Tags).toEqual({ 'shepherd:model': 'churn', team: 'ml' });
  });

  it('answers ListNotebookInstances with no instances, after validating its input', () => {
    // Prepare
    env = setup();

    // Act
    const out = env.call('ListNotebookInstances', { SortBy: 'Status', StatusEquals: 'InService' });
    const err = failure(() => env.call('ListNotebookInstances', { SortBy: 'Size', MaxResults: 500 }));

    // Assess
    expect(out).toEqual({ NotebookInstances: [] });
    expect(err.message).toMatch(/^2 validation errors detected: /);
    expect(err.message).toContain(
      "Value 'Size' at 'sortBy' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [Name, CreationTime, Status]',
    );
  });
});

describe('modelPackageOf', () => {
  const registerPackage = () =>
    env.call('CreateModelPackage', {
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: 's3://artifacts/churn/run-7/model.tar.gz' }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
    }).ModelPackageArn as string;

  it('answers the package a model names in its container, whose image it deploys', async () => {
    // Prepare
    env = setup();
    const packageArn = registerPackage();
    model('churn-v7', { ModelPackageName: packageArn });
    config('churn-cfg-7', [['candidate', 'churn-v7', 1]]);

    // Act
    env.call('CreateEndpoint', { EndpointName: ENDPOINT, EndpointConfigName: 'churn-cfg-7' });
    await env.settled();

    // Assess
    expect(env.sagemaker.modelPackageOf('churn-v7')).toBe(packageArn);
    expect(env.describe()).toMatchObject({ ProductionVariants: [{ DeployedImages: [{ SpecifiedImage: IMAGE }] }] });
  });

  it('answers the package registered with the same artifact, and nothing for a model of no package', () => {
    // Prepare
    env = setup();
    const packageArn = registerPackage();

    // Act
    model('churn-v7', { Image: IMAGE, ModelDataUrl: 's3://artifacts/churn/run-7/model.tar.gz' });
    model('scratch', { Image: IMAGE, ModelDataUrl: 's3://artifacts/scratch/model.tar.gz' });

    // Assess
    expect(env.sagemaker.modelPackageOf('churn-v7')).toBe(packageArn);
    expect(env.sagemaker.modelPackageOf('scratch')).toBeUndefined();
    expect(env.sagemaker.modelPackageOf('ghost')).toBeUndefined();
    expect(env.sagemaker.models()).toEqual([
      { name: 'churn-v7', containers: [{ image: IMAGE, modelDataUrl: 's3://artifacts/churn/run-7/model.tar.gz' }] },
      { name: 'scratch', containers: [{ image: IMAGE, modelDataUrl: 's3://artifacts/scratch/model.tar.gz' }] },
    ]);
  });

  it('refuses a model of a package that does not exist', () => {
    // Prepare
    env = setup();

    // Act
    const err = failure(() =>
      model('churn-v7', { ModelPackageName: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/9' }),
    );

    // Assess
    expect(err.code).toBe('ValidationException');
    expect(env.sagemaker.models()).toEqual([]);
  });
});
