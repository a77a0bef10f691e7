// When a bake starts: when the endpoint went in service on what was asked (DescribeEndpoint's LastModifiedTime),
// not when Shepherd noticed, which may be a lost event's 15 minutes later; never before the request, nor after now.
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { serverlessChurnLine, servingServerlessV1 } from '../helpers/serverless';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const iso = (minutes: number) => t(minutes).toISOString();

/** v2's canary config asked for at t(0). */
const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
/** In service on what the active deployment asked for, changed last at `changed`, noticed at `noticed`. */
const noticed = (state: DeploymentState, changed: number | undefined, at: number) =>
  onEndpointObserved(
    state,
    line,
    {
      status: 'InService',
      configName: state.active!.expectConfig,
      ...(changed === undefined ? {} : { lastModified: iso(changed) }),
    },
    t(at),
  ).state!;

describe('the start of a bake', () => {
  it('is when the canary config went in service, though its event was lost and a tick noticed it later', () => {
    // Act
    const s = noticed(starting(), 9, 25);

    // Assess
    expect(s.active).toMatchObject({ status: 'baking', bakeStartedAt: iso(9), nextActionAt: iso(24) });
  });

  it('is never before the request: an endpoint last changed before it is taken as in service when asked', () => {
    // Act
    const s = noticed(starting(), -30, 25);

    // Assess
    expect(s.active).toMatchObject({ bakeStartedAt: iso(0), nextActionAt: iso(15) });
  });

  it('is never after now, whatever AWS’s clock says', () => {
    // Act
    const s = noticed(starting(), 27, 25);

    // Assess
    expect(s.active).toMatchObject({ bakeStartedAt: iso(25), nextActionAt: iso(40) });
  });

  it('is when it was noticed when the endpoint gives no time', () => {
    // Act
    const s = noticed(starting(), undefined, 25);

    // Assess
    expect(s.active).toMatchObject({ bakeStartedAt: iso(25) });
  });

  it('of a next step is never before its weights were asked for, though the endpoint says the last change', () => {
    // Prepare: baking at 10 % since t(9); passed at t(30), 25 % asked for then
    const shifting = onJudged(noticed(starting(), 9, 9), line, verdicts.pass(), t(30), STACK).state!;

    // Act: the weights' change was not seen to move LastModifiedTime
    const s = noticed(shifting, 9, 45);

    // Assess
    expect(s.active).toMatchObject({ status: 'baking', weight: 25, bakeStartedAt: iso(30) });
  });

  it('of a next step is when its weights took effect', () => {
    // Prepare
    const shifting = onJudged(noticed(starting(), 9, 9), line, verdicts.pass(), t(30), STACK).state!;

    // Act
    const s = noticed(shifting, 33, 45);

    // Assess
    expect(s.active).toMatchObject({ weight: 25, bakeStartedAt: iso(33), nextActionAt: iso(48) });
  });

  it('of a replacement is its switch, so the baseline is judged over the bake before it', () => {
    // Prepare
    const serverless = serverlessChurnLine();
    const replacing = onApproved(emptyDeploymentState('churn-prod'), serverless, pkg(2), servingServerlessV1, t(0));
    const state = replacing.state!;

    // Act
    const s = onEndpointObserved(
      state,
      serverless,
      { status: 'InService', configName: state.active!.expectConfig, lastModified: iso(6) },
      t(21),
    ).state!;

    // Assess
    expect(s.active).toMatchObject({ kind: 'replace', status: 'baking', bakeStartedAt: iso(6) });
  });
});
describe('what Shepherd says of a bake it starts', () => {
  /** The timeline entry and log of the decision that started the bake. */
  const said = (state: DeploymentState, observedLine: typeof line, changed: number, at: number) => {
    const observed = { status: 'InService', configName: state.active!.expectConfig, lastModified: iso(changed) };
    const d = onEndpointObserved(state, observedLine, observed, t(at));
    const [entry] = d.actions.flatMap((a) => (a.type === 'record' ? [a.entry] : []));
    return { entry, log: d.log };
  };

  it('counts the bake from when the step took effect, as the judge does, not from when a late tick noticed it', () => {
    // Act: in service at t(9), its event lost, seen by a tick at t(20)
    const { entry, log } = said(starting(), line, 9, 20);

    // Assess
    expect(entry).toMatchObject({
      type: 'CanaryStepApplied',
      at: iso(20),
      message: expect.stringMatching(
        new RegExp(`; baking 15 min from ${iso(9)}, when it took effect, to ${iso(24)}; seen in service 11 min later$`),
      ),
      data: { bakeStartedAt: iso(9), bakeEndsAt: iso(24) },
    });
    expect(log.data).toMatchObject({ bakeStartedAt: iso(9), bakeEndsAt: iso(24) });
  });

  it('says no delay when the step was seen in service as it took effect', () => {
    // Act
    const { entry } = said(starting(), line, 9, 9);

    // Assess
    expect(entry!.message).toMatch(new RegExp(`; baking 15 min from ${iso(9)}, when it took effect, to ${iso(24)}$`));
  });

  it("counts a replacement's bake from its switch, not from when it was noticed", () => {
    // Prepare
    const serverless = serverlessChurnLine();
    const replacing = onApproved(emptyDeploymentState('churn-prod'), serverless, pkg(2), servingServerlessV1, t(0));

    // Act: switched at t(6), seen at t(21)
    const { entry } = said(replacing.state!, serverless, 6, 21);

    // Assess
    expect(entry).toMatchObject({
      type: 'ModelReplaced',
      message: expect.stringContaining(
        `; baking 15 min from ${iso(6)}, when it took effect, to ${iso(21)}; seen in service 15 min later; judged `,
      ),
      data: { bakeStartedAt: iso(6), bakeEndsAt: iso(21) },
    });
  });
});

describe('an IN_SERVICE seen again after the bake started', () => {
  it('changes nothing: a duplicate or late event does not restart the bake', () => {
    // Prepare: the reconciler started the bake from the endpoint's time
    const baking = noticed(starting(), 9, 25);

    // Act: the event, late, or once more
    const d = onEndpointObserved(
      baking,
      line,
      { status: 'InService', configName: baking.active!.expectConfig, lastModified: iso(9) },
      t(27),
    );

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
    expect(d.log.message).toBe('endpoint change needs no action');
  });
});
