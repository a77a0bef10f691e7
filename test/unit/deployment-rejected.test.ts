// A package rejected in the registry while it is deployed, in the pure domain: a canary fails as on an abort alarm,
// alerted once when its rollback ends; what has no baseline left is not undone, and the operator is told once.
import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { onPackageRejected } from '../../shared/domain/deployment/rejected';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { serverlessChurnLine, servingServerlessV1 } from '../helpers/serverless';
import { ofType } from '../helpers/actions';

const line = churnLine();
const V2 = pkg(2).arn;
const WHY = 'trained on the wrong data window';
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
/** The rejection's event time: after v2's approval at 02:00. */
const REJECTED_AT = '2026-11-27T02:20:00Z';
const OLD_CONFIG = servingV1.configName;
const weightOf = (actions: Action[], variant: string) => {
  const weights = ofType(actions, 'updateWeights')[0]?.request.DesiredWeightsAndCapacities;
  return weights?.find((w) => w.VariantName === variant)?.DesiredWeight;
};
const inService = (s: DeploymentState, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName: s.active!.expectConfig }, t(at));
const reject = (s: DeploymentState, rejectedAt = REJECTED_AT, deployed = line) =>
  onPackageRejected(s, deployed, V2, t(21), rejectedAt, WHY);

const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
const baking = () => inService(starting(), 8).state!;
const shifting = () => onJudged(baking(), line, verdicts.pass(), t(20), STACK).state!;
const held = (): DeploymentState => ({ ...baking(), active: { ...baking().active!, status: 'held' } });
const at50 = (): DeploymentState => ({ ...baking(), active: { ...baking().active!, step: 2, weight: 50 } });
const promoting = () => onJudged(at50(), line, verdicts.pass(), t(20), STACK).state!;
const promoted = (): DeploymentState => {
  const ended = { id: 'd2', modelPackageArn: V2, outcome: 'promoted' as const, at: '2026-11-27T02:10:00.000Z' };
  return { ...emptyDeploymentState('churn-prod'), history: [ended], lastPromoted: { ...ended, approvedAt: pkg(2).at } };
};
const creating = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), { exists: false }, t(0)).state!;
const draining = () => onJudged(baking(), line, verdicts.fail(), t(20), STACK).state!;

