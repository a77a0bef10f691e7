import type { Action } from '../../shared/domain/actions';
import { onHumanDecision } from '../../shared/domain/deployment/human';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved, stillWanted } from '../../shared/domain/deployment/progress';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK, bakingCanaryState, canaryBakingAt } from '../helpers/deployment';
import { ofType, types } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);

/** A canary of v2 beside v1, applied and baking at 10 %. */
function baking(): DeploymentState {
  return bakingCanaryState(line);
}

/** Judges and applies each step until the canary reaches `weight` (passing on the way). */
function bakingAt(weight: number): DeploymentState {
  return canaryBakingAt(line, weight);
}

describe('starting a deployment', () => {
  it('creates the endpoint with the candidate alone when there is none', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0));

    // Assess
    expect(types(d.actions)).toEqual([
      'createModel',
      'createEndpointConfig',
      'createEndpoint',
      'event:Deployment Started',
    ]);
    const [config] = ofType(d.actions, 'createEndpointConfig');
    expect(config!.request.ProductionVariants).toEqual([
      {
        VariantName: 'v1',
        ModelName: expect.stringMatching(/^churn-v1-[0-9a-f]{6}$/),
        InitialVariantWeight: 100,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
      },
    ]);
    expect(ofType(d.actions, 'createModel')[0]!.request).toMatchObject({
      ExecutionRoleArn: 'arn:aws:iam::123456789012:role/shepherd-sagemaker-inference',
      Containers: pkg(1).containers,
    });
    expect(d.state?.active).toMatchObject({ kind: 'create', status: 'creating' });
  });

  it('reports a first model promoted without judgements, saying there was no baseline to judge it against', () => {
    // Prepare
    const creating = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0)).state!;
    const inService = { status: 'InService', configName: creating.active!.expectConfig };

    // Act
    const d = onEndpointObserved(creating, line, inService, t(8));

    // Assess
    const { message } = ofType(d.actions, 'notify')[0]!.notification;
    expect(message).toMatch(/^Judgements +none: no baseline to judge against$/m);
    expect(message).not.toMatch(/^none$/m);
  });

  it('puts the candidate beside the baseline at the first canary weight, on one instance', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0));

    // Assess
    expect(types(d.actions)).toEqual([
      'createModel',
      'createEndpointConfig',
      'updateEndpoint',
      'event:Deployment Started',
    ]);
    expect(
      ofType(d.actions, 'createEndpointConfig')[0]!.request.ProductionVariants.map((v) => [
        v.VariantName,
        v.InitialVariantWeight,
        v.InitialInstanceCount,
      ]),
    ).toEqual([
      ['v1', 90, 2],
      ['v2', 10, 1],
    ]);
    expect(d.metrics).toEqual(['DeploymentsStarted']);
  });

  it('queues a second approval (the latest wins) and tells that the superseded one will not be deployed', () => {
    // Prepare
    const active = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;

    // Act
    const second = onApproved(active, line, pkg(3), servingV1, t(0.01));
    const third = onApproved(second.state!, line, pkg(4), servingV1, t(0.02));

    // Assess
    expect(second.state?.queued?.version).toBe(3);
    expect(third.state?.queued?.version).toBe(4);
    expect(ofType(third.actions, 'notify')[0]!.notification.subject).toBe('[Shepherd] churn: approval superseded');
    expect(ofType(second.actions, 'updateEndpoint')).toEqual([]);
  });

  it(
    'supersedes on arrival an approval older than the one deploying, ' + 'so an older model never follows a newer one',
    () => {
      // Prepare
      const active = onApproved(emptyDeploymentState('churn-prod'), line, pkg(3), servingV1, t(0)).state!;

      // Act
      const older = onApproved(active, line, pkg(2), servingV1, t(0.01));

      // Assess
      expect(older.state?.queued).toBeUndefined();
      expect(older.log.message).toBe('approval superseded on arrival');
      expect(ofType(older.actions, 'notify')[0]!.notification.message).toContain(pkg(3).arn);
    },
  );

  it('supersedes an approval delivered late, after a model approved after it was promoted', () => {
    // Prepare: v2 (approved at 02:00) promoted; v1's approval, at 01:59, comes only now
    const promoting = onJudged(bakingAt(50), line, verdicts.pass(), t(60), STACK);
    const config = promoting.state!.active!.expectConfig;
    const promoted = onEndpointObserved(promoting.state!, line, { status: 'InService', configName: config }, t(68));
    const late = { ...pkg(1), at: '2026-11-27T01:59:00Z' };

    // Act
    const d = onApproved(promoted.state!, line, late, servingV1, t(70));

    // Assess
    expect(d.log.message).toBe('approval superseded on arrival');
    expect(d.state?.active).toBeUndefined();
    expect(types(d.actions)).toEqual(['notify']);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain(pkg(2).arn);
  });

  it('ignores an approval it already handled', () => {
    // Prepare
    const active = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;

    // Act
    const again = onApproved(active, line, pkg(2), servingV1, t(1));

    // Assess
    expect(again.state).toBeUndefined();
  });
});

