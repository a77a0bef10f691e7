import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { rolloutLimit, watchDeployment, type WatchedState } from '../../shared/domain/deployment/stuck';
import { churnLine, pkg, servingV1, verdicts, STACK, bakingCanaryState } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine(); // steps 10/25/50/100, 15-minute bakes, 2 extensions
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const notes = (actions: Action[]) => ofType(actions, 'notify').map((a) => a.notification);

/** v2's canary asked for at t(0), its UpdateEndpoint pending, first seen by the reconciler at t(1). */
function startingSeen(): WatchedState {
  const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
  return watchDeployment(started, line, [], t(1)).state!;
}

/** The canary in service at t(8), baking at 10 %. */
function baking(): DeploymentState {
  return bakingCanaryState(line);
}

describe('watching a deployment for work that stays too long', () => {
  it('remembers since when it first saw a status the endpoint is pending in, and says nothing yet', () => {
    // Prepare
    const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;

    // Act
    const d = watchDeployment(started, line, [], t(1));

    // Assess
    expect((d.state as WatchedState).watch).toMatchObject({
      status: 'starting',
      step: 0,
      since: t(1).toISOString(),
      said: false,
    });
    expect(d.actions).toEqual([]);
  });

  it.each([
    [61, false],
    [62, true],
  ])(
    'says an endpoint operation pending since t(1) at t(%p): %p (an hour is far past SageMaker’s minutes)',
    (minutes, said) => {
      // Act
      const d = watchDeployment(startingSeen(), line, [], t(minutes));

      // Assess
      expect(notes(d.actions).length === 1).toBe(said);
    },
  );

  it('says what it waits for, once per status, with Shepherd’s own requests still pending', () => {
    // Act
    const first = watchDeployment(startingSeen(), line, ['updateEndpoint'], t(62));
    const again = watchDeployment(first.state!, line, ['updateEndpoint'], t(90));

    // Assess
    const [said] = notes(first.actions);
    expect(said).toMatchObject({
      severity: 'warning',
      subject: '[Shepherd] churn: deployment on churn-prod stuck in starting',
    });
    expect(said!.message).toContain('waits for UpdateEndpoint: the canary config churn-prod-');
    expect(said!.message).toContain("Shepherd's own requests not yet accepted: updateEndpoint");
    expect(again.state).toBeUndefined();
  });

  it.each([
    [83, false],
    [84, true],
  ])('says a bake begun at t(8) that lasts past its extensions and margin (75 min) at t(%p): %p', (minutes, said) => {
    // Act
    const d = watchDeployment(baking(), line, [], t(minutes));

    // Assess
    expect(notes(d.actions).length === 1).toBe(said);
    if (said) expect(notes(d.actions)[0]!.message).toContain('waits for a verdict on the bake at 10 %');
  });

  it('says a weight asked for as asked for, and a baking one as in service, on the alert’s Weight line', () => {
    // Prepare
    const shifting = onJudged(baking(), line, verdicts.pass(), t(23), STACK).state!;
    const shiftSeen = watchDeployment(shifting, line, [], t(24)).state!;
    const weightLine = (d: ReturnType<typeof watchDeployment>) =>
      notes(d.actions)[0]!
        .message.split('\n')
        .find((l) => l.startsWith('Weight'));

    // Act
    const [asked, shifted, baked] = [
      watchDeployment(startingSeen(), line, [], t(62)),
      watchDeployment(shiftSeen, line, [], t(85)),
      watchDeployment(baking(), line, [], t(84)),
    ];

    // Assess
    expect(weightLine(asked)).toMatch(
      /^Weight +starting: 10 % asked for beside v1, which serves alone until the update is in service$/,
    );
    expect(weightLine(shifted)).toMatch(
      /^Weight +shifting: 25 % asked for, not yet in service \(last judged at 10 %\)$/,
    );
    expect(weightLine(baked)).toMatch(/^Weight +baking at 10 %$/);
  });

  it('writes nothing for a bake on time: its start is in the state already', () => {
    // Act
    const d = watchDeployment(baking(), line, [], t(30));

    // Assess
    expect(d.state).toBeUndefined();
  });

  it('says a rollout that outlasts its steps × bakes and extensions once, even when each status was brief', () => {
    // Prepare: every status seen in time, but the rollout started 216 min before a fresh bake's look
    const budget = rolloutLimit(baking().active!, line) / 60_000; // 3 × (45 + 10) + 20 + 30 = 215 min
    const s = baking();
    const late = { ...s, active: { ...s.active!, bakeStartedAt: t(200).toISOString() } };

    // Act
    const first = watchDeployment(late, line, [], t(216));
    const again = watchDeployment(first.state!, line, [], t(230));

    // Assess
    expect(budget).toBe(215);
    expect(notes(first.actions)).toHaveLength(1);
    expect((first.state as WatchedState).watch).toMatchObject({ overdue: true, said: false });
    expect(again.state).toBeUndefined();
  });

  it('never says a canary held for a human, nor its later steps’ length', () => {
    // Prepare: inconclusive past both extensions with onInconclusive hold
    const hold = churnLine();
    hold.deployment = { ...hold.deployment, onInconclusive: 'hold' };
    let s = baking();
    for (let look = 0; look < 3; look++)
      s = onJudged(s, hold, verdicts.inconclusive(), t(25 + look * 15), STACK).state!;

    // Act
    const d = watchDeployment(s, hold, [], t(2_000));

    // Assess
    expect(s.active?.status).toBe('held');
    expect(d.state).toBeUndefined();
  });
});
