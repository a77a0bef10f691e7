import type { Action } from '../../shared/domain/actions';
import { onAbortAlarm } from '../../shared/domain/deployment/abort';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onPermanentFailure } from '../../shared/domain/deployment/failure';
import { onJudged } from '../../shared/domain/deployment/judged';
import type { EndpointObservation } from '../../shared/domain/deployment/observation';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState, type VariantScaling } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK, bakingCanaryState, canaryBakingAt } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const ENDPOINT_REQUESTS = ['createModel', 'createEndpointConfig', 'createEndpoint', 'updateEndpoint', 'updateWeights'];
const REFUSED = 'ValidationException: The scalable dimension is not valid for a serverless variant';
const scaling = { minCapacity: 2, maxCapacity: 6, policies: [] };

/** v2's canary, just asked for: its actions, and the state that made them. */
const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0));

/** Judges and applies each step until the canary bakes at 50 %. */
function bakingAt50(): DeploymentState {
  return canaryBakingAt(line, 50);
}

/** The promotion of v2 from 50 %, with v1's autoscaling (`withScaling`) to carry over: its state and actions. */
const promoting = (withScaling: VariantScaling = scaling) =>
  onJudged(bakingAt50(), line, verdicts.pass(), t(60), STACK, withScaling);

describe('a deployment request AWS refuses for good', () => {
  it(
    'ends the deployment failed once when its promotion’s UpdateEndpoint is refused; no more endpoint changes, ' +
      'and the baseline’s autoscaling registered again',
    () => {
      // Prepare
      const { state, actions } = promoting();
      const [update] = ofType(actions, 'updateEndpoint');

      // Act
      const d = onPermanentFailure(state!, line, update!, REFUSED, t(61));

      // Assess
      expect(d.state?.active).toBeUndefined();
      expect(d.state?.history.at(-1)).toMatchObject({
        outcome: 'failed',
        reason: `UpdateEndpoint refused: ${REFUSED}`,
      });
      expect(d.actions.filter((a) => ENDPOINT_REQUESTS.includes(a.type))).toEqual([]);
      // Application Auto Scaling, not the endpoint: the scaling the promotion deregistered goes back on v1.
      expect(ofType(d.actions, 'registerScaling')).toEqual([
        { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling },
      ]);
      expect(ofType(d.actions, 'rejectModelPackage')).toEqual([]);
      expect(ofType(d.actions, 'publishEvent')[0]).toMatchObject({
        detailType: 'Deployment Rolled Back',
        detail: { outcome: 'failed' },
      });
      const notes = ofType(d.actions, 'notify');
      expect(notes).toHaveLength(1);
      expect(notes[0]!.notification).toMatchObject({
        severity: 'critical',
        subject: '[Shepherd] churn: deployment on churn-prod failed',
      });
      expect(notes[0]!.notification.message).toContain('Shepherd makes no further change to churn-prod.');
      expect(notes[0]!.notification.message).toMatch(
        /Autoscaling\s+restored: v1's \(2 to 6 instances; no policy\), deregistered for the promotion, is registered/,
      );
      expect(d.metrics).toEqual(['DeploymentsFailed']);
    },
  );

  it(
    'registers a step policy again on the baseline but says its owner’s alarms no longer trigger it, ' +
      'naming them to point at it by hand',
    () => {
      // Prepare: v1 scales on a target-tracking policy and on a step policy that its owner's alarm triggers
      const tracking = {
        PolicyName: 'invocations',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 750 },
      };
      const step = {
        PolicyName: 'burst-out',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [] },
        alarms: ['churn-prod-v1-burst'],
      };
      const withStep = { minCapacity: 2, maxCapacity: 6, policies: [tracking, step] };
      const { state, actions } = promoting(withStep);

      // Act
      const d = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61));

      // Assess
      expect(ofType(d.actions, 'registerScaling')).toEqual([
        { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling: withStep },
      ]);
      const message = ofType(d.actions, 'notify')[0]!.notification.message;
      expect(message).toMatch(/Autoscaling\s+restored: v1's \(2 to 6 instances; invocations, burst-out\)/);
      expect(message).toContain(
        "step scaling burst-out (alarms churn-prod-v1-burst) re-created on v1 without its alarms' action: " +
          'point them at the new burst-out by hand',
      );
    },
  );

  it('registers nothing again when the deregistration itself was refused: the baseline kept its autoscaling', () => {
    // Prepare
    const { state, actions } = promoting();
    const [deregister] = ofType(actions, 'deregisterScaling');

    // Act
    const d = onPermanentFailure(state!, line, deregister!, REFUSED, t(61));

    // Assess
    expect(ofType(d.actions, 'registerScaling')).toEqual([]);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).not.toContain('Autoscaling');
  });

  it('says a later refusal to register the baseline’s autoscaling again leaves it without any', () => {
    // Prepare
    const { state, actions } = promoting();
    const failed = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61));
    const [register] = ofType(failed.actions, 'registerScaling');

    // Act
    const d = onPermanentFailure(failed.state!, line, register!, 'AccessDeniedException: not authorized', t(62));

    // Assess
    expect(ofType(d.actions, 'notify')[0]!.notification).toMatchObject({
      severity: 'critical',
      message: expect.stringContaining('v1 on churn-prod has no autoscaling until registered by hand.'),
    });
  });

  it('fails the promotion when deregistering the baseline’s autoscaling is refused', () => {
    // Prepare
    const { state, actions } = promoting();
    const [deregister] = ofType(actions, 'deregisterScaling');

    // Act
    const d = onPermanentFailure(state!, line, deregister!, REFUSED, t(61));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `DeregisterScalableTarget refused: ${REFUSED}`,
    });
  });

  it('fails a canary whose config is refused, and says the baseline alone still serves', () => {
    // Prepare
    const { state, actions } = starting();
    const [config] = ofType(actions, 'createEndpointConfig');

    // Act
    const d = onPermanentFailure(state!, line, config!, 'ResourceLimitExceeded: ml.m5.large endpoint usage', t(1));

    // Assess
    expect(d.state?.active).toBeUndefined();
    const message = ofType(d.actions, 'notify')[0]!.notification.message;
    expect(message).toContain(`${servingV1.configName} (v1 alone, as before the deployment)`);
  });

  it.each(['createModel', 'createEndpointConfig', 'createEndpoint'] as const)(
    'fails a first model whose %s is refused, saying the endpoint was not created',
    (type) => {
      // Prepare
      const { state, actions } = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0));
      const [refused] = ofType(actions, type);

      // Act
      const d = onPermanentFailure(state!, line, refused!, 'ResourceLimitExceeded: endpoint usage', t(1));

      // Assess
      expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
      expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain('nothing: the endpoint was not created');
    },
  );

  it.each([
    ['deleteModel', { type: 'deleteModel', name: 'churn-v0-000000' }],
    ['rejectModelPackage', { type: 'rejectModelPackage', arn: pkg(1).arn, reason: 'rolled back' }],
  ] as [string, Action][])(
    'only warns when a clean-up or rejection (%s) of an ended deployment is refused',
    (_, late) => {
      // Prepare
      const state = bakingAt50();

      // Act
      const d = onPermanentFailure(state, line, late, 'AccessDeniedException: not authorized', t(61));

      // Assess
      expect(d.state?.active).toEqual(state.active);
      expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('warning');
    },
  );

  it('fails a canary whose weight shift is refused', () => {
    // Prepare
    const baking = bakingCanaryState(line);
    const shifting = onJudged(baking, line, verdicts.pass(), t(30), STACK);
    const [weights] = ofType(shifting.actions, 'updateWeights');

    // Act
    const d = onPermanentFailure(shifting.state!, line, weights!, 'AccessDeniedException: not authorized', t(31));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
  });

  it('does not start the queued approval after a failure: nothing is known to serve', () => {
    // Prepare
    const { state, actions } = promoting();
    const queued = onApproved(state!, line, pkg(3), servingV1, t(60.5)).state!;

    // Act
    const d = onPermanentFailure(queued, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61));

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.queued?.arn).toBe(pkg(3).arn);
    expect(d.actions.filter((a) => ENDPOINT_REQUESTS.includes(a.type))).toEqual([]);
  });

  it('only alerts, critically, when carrying autoscaling over to a promoted model is refused', () => {
    // Prepare: promoted; the registration of v1's scaling on v2 is refused
    const { state } = promoting();
    const promoted = onEndpointObserved(
      state!,
      line,
      { status: 'InService', configName: state!.active!.expectConfig },
      t(68),
    );
    const [register] = ofType(promoted.actions, 'registerScaling');

    // Act
    const d = onPermanentFailure(promoted.state!, line, register!, REFUSED, t(69));

    // Assess
    expect(d.state?.history).toEqual(promoted.state?.history);
    expect(ofType(d.actions, 'notify')[0]!.notification).toMatchObject({
      severity: 'critical',
      subject: '[Shepherd] churn: RegisterScalableTarget on churn-prod refused',
    });
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({
      type: 'RequestRefused',
      message: `RegisterScalableTarget refused: ${REFUSED}`,
    });
    expect(d.metrics).toEqual([]);
  });

  it('leaves the active deployment alone when a late request of an ended one is refused', () => {
    // Prepare: a request for a config the active canary no longer expects
    const state = bakingAt50();
    const late: Action = { type: 'updateEndpoint', endpointName: 'churn-prod', configName: 'churn-prod-ffffff-final' };

    // Act
    const d = onPermanentFailure(state, line, late, REFUSED, t(61));

    // Assess
    expect(d.state?.active).toEqual(state.active);
    expect(ofType(d.actions, 'notify')[0]!.notification.severity).toBe('warning');
  });

  it('drops a refused timeline record or domain event without a word', () => {
    // Prepare
    const { state, actions } = starting();
    const [started] = ofType(actions, 'publishEvent');

    // Act
    const d = onPermanentFailure(state!, line, started!, 'ValidationException: detail too large', t(1));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });
});

