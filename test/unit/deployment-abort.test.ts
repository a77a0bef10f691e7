// Abort alarms in the pure domain: a canary fails on its alarm's word, whatever its bake would say.
import type { Action } from '../../shared/domain/actions';
import { onAbortAlarm } from '../../shared/domain/deployment/abort';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const ALARM = 'churn-prod-latency-p99';
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const weightOf = (actions: Action[], variant: string) => {
  const weights = ofType(actions, 'updateWeights')[0]?.request.DesiredWeightsAndCapacities;
  return weights?.find((w) => w.VariantName === variant)?.DesiredWeight;
};
const inService = (s: DeploymentState, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName: s.active!.expectConfig }, t(at));

const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
const baking = () => inService(starting(), 8).state!;
const shifting = () => onJudged(baking(), line, verdicts.pass(), t(23), STACK).state!;
const held = (): DeploymentState => ({ ...baking(), active: { ...baking().active!, status: 'held' } });
const at50 = (): DeploymentState => ({ ...baking(), active: { ...baking().active!, step: 2, weight: 50 } });
const promoting = () => onJudged(at50(), line, verdicts.pass(), t(23), STACK).state!;
const creating = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0)).state!;
const draining = () => onJudged(baking(), line, verdicts.fail(), t(23), STACK).state!;

describe('an abort alarm in ALARM', () => {
  it.each([
    ['baking', baking, 10, 'at 10 %', true],
    ['shifting', shifting, 25, 'while shifting: 25 % asked for, not yet in service (last judged at 10 %)', false],
    ['held', held, 10, 'at 10 %', true],
  ])(
    'takes a %s canary out at once: candidate weight 0, the alarm named and recorded',
    (_s, state, weight, at, seen) => {
      // Act
      const d = onAbortAlarm(state(), line, ALARM, t(24));

      // Assess
      expect(weightOf(d.actions, 'v2')).toBe(0);
      expect(weightOf(d.actions, 'v1')).toBe(100);
      const reason = `abort alarm ${ALARM} is in ALARM ${at}`;
      expect(d.state?.active).toMatchObject({ status: 'draining', weight: 0, reason });
      const [record] = ofType(d.actions, 'record');
      const data = { alarm: ALARM, weight, weightInService: seen };
      expect(record?.entry).toMatchObject({ type: 'AbortAlarmRaised', data });
      expect(d.metrics).toEqual(['AbortAlarmsActedOn']);
    },
  );

  it('asks a starting canary to roll back once its config is in service, since weights cannot change before', () => {
    // Act
    const asked = onAbortAlarm(starting(), line, ALARM, t(3));
    const applied = inService(asked.state!, 8);

    // Assess
    expect(ofType(asked.actions, 'updateWeights')).toEqual([]);
    expect(asked.state?.active).toMatchObject({ status: 'starting', abortRequested: expect.stringContaining(ALARM) });
    expect(applied.state?.active).toMatchObject({ status: 'draining', weight: 0 });
    expect(weightOf(applied.actions, 'v2')).toBe(0);
    expect(ofType(applied.actions, 'record')).toEqual([]);
  });

  it.each([
    ['nothing is deployed', () => emptyDeploymentState('churn-prod')],
    ['the first model creates the endpoint', creating],
    ['the canary is already draining (a duplicate event)', draining],
    ['the rollback restores the baseline', () => inService(draining(), 25).state!],
    ['the candidate is being promoted', promoting],
    ['a rollback was already asked for while starting', () => onAbortAlarm(starting(), line, ALARM, t(3)).state!],
  ])('changes nothing when %s', (_when, state) => {
    // Act
    const d = onAbortAlarm(state(), line, ALARM, t(24));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
    expect(d.log.message).toMatch(/^abort alarm: /);
  });
});
