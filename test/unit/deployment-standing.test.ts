// What Shepherd says of a deployment's weight: the weight in state is the one asked for; only a candidate baking
// or held has been seen serving it. Answers to a human and the abort alarm's timeline entry say which it is.
import type { Action } from '../../shared/domain/actions';
import { deploymentFacts } from '../../shared/domain/approval/facts';
import { onAbortAlarm } from '../../shared/domain/deployment/abort';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { humanVerdict, onHumanDecision } from '../../shared/domain/deployment/human';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, STACK, verdicts } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const ALARM = 'churn-prod-latency-p99';
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const inService = (s: DeploymentState, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName: s.active!.expectConfig }, t(at)).state!;
const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
const baking = () => inService(starting(), 8);
const shifting = () => onJudged(baking(), line, verdicts.pass(), t(23), STACK).state!;
const promoting = () => onHumanDecision(baking(), line, 'promote', 'ana', 'urgent fix', t(12)).state!;
const draining = () => onJudged(baking(), line, verdicts.fail(), t(20), STACK).state!;
const recorded = (actions: Action[]) => ofType(actions, 'record')[0]!.entry;

describe('what a human is told of a deployment’s weight', () => {
  it('says a promotion’s 100 % is asked for, not serving, and the weight last judged where there is one', () => {
    // Prepare
    const at50 = baking();
    at50.active = { ...at50.active!, step: 2, weight: 50 };
    const judgedOut = onJudged(at50, line, verdicts.pass(), t(23), STACK).state!;

    // Act
    const byHand = humanVerdict(promoting(), 'promote');
    const byJudge = humanVerdict(judgedOut, 'promote');

    // Assess
    expect(byHand).toEqual({
      outcome: 'already',
      message: 'already promoting: the canary of churn-models/2 is promoting: 100 % asked for, not yet in service',
    });
    expect(byJudge).toMatchObject({
      message: expect.stringMatching(/is promoting: 100 % asked for, not yet in service \(last judged at 50 %\)$/),
    });
  });

  it('says a shift’s weight is asked for, and a drain’s 0 %, not that the candidate serves them', () => {
    // Act
    const promote = humanVerdict(shifting(), 'promote');
    const abort = humanVerdict(draining(), 'abort');

    // Assess
    expect(promote).toMatchObject({
      message: expect.stringContaining('is shifting: 25 % asked for, not yet in service (last judged at 10 %)'),
    });
    expect(abort).toMatchObject({
      message: expect.stringContaining('is draining: 0 % asked for, not yet in service (last judged at 10 %)'),
    });
  });

  it('says a starting canary’s baseline still serves alone', () => {
    // Act
    const verdict = humanVerdict(starting(), 'promote');

    // Assess
    expect(verdict).toMatchObject({
      message: expect.stringContaining(
        'is starting: 10 % asked for beside v1, which serves alone until the update is in service',
      ),
    });
  });
});

describe('the timeline entry of an abort alarm', () => {
  it('says a shifting canary’s next weight was asked for, not served, and records which weight is confirmed', () => {
    // Act
    const d = onAbortAlarm(shifting(), line, ALARM, t(24));

    // Assess
    const entry = recorded(d.actions);
    expect(entry.message).toBe(
      `abort alarm ${ALARM} is in ALARM while the canary of ${pkg(2).arn} is shifting: 25 % asked for, ` +
        'not yet in service (last judged at 10 %)',
    );
    expect(entry.data).toMatchObject({ alarm: ALARM, status: 'shifting', weight: 25, weightInService: false });
    expect(d.state?.active?.reason).toBe(
      `abort alarm ${ALARM} is in ALARM while shifting: 25 % asked for, not yet in service (last judged at 10 %)`,
    );
  });

  it('says a baking canary’s weight as served', () => {
    // Act
    const d = onAbortAlarm(baking(), line, ALARM, t(12));

    // Assess
    const entry = recorded(d.actions);
    expect(entry.message).toBe(`abort alarm ${ALARM} is in ALARM while the canary of ${pkg(2).arn} is baking at 10 %`);
    expect(entry.data).toMatchObject({ weight: 10, weightInService: true });
    expect(d.state?.active?.reason).toBe(`abort alarm ${ALARM} is in ALARM at 10 %`);
  });
});

describe('the approval link page’s Deployment fact', () => {
  it('says a shift’s weight is asked for, and a baking canary’s as serving', () => {
    // Prepare
    const [moving, settled] = [shifting(), baking()];

    // Act
    const [shiftFact, bakeFact] = [moving, settled].map(
      (s) => new Map(deploymentFacts(s, s.active!.id)).get('Deployment')!,
    );

    // Assess
    expect(shiftFact).toBe(
      `${moving.active!.id}: canary shifting: 25 % asked for, not yet in service (last judged at 10 %) (step 2)`,
    );
    expect(bakeFact).toBe(`${settled.active!.id}: canary baking at 10 % (step 1)`);
  });
});