describe('a promotion whose UpdateEndpoint AWS refuses for good', () => {
  const canaryConfig = () => bakingAt50().active!.config;
  const refusedWith = (seen?: Pick<EndpointObservation, 'configName' | 'weights'>) => {
    const { state, actions } = promoting();
    const said = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61), seen);
    return ofType(said.actions, 'notify')[0]!.notification.message;
  };

  it('says the candidate keeps the share the endpoint reported when it refused, beside the baseline', () => {
    // Act
    const message = refusedWith({ configName: canaryConfig(), weights: { v1: 30, v2: 70 } });

    // Assess
    expect(message).not.toContain('may take part');
    expect(message).toContain(`${pkg(2).arn} still serves 70 % of churn-prod beside v1.`);
    expect(message).toMatch(new RegExp(`Serving\\s+${canaryConfig()}: v2 at 70 %, v1 at 30 %`));
    expect(message).toMatch(/Attention\s+v2 keeps its share of churn-prod until its weight is changed by hand/);
  });

  it('names the canary config and both variants when no weights were read', () => {
    // Act
    const message = refusedWith();

    // Assess
    expect(message).toContain(`${pkg(2).arn} still serves part of churn-prod beside v1.`);
    expect(message).toMatch(new RegExp(`Serving\\s+${canaryConfig()}: v2 beside v1`));
  });
});

