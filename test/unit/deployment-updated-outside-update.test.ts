// Someone else's UpdateEndpoint (the console, another tool) while one of Shepherd's is under way: SageMaker rolls a
// failed update back only to the config the endpoint served before it, so any other config is someone else's.
import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import type { DeployedLine } from '../../shared/domain/deployment/line';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { bakingCanaryState, canaryBakingAt, churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { serverlessChurnLine, servingServerlessV1 } from '../helpers/serverless';
import { ofType } from '../helpers/actions';

const line = churnLine();
const serverless = serverlessChurnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const alertOf = (actions: Action[]) => ofType(actions, 'notify')[0]!.notification;
const ENDPOINT_REQUESTS = ['createEndpoint', 'updateEndpoint', 'updateWeights'];
/** A config of someone else's, with a variant of its own. */
const BY_HAND = 'churn-prod-by-hand';

interface Case {
  status: string;
  line: DeployedLine;
  state: () => DeploymentState;
  /** The config the endpoint served before Shepherd's update: where SageMaker rolls a failed one back to. */
  before: (s: DeploymentState) => string | undefined;
  doing: string;
}

const creating = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0)).state!;
const starting = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
const replacing = () =>
  onApproved(emptyDeploymentState('churn-prod'), serverless, pkg(2), servingServerlessV1, t(0)).state!;
const promoting = () => onJudged(canaryBakingAt(line, 50), line, verdicts.pass(), t(60), STACK).state!;
/** v2 failed its 10 % step and was drained: the baseline's config is asked for. */
function rollingBack(): DeploymentState {
  const draining = onJudged(bakingCanaryState(line), line, verdicts.fail(), t(12), STACK).state!;
  const drained = { status: 'InService', configName: draining.active!.config, weights: { v1: 1, v2: 0 } };
  return onEndpointObserved(draining, line, drained, t(14)).state!;
}

const CASES: Case[] = [
  { status: 'creating', line, state: creating, before: () => undefined, doing: 'being deployed on the new endpoint' },
  { status: 'starting', line, state: starting, before: () => servingV1.configName, doing: 'starting at 10 %' },
  {
    status: 'replacing',
    line: serverless,
    state: replacing,
    before: () => servingServerlessV1.configName,
    doing: 'replacing v1',
  },
  {
    status: 'promoting',
    line,
    state: promoting,
    before: () => canaryBakingAt(line, 50).active!.config,
    doing: 'being promoted to 100 %',
  },
  { status: 'rolling_back', line, state: rollingBack, before: (s) => s.active!.config, doing: 'being rolled back' },
];

describe('an endpoint updated outside Shepherd while Shepherd’s own UpdateEndpoint is under way', () => {
  it.each(CASES)('fails $status critically when the endpoint serves neither its config nor the one before', (c) => {
    // Prepare
    const s = c.state();
    const expected = s.active!.expectConfig;

    // Act
    const d = onEndpointObserved(s, c.line, { status: 'InService', configName: BY_HAND, weights: { v3: 1 } }, t(90));

    // Assess
    expect(s.active?.status).toBe(c.status);
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `churn-prod was updated outside Shepherd: it serves ${BY_HAND}, not ${expected}`,
    });
    expect(d.actions.filter((a) => ENDPOINT_REQUESTS.includes(a.type))).toEqual([]);
    const alert = alertOf(d.actions);
    expect(alert.severity).toBe('critical');
    expect(alert.message).not.toContain('SageMaker rolled');
    expect(alert.message).toContain(
      `churn-prod serves ${BY_HAND}, which Shepherd did not ask for: it was updated outside Shepherd while ` +
        `${s.active!.candidate.variant} was ${c.doing}. Shepherd leaves it as it is.`,
    );
  });

  it.each(CASES.filter((c) => c.status !== 'creating'))(
    'keeps calling it SageMaker’s rollback when $status’s endpoint serves the config it served before',
    (c) => {
      // Prepare
      const s = c.state();
      const before = c.before(s)!;

      // Act
      const d = onEndpointObserved(s, c.line, { status: 'InService', configName: before }, t(90));

      // Assess
      expect(d.state?.history.at(-1)).toMatchObject({
        outcome: 'failed',
        reason: `SageMaker rolled the endpoint back: it serves ${before}, not ${s.active!.expectConfig}`,
      });
      expect(alertOf(d.actions).severity).toBe('critical');
    },
  );

  it('still rejects a candidate being rolled back when the endpoint was updated outside Shepherd', () => {
    // Prepare
    const s = rollingBack();

    // Act
    const d = onEndpointObserved(s, line, { status: 'InService', configName: BY_HAND }, t(20));

    // Assess
    expect(ofType(d.actions, 'rejectModelPackage')).toEqual([
      expect.objectContaining({ arn: pkg(2).arn, reason: expect.stringMatching(/^rolling back from churn-prod: /) }),
    ]);
    expect(alertOf(d.actions).message).toMatch(/Attention +.*put back neither /);
  });
});
