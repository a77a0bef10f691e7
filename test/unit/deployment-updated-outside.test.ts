// Someone else's UpdateEndpoint (the console, another tool) while a canary's weights change: the endpoint comes back
// in service on a config Shepherd did not ask for, which a step must not be baked on nor a rollback undo.
import type { Action } from '../../shared/domain/actions';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import type { DeploymentState } from '../../shared/domain/deployment/state';
import { bakingCanaryState, churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { ofType, types } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const notifications = (actions: Action[]) => ofType(actions, 'notify').map((a) => a.notification);
/** A config of someone else's, with a variant of its own. */
const BY_HAND = 'churn-prod-by-hand';

/** v2 passed its 10 % step; the weights are being shifted to 25 %. */
const shiftingTo25 = (): DeploymentState =>
  onJudged(bakingCanaryState(line), line, verdicts.pass(), t(30), STACK).state!;

/** v2 failed its 10 % step; its weight is being drained to 0. */
const drainingFrom10 = (): DeploymentState =>
  onJudged(bakingCanaryState(line), line, verdicts.fail(), t(12), STACK).state!;

describe('an endpoint updated outside Shepherd while a canary shifts', () => {
  it('ends the deployment failed with a critical alert naming the config it serves, and leaves it be', () => {
    // Prepare
    const shifting = shiftingTo25();
    const canary = shifting.active!.config;

    // Act
    const d = onEndpointObserved(
      shifting,
      line,
      { status: 'InService', configName: BY_HAND, weights: { v3: 1 } },
      t(40),
    );

    // Assess
    expect(shifting.active).toMatchObject({ status: 'shifting', weight: 25, expectConfig: canary });
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `churn-prod was updated outside Shepherd: it serves ${BY_HAND}, not ${canary}`,
    });
    // Nothing is asked of the endpoint: Shepherd does not put its config back over someone else's.
    expect(types(d.actions)).toEqual(['event:Deployment Rolled Back', 'notify']);
    const [alert] = notifications(d.actions);
    expect(alert!.severity).toBe('critical');
    expect(alert!.message).toContain(
      `churn-prod serves ${BY_HAND}, which Shepherd did not ask for: it was updated outside Shepherd while v2 ` +
        'was shifting to 25 %. Shepherd leaves it as it is.',
    );
    expect(alert!.message).toContain(`Serving        ${BY_HAND}: v3 at 100 %`);
    expect(alert!.message).toMatch(/Attention +.*put back neither .*churn-prod-[0-9a-f]+-canary nor /);
  });

  it('bakes the step when the endpoint serves the canary config at the weight asked for', () => {
    // Prepare
    const shifting = shiftingTo25();

    // Act
    const d = onEndpointObserved(
      shifting,
      line,
      { status: 'InService', configName: shifting.active!.config, weights: { v1: 75, v2: 25 } },
      t(40),
    );

    // Assess
    expect(d.state?.active).toMatchObject({ status: 'baking', weight: 25 });
  });
});

describe('an endpoint updated outside Shepherd while a canary drains', () => {
  it('rejects the candidate and ends failed without restoring the baseline over the config it serves', () => {
    // Prepare
    const draining = drainingFrom10();

    // Act
    const d = onEndpointObserved(
      draining,
      line,
      { status: 'InService', configName: BY_HAND, weights: { v3: 1 } },
      t(14),
    );

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([]);
    expect(ofType(d.actions, 'rejectModelPackage')).toEqual([
      expect.objectContaining({ arn: pkg(2).arn, reason: expect.stringMatching(/^rolling back from churn-prod: /) }),
    ]);
    const [alert] = notifications(d.actions);
    expect(alert!.severity).toBe('critical');
    expect(alert!.message).toContain(`it was updated outside Shepherd while v2 was being drained to 0 %`);
  });

  it('ends rolled back at once when someone put the baseline’s config back by hand, asking nothing of it', () => {
    // Prepare: no UpdateEndpoint of Shepherd's is to come, nor the event it would raise
    const draining = drainingFrom10();
    const [canary, config] = [draining.active!.config, servingV1.configName];

    // Act
    const d = onEndpointObserved(
      draining,
      line,
      { status: 'InService', configName: config, weights: { v1: 1 } },
      t(14),
    );

    // Assess
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([]);
    expect(d.state?.active).toBeUndefined();
    const reason = `${draining.active!.reason}; the baseline’s config ${config} was found already restored`;
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'rolled_back', reason: expect.stringContaining(reason) });
    // The aftermath of the rollback Shepherd would have completed: the package rejected, the candidate tidied away.
    const drained = onEndpointObserved(draining, line, { status: 'InService', configName: canary }, t(14)).state!;
    const completed = onEndpointObserved(drained, line, { status: 'InService', configName: config }, t(22));
    expect(types(d.actions)).toEqual(types(completed.actions));
    expect(types(d.actions)).toContain('rejectModelPackage');
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({
      type: 'DeploymentRolledBack',
      message: expect.stringContaining('found already restored'),
    });
    const [alert] = notifications(d.actions);
    expect(alert!.severity).toBe('warning');
    expect(alert!.message).toContain('found already restored');
  });
});

describe('an endpoint updated outside Shepherd while a canary bakes', () => {
  it('ends the deployment failed rather than go on judging and promoting over it', () => {
    // Prepare: no request of Shepherd's is under way while a step bakes
    const baking = bakingCanaryState(line);

    // Act
    const d = onEndpointObserved(baking, line, { status: 'InService', configName: BY_HAND, weights: { v3: 1 } }, t(20));

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `churn-prod was updated outside Shepherd: it serves ${BY_HAND}, not ${baking.active!.config}`,
    });
    expect(types(d.actions)).toEqual(['event:Deployment Rolled Back', 'notify']);
    expect(notifications(d.actions)[0]!.message).toContain('while v2 was baking at 10 %');
  });

  it('changes nothing when the endpoint still serves the canary config, or is not in service yet', () => {
    // Prepare
    const baking = bakingCanaryState(line);
    const config = baking.active!.config;

    // Act
    const same = onEndpointObserved(baking, line, { status: 'InService', configName: config }, t(20));
    const updating = onEndpointObserved(baking, line, { status: 'Updating', configName: config }, t(20));

    // Assess
    expect(same.state).toBeUndefined();
    expect(updating.state).toBeUndefined();
  });
});