describe('a weight change AWS refuses for good', () => {
  const seen = (config: string) => ({ configName: config, weights: { v1: 50, v2: 50 } });

  it('says the candidate keeps the share the endpoint reported when its next step is refused', () => {
    // Prepare: v2 passes at 25 %; its shift to 50 % is refused while the endpoint serves it at 25 %
    let s = bakingCanaryState(line);
    s = onJudged(s, line, verdicts.pass(), t(30), STACK).state!;
    s = onEndpointObserved(s, line, { status: 'InService', configName: s.active!.expectConfig }, t(32)).state!;
    const { state, actions } = onJudged(s, line, verdicts.pass(), t(50), STACK);
    const [weights] = ofType(actions, 'updateWeights');
    const config = state!.active!.config;

    // Act
    const d = onPermanentFailure(state!, line, weights!, REFUSED, t(51), {
      configName: config,
      weights: { v1: 75, v2: 25 },
    });

    // Assess
    const message = ofType(d.actions, 'notify')[0]!.notification.message;
    expect(message).not.toContain('may take part');
    expect(message).toContain(`${pkg(2).arn} still serves 25 % of churn-prod beside v1.`);
    expect(message).toMatch(new RegExp(`Serving\\s+${config}: v2 at 25 %, v1 at 75 %`));
    expect(message).toMatch(/Attention\s+v2 keeps its share of churn-prod until its weight is changed by hand/);
  });

  it('says a candidate whose drain to 0 is refused keeps its share, and the baseline needs restoring', () => {
    // Prepare
    const { state, actions } = onJudged(bakingAt50(), line, verdicts.fail(), t(60), STACK);
    const [weights] = ofType(actions, 'updateWeights');
    const config = state!.active!.config;

    // Act
    const d = onPermanentFailure(state!, line, weights!, REFUSED, t(61), seen(config));

    // Assess
    const message = ofType(d.actions, 'notify')[0]!.notification.message;
    expect(message).toContain(`${pkg(2).arn} still serves 50 % of churn-prod beside v1.`);
    expect(message).toMatch(new RegExp(`Serving\\s+${config}: v2 at 50 %, v1 at 50 %`));
    expect(message).toMatch(
      /Attention\s+v2 keeps its share of churn-prod until its weight is changed by hand; churn-prod was not restored/,
    );
  });
});