describe('a candidate rejected in the registry during its canary', () => {
  it.each([
    ['baking', baking],
    ['shifting', shifting],
    ['held', held],
  ])('is taken out of a %s canary at once, with the reason said on the timeline', (_s, state) => {
    // Act
    const d = reject(state());

    // Assess
    expect(weightOf(d.actions, 'v2')).toBe(0);
    expect(weightOf(d.actions, 'v1')).toBe(100);
    const reason = `${V2} was rejected in the registry during its canary: ${WHY}`;
    expect(d.state?.active).toMatchObject({ status: 'draining', weight: 0, reason });
    expect(d.metrics).toEqual(['RejectionsActedOn']);
    expect(ofType(d.actions, 'record')[0]?.entry).toMatchObject({
      type: 'CandidateRejected',
      message: expect.stringContaining(WHY),
    });
  });

  it('alerts once, when the rollback ends, naming the rejected package and the reason its rejecter gave', () => {
    // Prepare
    const rejected = reject(baking());
    const drained = { status: 'InService', configName: baking().active!.config };
    const restoring = onEndpointObserved(rejected.state!, line, drained, t(22));

    // Act
    const done = onEndpointObserved(restoring.state!, line, { status: 'InService', configName: OLD_CONFIG }, t(30));

    // Assess
    const alerts = [rejected, restoring, done].flatMap((d) => ofType(d.actions, 'notify'));
    expect(alerts).toHaveLength(1);
    expect(done.state?.history.at(-1)).toMatchObject({ modelPackageArn: V2, outcome: 'rolled_back' });
    expect(alerts[0]?.notification).toMatchObject({
      kind: 'alert',
      severity: 'warning',
      subject: '[Shepherd] churn: deployment on churn-prod rolled back',
    });
    expect(alerts[0]?.notification.message).toContain(`${V2} was rejected in the registry during its canary: ${WHY}`);
  });

  it('is rolled back once the canary config is in service when rejected as it starts', () => {
    // Act
    const asked = reject(starting());
    const applied = inService(asked.state!, 22);

    // Assess
    expect(ofType(asked.actions, 'updateWeights')).toEqual([]);
    expect(asked.state?.active).toMatchObject({ status: 'starting', abortRequested: expect.stringContaining(WHY) });
    expect(ofType(asked.actions, 'record')[0]?.entry).toMatchObject({ type: 'CandidateRejected' });
    expect(ofType(asked.actions, 'notify')).toEqual([]);
    expect(asked.metrics).toEqual(['RejectionsActedOn']);
    expect(applied.state?.active).toMatchObject({ status: 'draining', weight: 0 });
    expect(applied.metrics).toEqual([]);
    expect(weightOf(applied.actions, 'v2')).toBe(0);
  });

  it('says the rejection, and why, in the one alert when the starting canary fails instead of rolling back', () => {
    // Prepare
    const asked = reject(starting());
    const failed = { status: 'Failed', failureReason: 'image not found' };

    // Act
    const d = onEndpointObserved(asked.state!, line, failed, t(22));

    // Assess
    const alerts = [asked, d].flatMap((decision) => ofType(decision.actions, 'notify'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.notification).toMatchObject({ severity: 'critical', subject: expect.stringContaining('failed') });
    expect(alerts[0]?.notification.message).toContain(`${V2} was rejected in the registry during its canary: ${WHY}`);
  });

  it('puts the baseline config back at once on a serverless line, as an abort alarm does', () => {
    // Prepare
    const serverless = serverlessChurnLine();
    const replacing = onApproved(emptyDeploymentState('churn-prod'), serverless, pkg(2), servingServerlessV1, t(0));
    const config = replacing.state!.active!.expectConfig;
    const switched = onEndpointObserved(
      replacing.state!,
      serverless,
      { status: 'InService', configName: config },
      t(8),
    );

    // Act
    const d = reject(switched.state!, REJECTED_AT, serverless);

    // Assess
    expect(d.state?.active).toMatchObject({ status: 'rolling_back', reason: expect.stringContaining('replacement') });
    expect(d.metrics).toEqual(['RejectionsActedOn']);
    const [update] = ofType(d.actions, 'updateEndpoint');
    expect(update?.configName).toBe(switched.state!.active!.baseline!.config);
  });

  it.each([
    ['the canary is already draining', draining],
    ['a rollback was already asked for while starting', () => reject(starting()).state!],
    ['the rollback asked for by the same rejection is under way (a duplicate delivery)', () => reject(baking()).state!],
    ['the candidate is the first model of a new endpoint, with nothing to go back to', creating],
  ])('changes and counts nothing when %s', (_when, state) => {
    // Act
    const d = reject(state());

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
    expect(d.metrics).toEqual([]);
  });

  it('leaves the canary alone when the rejection came before the package was approved (a late event)', () => {
    // Act
    const d = reject(baking(), '2026-11-27T01:50:00Z');

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
    expect(d.log.message).toBe('rejection older than the approval of the package deployed');
  });
});

describe('a package rejected when its baseline is gone', () => {
  it.each([
    ['being promoted', promoting],
    ['promoted and serving', promoted],
  ])('is left on the endpoint when %s, and the operator is told and it is counted once', (_when, state) => {
    // Act
    const d = reject(state());
    const again = reject(d.state!);

    // Assess
    expect(ofType(d.actions, 'updateWeights')).toEqual([]);
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([]);
    expect(d.state?.active).toEqual(state().active);
    const [told] = ofType(d.actions, 'notify');
    expect(told?.notification.message).toContain('approve the package that should serve instead');
    expect(ofType(d.actions, 'record')[0]?.entry).toMatchObject({ type: 'RejectedModelServes' });
    expect(d.metrics).toEqual(['RejectedModelsServing']);
    expect(again.actions).toEqual([]);
    expect(again.metrics).toEqual([]);
  });

  it('is announced again when rejected again later', () => {
    // Prepare
    const told = reject(promoted()).state!;

    // Act
    const d = reject(told, '2026-11-27T05:00:00Z');

    // Assess
    expect(ofType(d.actions, 'notify')).toHaveLength(1);
  });

  it('changes nothing for a package neither deployed nor queued', () => {
    // Act
    const d = onPackageRejected(baking(), line, pkg(7).arn, t(21), REJECTED_AT);

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });
});