describe('canary steps', () => {
  it('bakes once the canary config is in service, and moves through 10, 25 and 50 % on passing judgements', () => {
    // Prepare
    const s = baking();

    // Act
    const to25 = onJudged(s, line, verdicts.pass(), t(23), STACK);

    // Assess
    expect(s.active).toMatchObject({ status: 'baking', weight: 10, nextActionAt: t(8 + 15).toISOString() });
    expect(ofType(to25.actions, 'updateWeights')[0]!.request.DesiredWeightsAndCapacities).toEqual([
      { VariantName: 'v1', DesiredWeight: 75 },
      { VariantName: 'v2', DesiredWeight: 25, DesiredInstanceCount: 1 },
    ]);
    expect(to25.metrics).toEqual(['CanaryStepsPassed']);
    expect(bakingAt(50).active).toMatchObject({ status: 'baking', weight: 50, step: 2 });
  });

  it(
    'promotes after the last step below 100 % with a config of the candidate alone, ' +
      'then cleans up old configs and models',
    () => {
      // Prepare
      const s = bakingAt(50);

      // Act
      const promoting = onJudged(s, line, verdicts.pass(), t(60), STACK);
      const promoted = onEndpointObserved(
        promoting.state!,
        line,
        { status: 'InService', configName: promoting.state!.active!.expectConfig },
        t(68),
      );

      // Assess
      expect(ofType(promoting.actions, 'createEndpointConfig')[0]!.request.ProductionVariants).toEqual([
        expect.objectContaining({ VariantName: 'v2', InitialVariantWeight: 100, InitialInstanceCount: 2 }),
      ]);
      // Updated only from the canary config it bakes on, not over a config someone else put there since.
      const final = promoting.state!.active!.expectConfig;
      expect(ofType(promoting.actions, 'updateEndpoint')).toEqual([
        { type: 'updateEndpoint', endpointName: 'churn-prod', configName: final, fromConfig: s.active!.config },
      ]);
      expect(types(promoted.actions)).toEqual(['event:Deployment Promoted', 'notify']);
      expect(promoted.state?.active).toBeUndefined();
      expect(promoted.state?.history).toEqual([expect.objectContaining({ outcome: 'promoted' })]);
      expect(promoted.metrics).toEqual(['DeploymentsPromoted']);
    },
  );

  it.each([10, 25, 50])(
    'rolls back a candidate failed at %i %%: weight 0 at once, then the baseline config; rejects and deletes it',
    (weight) => {
      // Prepare
      const s = bakingAt(weight);

      // Act
      const draining = onJudged(s, line, verdicts.fail(), t(70), STACK);
      const restoring = onEndpointObserved(
        draining.state!,
        line,
        { status: 'InService', configName: s.active!.config },
        t(72),
      );
      const done = onEndpointObserved(
        restoring.state!,
        line,
        { status: 'InService', configName: servingV1.configName },
        t(80),
      );

      // Assess
      expect(ofType(draining.actions, 'updateWeights')[0]!.request.DesiredWeightsAndCapacities).toEqual([
        { VariantName: 'v1', DesiredWeight: 100 },
        { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
      ]);
      expect(restoring.actions).toEqual([
        {
          type: 'updateEndpoint',
          endpointName: 'churn-prod',
          configName: servingV1.configName,
          keepInstances: true,
          fromConfig: s.active!.config,
        },
      ]);
      expect(types(done.actions)).toEqual([
        'event:Deployment Rolled Back',
        'notify',
        'rejectModelPackage',
        'deleteEndpointConfig',
        'deleteModel',
      ]);
      expect(ofType(done.actions, 'deleteEndpointConfig')[0]!.name).toBe(s.active!.config);
      expect(ofType(done.actions, 'rejectModelPackage')[0]!.reason).toMatch(
        new RegExp(`^rolled back from churn-prod: the judge failed the candidate at ${weight} %`),
      );
      expect(done.state?.history.at(-1)).toMatchObject({ outcome: 'rolled_back' });
      expect(ofType(done.actions, 'notify')[0]!.notification.message).toMatch(/Last evidence\s+\n.*5XX rate/s);
    },
  );

  it('fails a canary at once when an abort alarm is in ALARM', () => {
    // Act
    const d = onJudged(
      baking(),
      line,
      verdicts.alarm([{ name: 'churn-prod-latency-p99', state: 'ALARM' }]),
      t(23),
      STACK,
    );

    // Assess
    expect(d.state?.active).toMatchObject({ status: 'draining', weight: 0 });
  });

  it('bakes longer when inconclusive, then rolls back as the line chooses', () => {
    // Prepare
    let s = baking();

    // Act
    const extensions = [1, 2].map(() => {
      const d = onJudged(s, line, verdicts.inconclusive(), t(30), STACK);
      s = d.state!;
      return s.active!.bakeExtensions;
    });
    const last = onJudged(s, line, verdicts.inconclusive(), t(60), STACK);

    // Assess
    expect(extensions).toEqual([1, 2]);
    expect(last.state?.active).toMatchObject({
      status: 'draining',
      reason: expect.stringMatching(/^still inconclusive after 2 extension/),
    });
  });

  it('holds an inconclusive canary for a human when the line says so', () => {
    // Prepare
    const holdLine = {
      ...line,
      deployment: { ...line.deployment, onInconclusive: 'hold' as const, maxBakeExtensions: 0 },
    };

    // Act
    const d = onJudged(baking(), holdLine, verdicts.inconclusive(), t(30), STACK);

    // Assess
    expect(d.state?.active?.status).toBe('held');
    expect(ofType(d.actions, 'notify')[0]!.notification.subject).toBe(
      '[Shepherd] churn: canary on churn-prod held: a human decides',
    );
  });
});

describe('what SageMaker really did', () => {
  it('notices a silent rollback: in service, but on the previous config', () => {
    // Prepare
    const canary = bakingAt(50);
    const promoting = onJudged(canary, line, verdicts.pass(), t(60), STACK).state!;

    // Act: the canary config the promotion left
    const d = onEndpointObserved(promoting, line, { status: 'InService', configName: canary.active!.config }, t(68));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^SageMaker rolled the endpoint back/),
    });
    expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('critical');
    expect(ofType(d.actions, 'rejectModelPackage')).toEqual([]);
  });

  it('fails the deployment when the endpoint fails', () => {
    // Prepare
    const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0)).state!;

    // Act
    const d = onEndpointObserved(started, line, { status: 'Failed', failureReason: 'ping health check failed' }, t(8));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('ping health check failed'),
    });
  });

  it('fails the deployment critically, asking nothing of the endpoint, when the endpoint was deleted under it', () => {
    // Prepare: a canary starting on churn-prod
    const starting = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;

    // Act
    const d = onEndpointObserved(starting, line, { status: 'Deleted' }, t(8));

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: 'endpoint churn-prod was deleted during the deployment',
    });
    expect(types(d.actions)).toEqual(['event:Deployment Rolled Back', 'notify']);
    expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('critical');
  });

  it('starts the queued approval as soon as the deployment before it ends', () => {
    // Prepare
    const queued = onApproved(baking(), line, pkg(3), servingV1, t(10)).state!;

    // Act
    const draining = onJudged(queued, line, verdicts.fail(), t(23), STACK).state!;
    const restoring = onEndpointObserved(
      draining,
      line,
      { status: 'InService', configName: draining.active!.config },
      t(25),
    ).state!;
    const d = onEndpointObserved(restoring, line, { status: 'InService', configName: servingV1.configName }, t(33));

    // Assess
    expect(d.state?.active).toMatchObject({ package: { version: 3 }, status: 'starting', baseline: { variant: 'v1' } });
    expect(d.state?.queued).toBeUndefined();
    expect(d.metrics).toEqual(['DeploymentsRolledBack', 'DeploymentsStarted']);
  });

  it('skips an endpoint request performed late, once the deployment has moved on', () => {
    // Prepare
    const at50 = bakingAt(50);
    const oldCanaryUpdate: Action = {
      type: 'updateEndpoint',
      endpointName: 'churn-prod',
      configName: at50.active!.config,
    };
    const oldShift: Action = {
      type: 'updateWeights',
      request: {
        EndpointName: 'churn-prod',
        DesiredWeightsAndCapacities: [
          { VariantName: 'v1', DesiredWeight: 75 },
          { VariantName: 'v2', DesiredWeight: 25 },
        ],
      },
    };
    const promoting = onJudged(at50, line, verdicts.pass(), t(60), STACK);

    // Act + Assess
    expect(stillWanted(promoting.state!, oldCanaryUpdate)).toBe(false);
    expect(stillWanted(promoting.state!, oldShift)).toBe(false);
    expect(stillWanted(promoting.state!, ofType(promoting.actions, 'updateEndpoint')[0]!)).toBe(true);
  });
});

