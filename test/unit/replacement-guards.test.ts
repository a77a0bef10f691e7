// A replacement under an abort alarm, a human's word and autoscaling; and when a line replaces instead of canarying.
import { onAbortAlarm } from '../../shared/domain/deployment/abort';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onPermanentFailure } from '../../shared/domain/deployment/failure';
import { onHumanDecision } from '../../shared/domain/deployment/human';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { serverlessChurnLine, servingServerlessV1 } from '../helpers/serverless';
import { ofType } from '../helpers/actions';

const line = serverlessChurnLine();
const ALARM = 'churn-prod-latency-p99';
const BASELINE_CONFIG = 'churn-prod-aaaaaa-final';
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
/** From the replacement's own config, which it serves from its switch on. */
const backToBaseline = {
  type: 'updateEndpoint',
  endpointName: 'churn-prod',
  configName: BASELINE_CONFIG,
  fromConfig: expect.stringMatching(/^churn-prod-[0-9a-f]{6}-final$/),
};
const inService = (s: DeploymentState, configName: string, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName }, t(at));

const replacing = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingServerlessV1, t(0)).state!;
const baking = () => inService(replacing(), replacing().active!.expectConfig, 8).state!;
const scaling = {
  minCapacity: 2,
  maxCapacity: 6,
  policies: [{ PolicyName: 'invocations', PolicyType: 'TargetTrackingScaling' }],
};

describe('an abort alarm in ALARM during a replacement', () => {
  it('asks for the baseline config at once while baking', () => {
    // Act
    const d = onAbortAlarm(baking(), line, ALARM, t(10));

    // Assess
    expect(d.actions.filter((a) => a.type !== 'record')).toEqual([backToBaseline]);
    const reason = `abort alarm ${ALARM} is in ALARM at 100 %`;
    expect(d.state?.active).toMatchObject({ status: 'rolling_back', reason });
    expect(d.metrics).toEqual(['AbortAlarmsActedOn']);
  });

  it('waits for the switch to be in service while replacing, then asks for the baseline config', () => {
    // Act
    const asked = onAbortAlarm(replacing(), line, ALARM, t(3));
    const applied = inService(asked.state!, replacing().active!.expectConfig, 8);

    // Assess
    expect(ofType(asked.actions, 'updateEndpoint')).toEqual([]);
    expect(asked.state?.active).toMatchObject({ status: 'replacing', abortRequested: expect.stringContaining(ALARM) });
    expect(applied.actions).toEqual([backToBaseline]);
    expect(applied.state?.active).toMatchObject({ status: 'rolling_back' });
  });

  it('leaves a rollback under way alone', () => {
    // Act
    const d = onAbortAlarm(onAbortAlarm(baking(), line, ALARM, t(10)).state!, line, ALARM, t(11));

    // Assess
    expect(d.state).toBeUndefined();
  });
});

describe('a human decides on a replacement', () => {
  it('aborts: the baseline config at once', () => {
    // Act
    const d = onHumanDecision(baking(), line, 'abort', 'ana@example.com', 'customer complaints', t(12));

    // Assess
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([backToBaseline]);
    expect(d.state?.active?.status).toBe('rolling_back');
  });

  it('promotes: ended as it serves, the queued approval left for the reconciler to start under its alarms', () => {
    // Prepare
    const queued = onApproved(baking(), line, pkg(3), servingServerlessV1, t(10)).state!;

    // Act
    const d = onHumanDecision(queued, line, 'promote', 'ana@example.com', 'urgent fix', t(12));

    // Assess
    expect(d.state?.history).toEqual([expect.objectContaining({ outcome: 'promoted' })]);
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.queued?.version).toBe(3);
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([]);
  });
});

describe('which lines replace at once', () => {
  it('replaces a serverless baseline on an instance line too: no second variant beside a serverless one', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), churnLine(), pkg(2), servingServerlessV1, t(0));

    // Assess
    expect(d.state?.active).toMatchObject({ kind: 'replace', status: 'replacing' });
    const [config] = ofType(d.actions, 'createEndpointConfig');
    expect(config!.request.ProductionVariants).toEqual([
      {
        VariantName: 'v2',
        ModelName: expect.any(String),
        InitialVariantWeight: 100,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
      },
    ]);
  });

  it('keeps the canary for an instance line on an instance baseline', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), churnLine(), pkg(2), servingV1, t(0));

    // Assess
    expect(d.state?.active).toMatchObject({ kind: 'canary', status: 'starting', weight: 10 });
  });
});