describe('the Status of a refused request', () => {
  const statusOf = (actions: Action[]) => /Status\s+(.*)/.exec(ofType(actions, 'notify')[0]!.notification.message)?.[1];

  it('says a refused promotion left the candidate at the share the endpoint reported, not at 100 %', () => {
    // Prepare
    const { state, actions } = promoting();
    const seen = { configName: state!.active!.config, weights: { v1: 30, v2: 70 } };

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61), seen);

    // Assess
    expect(statusOf(d.actions)).toBe('promoting v2 to 100 %, refused: v2 stays at 70 %');
  });

  it('says a refused step left the candidate where it was, not at the weight asked for', () => {
    // Prepare: v2 passes at 10 %; its shift to 25 % is refused
    const baking = bakingCanaryState(line);
    const { state, actions } = onJudged(baking, line, verdicts.pass(), t(30), STACK);
    const seen = { configName: state!.active!.config, weights: { v1: 90, v2: 10 } };

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateWeights')[0]!, REFUSED, t(31), seen);

    // Assess
    expect(statusOf(d.actions)).toBe('shifting v2 to 25 %, refused: v2 stays at 10 %');
  });

  it('says a refused drain left the failed candidate at its share', () => {
    // Prepare
    const { state, actions } = onJudged(bakingAt50(), line, verdicts.fail(), t(60), STACK);
    const seen = { configName: state!.active!.config, weights: { v1: 50, v2: 50 } };

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateWeights')[0]!, REFUSED, t(61), seen);

    // Assess
    expect(statusOf(d.actions)).toBe('rolling back v2 to 0 %, refused: v2 stays at 50 %');
  });

  it('says a refused promotion with no read of the endpoint left the candidate at the share it had', () => {
    // Prepare
    const { state, actions } = promoting();

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'createEndpointConfig')[0]!, REFUSED, t(61));

    // Assess
    expect(statusOf(d.actions)).toBe('promoting v2 to 100 %, refused: v2 keeps the share it had');
  });

  it('says a refused canary start left the baseline serving alone', () => {
    // Prepare
    const { state, actions } = starting();

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'createEndpointConfig')[0]!, REFUSED, t(1));

    // Assess
    expect(statusOf(d.actions)).toBe('starting v2 at 10 % beside v1, refused: v1 serves alone');
  });
});

describe('a promotion SageMaker silently rolls back', () => {
  /** The promotion of v2 asked for, and the canary config it leaves: SageMaker's rollback returns to it. */
  const rolledBack = () => ({ promotion: promoting().state!, canaryConfig: bakingAt50().active!.config });
  const alertOf = (actions: Action[]) => ofType(actions, 'notify')[0]!.notification;

  it('says the candidate still serves the share the endpoint reports beside the baseline, not that it is out', () => {
    // Prepare
    const { promotion, canaryConfig } = rolledBack();
    const observed = {
      status: 'InService',
      configName: canaryConfig,
      failureReason: 'ping health check failed',
      weights: { v1: 50, v2: 50 },
    };

    // Act
    const d = onEndpointObserved(promotion, line, observed, t(70));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    const said = alertOf(d.actions);
    expect(said).toMatchObject({ severity: 'critical', subject: '[Shepherd] churn: deployment on churn-prod failed' });
    expect(said.message).not.toContain('is not serving');
    expect(said.message).toContain(
      `${pkg(2).arn} still serves 50 % of churn-prod beside v1: ` +
        `SageMaker rolled its promotion back to ${canaryConfig}.`,
    );
    expect(said.message).toMatch(new RegExp(`Serving\\s+${canaryConfig}: v2 at 50 %, v1 at 50 %`));
  });

  it('says the candidate still serves part of the traffic when the endpoint reports no weights', () => {
    // Prepare
    const { promotion, canaryConfig } = rolledBack();

    // Act
    const d = onEndpointObserved(promotion, line, { status: 'InService', configName: canaryConfig }, t(70));

    // Assess
    const said = alertOf(d.actions);
    expect(said.message).not.toContain('is not serving');
    expect(said.message).toContain(`${pkg(2).arn} still serves part of churn-prod beside v1`);
  });

  it('still says the candidate is out when a rollback leaves the baseline alone', () => {
    // Prepare: v2's canary config asked for; SageMaker goes back to v1's config
    const { state } = starting();

    // Act
    const d = onEndpointObserved(state!, line, { status: 'InService', configName: servingV1.configName }, t(8));

    // Assess
    expect(alertOf(d.actions).message).toContain(`${pkg(2).arn} is not serving on churn-prod.`);
  });
});