describe('a human decides', () => {
  it('aborts a baking canary, recording who and why', () => {
    // Act
    const d = onHumanDecision(baking(), line, 'abort', 'ana@example.com', 'customer complaints', t(12));

    // Assess
    expect(d.state?.active).toMatchObject({
      status: 'draining',
      reason: 'aborted by ana@example.com: customer complaints',
    });
    expect(d.actions).toContainEqual(
      expect.objectContaining({
        type: 'record',
        entry: expect.objectContaining({
          type: 'DeploymentAborted',
          data: { who: 'ana@example.com', why: 'customer complaints' },
        }),
      }),
    );
  });

  it('promotes now on request, and refuses when nothing is baking', () => {
    // Act
    const now = onHumanDecision(baking(), line, 'promote', 'ana@example.com', 'urgent fix', t(12));
    const nothing = onHumanDecision(
      emptyDeploymentState('churn-prod'),
      line,
      'promote',
      'ana@example.com',
      'urgent fix',
      t(12),
    );

    // Assess
    expect(now.state?.active?.status).toBe('promoting');
    expect(nothing.state).toBeUndefined();
    expect(nothing.log.message).toBe('nothing to promote on churn-prod: no deployment in progress');
  });
});

describe('autoscaling', () => {
  it(
    'moves the baseline’s autoscaling to the candidate: ' +
      'deregistered before the baseline leaves, registered once promoted',
    () => {
      // Prepare
      const scaling = {
        minCapacity: 2,
        maxCapacity: 6,
        policies: [
          {
            PolicyName: 'invocations',
            PolicyType: 'TargetTrackingScaling',
            TargetTrackingScalingPolicyConfiguration: { TargetValue: 750 },
          },
        ],
      };
      const s = canaryBakingAt(line, 50, { ...servingV1, serving: { ...servingV1.serving, scaling } });

      // Act
      const promoting = onJudged(s, line, verdicts.pass(), t(60), STACK);
      const promoted = onEndpointObserved(
        promoting.state!,
        line,
        { status: 'InService', configName: promoting.state!.active!.expectConfig },
        t(68),
      );

      // Assess
      expect(types(promoting.actions)).toEqual([
        'createEndpointConfig',
        'deregisterScaling',
        'updateEndpoint',
        'event:Canary Step Passed',
      ]);
      expect(ofType(promoting.actions, 'deregisterScaling')[0]).toEqual({
        type: 'deregisterScaling',
        endpointName: 'churn-prod',
        variant: 'v1',
      });
      expect(ofType(promoted.actions, 'registerScaling')).toEqual([
        { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v2', scaling },
      ]);
    },
  );

  it('deregisters autoscaling added to the baseline during the canary, as registered at promotion time', () => {
    // Prepare
    const scaling = { minCapacity: 2, maxCapacity: 4, policies: [] };

    // Act
    const promoting = onJudged(bakingAt(50), line, verdicts.pass(), t(60), STACK, scaling);

    // Assess
    expect(ofType(promoting.actions, 'deregisterScaling')).toEqual([
      { type: 'deregisterScaling', endpointName: 'churn-prod', variant: 'v1' },
    ]);
    expect(promoting.state?.active?.baseline?.scaling).toEqual(scaling);
  });

  it('registers the baseline’s autoscaling again when SageMaker silently rolls the promotion back', () => {
    // Prepare
    const scaling = { minCapacity: 2, maxCapacity: 4, policies: [] };
    const canary = bakingAt(50);
    const promoting = onJudged(canary, line, verdicts.pass(), t(60), STACK, scaling).state!;

    // Act: in service again, on the canary config with v1 in it
    const d = onEndpointObserved(promoting, line, { status: 'InService', configName: canary.active!.config }, t(68));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(ofType(d.actions, 'registerScaling')).toEqual([
      { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling },
    ]);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain(
      "restored: v1's (2 to 4 instances; no policy), deregistered for the promotion",
    );
  });

  it('says the baseline’s autoscaling was removed, registering nothing, when the endpoint fails its promotion', () => {
    // Prepare
    const scaling = { minCapacity: 2, maxCapacity: 4, policies: [] };
    const promoting = onJudged(bakingAt(50), line, verdicts.pass(), t(60), STACK, scaling).state!;

    // Act
    const d = onEndpointObserved(promoting, line, { status: 'UpdateRollbackFailed' }, t(68));

    // Assess
    expect(ofType(d.actions, 'registerScaling')).toEqual([]);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain(
      "removed: v1's (2 to 4 instances; no policy) was deregistered for the promotion and is not registered now; " +
        'register it again once v1 serves',
    );
  });

  it('leaves the baseline’s instance count to its autoscaling at every weight change and at the drain', () => {
    // Prepare: v1 served on 2 instances when the canary started, and may have scaled out since
    const at10 = baking();
    const at25 = onJudged(at10, line, verdicts.pass(), t(23), STACK);
    const baking25 = onEndpointObserved(
      at25.state!,
      line,
      { status: 'InService', configName: at10.active!.config },
      t(25),
    );

    // Act
    const shifts = [at25, onJudged(baking25.state!, line, verdicts.pass(), t(40), STACK)];
    const drain = onJudged(baking25.state!, line, verdicts.fail(), t(40), STACK);

    // Assess
    const baselineOf = (d: { actions: Action[] }) =>
      ofType(d.actions, 'updateWeights')[0]!.request.DesiredWeightsAndCapacities.find((w) => w.VariantName === 'v1');
    expect([...shifts, drain].map(baselineOf)).toEqual([
      { VariantName: 'v1', DesiredWeight: 75 },
      { VariantName: 'v1', DesiredWeight: 50 },
      { VariantName: 'v1', DesiredWeight: 100 },
    ]);
  });

  it('leaves the baseline’s autoscaling alone when the canary is rolled back', () => {
    // Prepare
    const scaling = { minCapacity: 2, maxCapacity: 6, policies: [] };
    const s = bakingCanaryState(line, { ...servingV1, serving: { ...servingV1.serving, scaling } });

    // Act
    const draining = onJudged(s, line, verdicts.fail(), t(23), STACK);
    const restoring = onEndpointObserved(
      draining.state!,
      line,
      { status: 'InService', configName: s.active!.config },
      t(25),
    );
    const done = onEndpointObserved(
      restoring.state!,
      line,
      { status: 'InService', configName: servingV1.configName },
      t(33),
    );

    // Assess
    expect(
      [...draining.actions, ...restoring.actions, ...done.actions].filter(
        (a) => a.type === 'deregisterScaling' || a.type === 'registerScaling',
      ),
    ).toEqual([]);
  });
});

describe('what gets created', () => {
  it('serves several containers as an inference pipeline, and serverless variants without instances', () => {
    // Prepare
    const serverless = {
      ...line,
      deployment: {
        ...line.deployment,
        instanceType: undefined,
        serverless: { memorySizeInMB: 2048, maxConcurrency: 20 },
      },
    };
    const pipeline = {
      ...pkg(1),
      containers: [{ Image: 'preprocess:1' }, { Image: 'xgboost:1', ModelDataUrl: 's3://b/model.tar.gz' }],
    };

    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), serverless, pipeline, { exists: false }, t(0));

    // Assess
    expect(ofType(d.actions, 'createModel')[0]!.request).toMatchObject({
      Containers: pipeline.containers,
      InferenceExecutionConfig: { Mode: 'Serial' },
    });
    expect(ofType(d.actions, 'createEndpointConfig')[0]!.request.ProductionVariants).toEqual([
      {
        VariantName: 'v1',
        ModelName: expect.any(String),
        InitialVariantWeight: 100,
        ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20 },
      },
    ]);
  });

  it('passes the VPC, network isolation and the KMS key of the config to every create', () => {
    // Prepare
    const locked = {
      ...line,
      deployment: {
        ...line.deployment,
        vpcConfig: { securityGroupIds: ['sg-0a1b'], subnets: ['subnet-0c2d'] },
        enableNetworkIsolation: true,
        kmsKeyId: 'alias/endpoints',
      },
    };

    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), locked, pkg(1), { exists: false }, t(0));

    // Assess
    expect(ofType(d.actions, 'createModel')[0]!.request).toMatchObject({
      VpcConfig: { SecurityGroupIds: ['sg-0a1b'], Subnets: ['subnet-0c2d'] },
      EnableNetworkIsolation: true,
    });
    expect(ofType(d.actions, 'createEndpointConfig')[0]!.request.KmsKeyId).toBe('alias/endpoints');
  });
});