describe('autoscaling around a replacement', () => {
  const scaledV1 = { ...servingV1, serving: { ...servingV1.serving, scaling } };
  const started = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), scaledV1, t(0));

  it('deregisters an instance baseline’s scaling before the switch, and carries none to the candidate', () => {
    // Act
    const d = started();
    const s = inService(d.state!, d.state!.active!.expectConfig, 8).state!;
    const promoted = onJudged(s, line, verdicts.pass(), t(23.5), STACK);

    // Assess
    const types = d.actions.map((a) => a.type).filter((type) => type !== 'record');
    const beforeTheSwitch = ['createModel', 'createEndpointConfig', 'deregisterScaling', 'updateEndpoint'];
    expect(types).toEqual([...beforeTheSwitch, 'publishEvent']);
    const deregister = { type: 'deregisterScaling', endpointName: 'churn-prod', variant: 'v1' };
    expect(ofType(d.actions, 'deregisterScaling')).toEqual([deregister]);
    expect(promoted.state?.history).toEqual([expect.objectContaining({ outcome: 'promoted' })]);
    expect(ofType(promoted.actions, 'registerScaling')).toEqual([]);
  });

  it('registers the baseline’s scaling again when SageMaker silently rolls the switch back', () => {
    // Prepare
    const s = started().state!;

    // Act: in service, still on v1's config
    const d = inService(s, BASELINE_CONFIG, 8);

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    const register = { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling };
    expect(ofType(d.actions, 'registerScaling')).toEqual([register]);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain(
      "restored: v1's (2 to 6 instances; invocations), deregistered for the switch, is registered again",
    );
  });

  it('registers the baseline’s scaling again when the switch’s UpdateEndpoint is refused for good', () => {
    // Prepare
    const { state, actions } = started();
    const switched = ofType(actions, 'updateEndpoint')[0]!;

    // Act
    const d = onPermanentFailure(state!, line, switched, 'ValidationException: ServerlessConfig not allowed', t(1));

    // Assess
    const register = { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling };
    expect(ofType(d.actions, 'registerScaling')).toEqual([register]);
  });

  it('rejects the candidate, saying the baseline’s scaling is still removed, when restoring the baseline fails', () => {
    // Prepare: v2 failed by the judge; v1's config asked for
    const s = inService(started().state!, started().state!.active!.expectConfig, 8).state!;
    const reverting = onJudged(s, line, verdicts.fail(), t(10), STACK).state!;

    // Act: SageMaker rolls the update back; v2 serves on its own config
    const d = inService(reverting, s.active!.config, 14);

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(ofType(d.actions, 'rejectModelPackage').map((a) => a.arn)).toEqual([pkg(2).arn]);
    expect(ofType(d.actions, 'registerScaling')).toEqual([]);
    expect(ofType(d.actions, 'notify')[0]!.notification.message).toContain(
      "removed: v1's (2 to 6 instances; invocations) was deregistered for the switch and is not registered now",
    );
  });

  it('says which step policy a rollback registers again without its alarms’ action', () => {
    // Prepare: v1 also scales out through a step policy its owner's alarm triggers
    const step = { PolicyName: 'burst-out', PolicyType: 'StepScaling', alarms: ['churn-prod-v1-burst'] };
    const withStep = { ...scaling, policies: [...scaling.policies, step] };
    const scaled = { ...servingV1, serving: { ...servingV1.serving, scaling: withStep } };
    const begun = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), scaled, t(0)).state!;
    const s = inService(begun, begun.active!.expectConfig, 8).state!;
    const reverting = onJudged(s, line, verdicts.fail(), t(10), STACK).state!;

    // Act
    const done = inService(reverting, BASELINE_CONFIG, 14);

    // Assess
    const register = { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling: withStep };
    expect(ofType(done.actions, 'registerScaling')).toEqual([register]);
    expect(ofType(done.actions, 'notify')[0]!.notification.message).toMatch(
      /Autoscaling\s+step scaling burst-out \(alarms churn-prod-v1-burst\) re-created on v1 without its alarms' action/,
    );
  });

  it('registers the baseline’s scaling again once a rollback restored it', () => {
    // Prepare
    const s = inService(started().state!, started().state!.active!.expectConfig, 8).state!;
    const reverting = onJudged(s, line, verdicts.fail(), t(10), STACK).state!;

    // Act
    const done = inService(reverting, BASELINE_CONFIG, 14);

    // Assess
    const register = { type: 'registerScaling', endpointName: 'churn-prod', variant: 'v1', scaling };
    expect(ofType(done.actions, 'registerScaling')).toEqual([register]);
  });
});