describe('a rollback that cannot restore the baseline', () => {
  /** v2 failed by the judge at 50 %: its weight to 0 asked for. */
  const draining = () => onJudged(bakingAt50(), line, verdicts.fail(), t(60), STACK);
  /** v2 drained: the baseline's config asked for. */
  const restoring = () => {
    const d = draining().state!;
    return onEndpointObserved(d, line, { status: 'InService', configName: d.active!.config }, t(62));
  };
  const rejections = (actions: Action[]) => ofType(actions, 'rejectModelPackage');

  it('rejects the failed package when its weight change to 0 is refused, and says the endpoint needs attention', () => {
    // Prepare
    const { state, actions } = draining();
    const [weights] = ofType(actions, 'updateWeights');

    // Act
    const d = onPermanentFailure(state!, line, weights!, 'AccessDeniedException: not authorized', t(61));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(rejections(d.actions)).toEqual([
      {
        type: 'rejectModelPackage',
        arn: pkg(2).arn,
        reason: expect.stringMatching(/^rolling back from churn-prod: the judge failed the candidate at 50 %/),
      },
    ]);
    expect(rejections(d.actions)[0]!.reason).toMatch(
      /; restoring the baseline then failed \(UpdateEndpointWeightsAndCapacities refused: AccessDeniedException: .*\)$/,
    );
    const said = ofType(d.actions, 'notify')[0]!.notification;
    expect(said.severity).toBe('critical');
    expect(said.message).toMatch(/Package\s+rejected in the registry \(the judge failed the candidate at 50 %/);
    expect(said.message).toContain('churn-prod was not restored to churn-prod-aaaaaa-final');
  });

  it.each<[string, (canaryConfig: string) => EndpointObservation]>([
    ['SageMaker silently rolls the baseline’s config back', (canary) => ({ status: 'InService', configName: canary })],
    ['the endpoint fails', () => ({ status: 'Failed', failureReason: 'capacity' })],
    ['the endpoint’s update cannot even be rolled back', () => ({ status: 'UpdateRollbackFailed' })],
  ])('rejects the failed package when %s', (_, observed) => {
    // Prepare
    const { state } = restoring();

    // Act
    const d = onEndpointObserved(state!, line, observed(state!.active!.config), t(70));

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(rejections(d.actions).map((a) => a.arn)).toEqual([pkg(2).arn]);
    const said = ofType(d.actions, 'notify')[0]!.notification;
    expect(said).toMatchObject({ severity: 'critical', subject: '[Shepherd] churn: deployment on churn-prod failed' });
    expect(said.message).toContain(
      `${pkg(2).arn} is rejected, but restoring the baseline on churn-prod failed: the endpoint needs attention`,
    );
  });

  it('rejects a package an abort alarm took out when restoring the baseline’s config is refused', () => {
    // Prepare
    const aborted = onAbortAlarm(bakingAt50(), line, 'churn-prod-latency-p99', t(40)).state!;
    const { state, actions } = onEndpointObserved(
      aborted,
      line,
      { status: 'InService', configName: aborted.active!.config },
      t(42),
    );

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(43));

    // Assess
    expect(rejections(d.actions)).toEqual([
      expect.objectContaining({
        arn: pkg(2).arn,
        reason: expect.stringMatching(/^rolling back from churn-prod: abort alarm churn-prod-latency-p99 is in ALARM/),
      }),
    ]);
  });

  it('says what the endpoint served, as read just before the baseline’s refused config, not a guess', () => {
    // Prepare: v2 drained to 0 %; restoring v1's config is refused
    const { state, actions } = restoring();
    const config = state!.active!.config;

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(63), {
      configName: config,
      weights: { v1: 100, v2: 0 },
    });

    // Assess
    const message = ofType(d.actions, 'notify')[0]!.notification.message;
    expect(message).not.toContain('may take part');
    expect(message).toMatch(new RegExp(`Serving\\s+${config}: v1 at 100 %, v2 at 0 %`));
  });

  it('rejects nothing when a promotion fails: the candidate was judged good', () => {
    // Prepare
    const { state, actions } = promoting();

    // Act
    const d = onPermanentFailure(state!, line, ofType(actions, 'updateEndpoint')[0]!, REFUSED, t(61));

    // Assess
    expect(rejections(d.actions)).toEqual([]);
  });
});
