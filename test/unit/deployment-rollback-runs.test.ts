// A long run of deployments that end without a promotion: what the endpoint's item remembers and keeps.
import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onPermanentFailure } from '../../shared/domain/deployment/failure';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import type { EndpointSnapshot } from '../../shared/domain/deployment/line';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { deploymentKey } from '../../shared/state/keys';
import { DEPLOYMENT_ITEM } from '../../shared/state/kinds/deployment';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const QUOTA =
  'ResourceLimitExceeded: The account-level service limit for ml.m5.large for endpoint usage is 2 Instances';
const inService = (s: DeploymentState, configName: string, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName }, t(at));

/** The canary of `version` beside what `serving` says, passed at every step: its promotion, and what serves then. */
function promoted(state: DeploymentState, version: number, serving: EndpointSnapshot) {
  let s = onApproved(state, line, pkg(version), serving, t(0)).state!;
  s = inService(s, s.active!.expectConfig, 8).state!;
  while (s.active!.weight < 50) {
    s = onJudged(s, line, verdicts.pass(), t(30), STACK).state!;
    s = inService(s, s.active!.expectConfig, 32).state!;
  }
  s = onJudged(s, line, verdicts.pass(), t(45), STACK).state!;
  const { candidate, expectConfig } = s.active!;
  return {
    decision: inService(s, expectConfig, 60),
    serving: { exists: true, status: 'InService', configName: expectConfig, serving: candidate },
  };
}

/** v2 promoted beside v1, and what the endpoint serves then. */
function promotedV2(): { state: DeploymentState; serving: EndpointSnapshot } {
  const { decision, serving } = promoted(emptyDeploymentState('churn-prod'), 2, servingV1);
  return { state: decision.state!, serving };
}

/** The canary of `version` beside what `serving` says, failed by the judge: the baseline config asked for again. */
function rollingBack(state: DeploymentState, version: number, serving: EndpointSnapshot): DeploymentState {
  let s = onApproved(state, line, pkg(version), serving, t(100)).state!;
  s = inService(s, s.active!.expectConfig, 108).state!;
  s = onJudged(s, line, verdicts.fail(), t(123), STACK).state!;
  return inService(s, s.active!.config, 125).state!;
}

/** The canary of `version` beside what `serving` says, ended failed: AWS refused its model for good. */
function refused(state: DeploymentState, version: number, serving: EndpointSnapshot) {
  const started = onApproved(state, line, pkg(version), serving, t(100));
  const create = started.actions.find((action) => action.type === 'createModel')!;
  return { made: started.state!.active!, decision: onPermanentFailure(started.state!, line, create, QUOTA, t(101)) };
}

const deletions = (actions: Action[]) =>
  actions.filter((action) => action.type === 'deleteEndpointConfig' || action.type === 'deleteModel');

/** That canary rolled back: the endpoint serves the baseline config again. */
const rolledBack = (state: DeploymentState, version: number, serving: EndpointSnapshot) =>
  inService(rollingBack(state, version, serving), serving.configName!, 130);

/** `count` canaries after v2's promotion, each rolled back. */
function rollbacks(count: number): DeploymentState {
  const { state, serving } = promotedV2();
  let s = state;
  for (let version = 3; version < 3 + count; version++) s = rolledBack(s, version, serving).state!;
  return s;
}

describe('a long run of rollbacks', () => {
  it('still knows the model last promoted once the history has forgotten its promotion', () => {
    // Act
    const after = rollbacks(21);

    // Assess
    expect(after.history.map((h) => h.outcome)).not.toContain('promoted');
    expect(after.lastPromoted).toMatchObject({ modelPackageArn: pkg(2).arn });
  });

  it("deletes a rolled-back candidate's config and model once the baseline serves again, and nothing it serves", () => {
    // Prepare
    const { state, serving } = promotedV2();
    const restoring = rollingBack(state, 3, serving);

    // Act
    const done = inService(restoring, serving.configName!, 130);

    // Assess
    expect(done.actions.filter((a) => a.type === 'deleteEndpointConfig' || a.type === 'deleteModel')).toEqual([
      { type: 'deleteEndpointConfig', name: restoring.active!.config },
      { type: 'deleteModel', name: restoring.active!.candidate.model },
    ]);
    expect(done.state!.created).toEqual(state.created);
  });

  it('leaves what was created, and so the next promotion’s clean-up, as the last promotion left it', () => {
    // Prepare
    const { state } = promotedV2();

    // Act
    const after = rollbacks(30);

    // Assess
    expect(after.created).toEqual(state.created);
  });
});

describe('a long run of failed deployments', () => {
  it('leaves the last one’s config and model to the next promotion, which deletes them', () => {
    // Prepare
    const { state, serving } = promotedV2();
    const { made, decision } = refused(state, 3, serving);

    // Act
    const next = promoted(decision.state!, 4, serving);

    // Assess
    expect(deletions(decision.actions)).toEqual([]);
    expect(deletions(next.decision.actions)).toEqual(
      expect.arrayContaining([
        { type: 'deleteEndpointConfig', name: made.config },
        { type: 'deleteModel', name: made.candidate.model },
      ]),
    );
    expect(next.decision.state!.created.leftByFailure).toBeUndefined();
  });

  it('each deletes what the one before it left: the item stays bounded and sound, and serving models stay', () => {
    // Prepare: v2 promoted, then canaries refused for good (the endpoint may serve from what each made)
    const { state, serving } = promotedV2();
    const sizes: number[] = [];
    const deleted: string[] = [];
    const own: string[] = [];
    let s = state;
    let last = state.active;

    // Act
    for (let version = 3; version < 603; version++) {
      const { made, decision } = refused(s, version, serving);
      const names = deletions(decision.actions).map((action) => ('name' in action ? action.name : ''));
      own.push(...names.filter((name) => name === made.config || name === made.candidate.model));
      deleted.push(...names);
      s = decision.state!;
      last = made;
      sizes.push(JSON.stringify(s).length);
    }

    // Assess
    // As the store writes it: the version it bumps on each write, the outbox emptied.
    const item = { ...s, ...deploymentKey('churn-prod'), version: 600, outbox: {} };
    expect(DEPLOYMENT_ITEM(deploymentKey('churn-prod'), item)).toEqual([]);
    // What the promotion kept, and what the last failure made (the endpoint may serve from it).
    expect(s.created.configs).toEqual([...state.created.configs, last!.config]);
    expect(s.created.models).toEqual([...state.created.models, last!.candidate.model]);
    // Past the first 200, package versions have all three digits: any growth would be what the item keeps.
    expect(sizes.at(-1)).toBeLessThanOrEqual(sizes[199]!);
    expect(own).toEqual([]);
    expect(deleted).not.toContain(serving.configName);
    expect(deleted).not.toContain(serving.serving!.model);
  });
});
