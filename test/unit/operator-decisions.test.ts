import { onApproved } from '../../shared/domain/deployment/approvals';
import { humanVerdict, onHumanDecision } from '../../shared/domain/deployment/human';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import {
  emptyPackageDecision,
  onPackageDecision,
  packageVerdict,
  type PackageView,
} from '../../shared/domain/registry/decision';
import { onRetrainRequested, retrainOutcome } from '../../shared/domain/retraining/manual';
import { emptyTrainingState } from '../../shared/domain/retraining/state';
import { line } from '../helpers/config';
import { churnLine, pkg, servingV1, verdicts, STACK, bakingCanaryState } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const ana = { who: 'arn:aws:iam::123456789012:user/ana', why: 'offline metrics reviewed', via: 'shepherd CLI' };
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/4';
const pending: PackageView = { arn: ARN, group: 'churn-models', version: 4, status: 'PendingManualApproval' };

describe('a human approves or rejects a registered model', () => {
  it('approves a pending package: UpdateModelPackage naming who, how and why, and a timeline entry', () => {
    // Act
    const d = onPackageDecision(emptyPackageDecision(ARN), 'churn', pending, 'Approved', ana, t(0));

    // Assess
    expect(ofType(d.actions, 'decideModelPackage')).toEqual([
      {
        type: 'decideModelPackage',
        arn: ARN,
        status: 'Approved',
        description: 'Approved by arn:aws:iam::123456789012:user/ana via shepherd CLI: offline metrics reviewed',
      },
    ]);
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({
      model: 'churn',
      type: 'ModelApprovedByHuman',
      data: { who: ana.who, why: ana.why, via: 'shepherd CLI', arn: ARN },
    });
    expect(d.state?.decided).toMatchObject({ status: 'Approved', who: ana.who, at: t(0).toISOString() });
  });

  it('says "already" and changes nothing when the same word is repeated, by the claim or by the registry', () => {
    // Prepare
    const claimed = onPackageDecision(emptyPackageDecision(ARN), 'churn', pending, 'Rejected', ana, t(0)).state!;
    const inStudio = { ...pending, status: 'Approved', description: 'approved in Studio' };

    // Act
    const again = onPackageDecision(claimed, 'churn', pending, 'Rejected', ana, t(1));
    const studio = packageVerdict(emptyPackageDecision(ARN), inStudio, 'Approved');

    // Assess
    expect(again.state).toBeUndefined();
    expect(again.actions).toEqual([]);
    expect(again.log.message).toMatch(/^churn-models\/4 is already rejected by arn:.*user\/ana at 2026-11-27T02:00/);
    expect(studio).toEqual({ outcome: 'already', message: 'churn-models/4 is already approved (approved in Studio)' });
  });

  it('refuses the opposite word once a package is claimed, even before the registry shows it', () => {
    // Prepare
    const claimed = onPackageDecision(emptyPackageDecision(ARN), 'churn', pending, 'Approved', ana, t(0)).state!;

    // Act
    const verdict = packageVerdict(claimed, pending, 'Rejected');

    // Assess
    expect(verdict).toEqual({
      outcome: 'refused',
      message: expect.stringMatching(/^cannot reject churn-models\/4: it was approved by arn:.*ana at .* \(offline/),
    });
  });

  it('refuses a package that is not pending: nothing to approve', () => {
    // Act
    const verdict = packageVerdict(emptyPackageDecision(ARN), { ...pending, status: 'Rejected' }, 'Approved');

    // Assess
    expect(verdict).toEqual({
      outcome: 'refused',
      message: 'nothing to approve: churn-models/4 is Rejected, not PendingManualApproval',
    });
  });
});

describe('a human promotes or aborts a deployment', () => {
  const churn = churnLine();
  const starting = () => onApproved(emptyDeploymentState('churn-prod'), churn, pkg(2), servingV1, t(0)).state!;
  const baking = (): DeploymentState => bakingCanaryState(churn);

  it('refuses both when nothing is deployed, naming the last deployment', () => {
    // Prepare
    const ended = {
      ...emptyDeploymentState('churn-prod'),
      history: [{ id: 'd1', modelPackageArn: ARN, outcome: 'rolled_back' as const, at: '2026-11-27T01:00:00Z' }],
    };

    // Act
    const verdict = humanVerdict(ended, 'abort');

    // Assess
    expect(verdict).toEqual({
      outcome: 'refused',
      message:
        'nothing to abort on churn-prod: no deployment in progress ' +
        `(the last one, ${ARN}, ended rolled_back at 2026-11-27T01:00:00Z)`,
    });
  });

  it('refuses a first model on a new endpoint: there is nothing to go back to', () => {
    // Prepare
    const creating = onApproved(emptyDeploymentState('churn-prod'), churn, pkg(1), { exists: false }, t(0)).state!;

    // Act
    const verdict = humanVerdict(creating, 'abort');

    // Assess
    expect(verdict.outcome).toBe('refused');
  });

  it('aborts a canary whose config is still being applied once it is in service, recorded with who and why', () => {
    // Act
    const d = onHumanDecision(starting(), churn, 'abort', ana.who, 'pager', t(2));
    const applied = onEndpointObserved(
      d.state!,
      churn,
      { status: 'InService', configName: d.state!.active!.expectConfig },
      t(8),
    );

    // Assess
    expect(d.state?.active).toMatchObject({ status: 'starting', abortRequested: `aborted by ${ana.who}: pager` });
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({ type: 'DeploymentAborted', data: { why: 'pager' } });
    expect(applied.state?.active).toMatchObject({ status: 'draining', weight: 0 });
  });

  it('says "already" to a repeated abort and to a repeated promotion, and changes nothing', () => {
    // Prepare
    const aborted = onHumanDecision(baking(), churn, 'abort', ana.who, 'pager', t(12)).state!;
    const promoting = onHumanDecision(baking(), churn, 'promote', ana.who, 'urgent fix', t(12)).state!;

    // Act
    const abortAgain = onHumanDecision(aborted, churn, 'abort', ana.who, 'pager', t(13));
    const promoteAgain = humanVerdict(promoting, 'promote');

    // Assess
    expect(abortAgain.state).toBeUndefined();
    expect(humanVerdict(aborted, 'abort')).toMatchObject({ outcome: 'already' });
    expect(promoteAgain).toMatchObject({ outcome: 'already', message: expect.stringMatching(/^already promoting/) });
  });

  it('refuses to promote a canary that is rolling back, or whose weights are being shifted', () => {
    // Prepare
    const failed = onJudged(baking(), churn, verdicts.fail(), t(20), STACK).state!;
    const shifting = onJudged(baking(), churn, verdicts.pass(), t(30), STACK).state!;

    // Act + Assess
    expect(humanVerdict(failed, 'promote')).toMatchObject({ outcome: 'refused', message: /being rolled back/ });
    expect(humanVerdict(shifting, 'promote')).toMatchObject({ outcome: 'refused', message: /try again once/ });
    expect(humanVerdict(shifting, 'abort')).toEqual({ outcome: 'act' });
  });

  it('promotes or aborts a canary held for a human after it stayed inconclusive', () => {
    // Prepare
    const holding = {
      ...churn,
      deployment: { ...churn.deployment, onInconclusive: 'hold' as const, maxBakeExtensions: 0 },
    };
    const held = onJudged(baking(), holding, verdicts.inconclusive(), t(30), STACK).state!;

    // Act
    const promoted = onHumanDecision(held, holding, 'promote', ana.who, 'enough evidence offline', t(40));
    const aborted = onHumanDecision(held, holding, 'abort', ana.who, 'not worth the risk', t(40));

    // Assess
    expect(held.active?.status).toBe('held');
    expect(promoted.state?.active?.status).toBe('promoting');
    expect(aborted.state?.active).toMatchObject({ status: 'draining', weight: 0 });
  });

  it('refuses a word about another deployment than the one in progress, and accepts one already carried out', () => {
    // Prepare
    const state = baking();
    const old = { id: 'old', modelPackageArn: ARN, outcome: 'promoted' as const, at: '2026-11-27T01:00:00Z' };
    const past: DeploymentState = { ...state, active: undefined, history: [old] };

    // Act + Assess
    expect(humanVerdict(state, 'abort', 'another')).toMatchObject({ outcome: 'refused' });
    expect(humanVerdict(past, 'promote', 'old')).toMatchObject({ outcome: 'already' });
    expect(humanVerdict(past, 'abort', 'old')).toMatchObject({ outcome: 'refused', message: /ended promoted/ });
  });

  it('answers a word about a package deployed twice with how its latest run ended', () => {
    // Prepare: the same package, so the same id, rolled back and then promoted
    const run = (outcome: 'promoted' | 'rolled_back', at: string) => ({ id: 'd2', modelPackageArn: ARN, outcome, at });
    const history = [run('rolled_back', '2026-11-26T22:00:00Z'), run('promoted', '2026-11-27T02:00:00Z')];
    const past: DeploymentState = { ...baking(), active: undefined, history };

    // Act + Assess
    expect(humanVerdict(past, 'promote', 'd2')).toMatchObject({ outcome: 'already' });
    expect(humanVerdict(past, 'abort', 'd2')).toMatchObject({
      outcome: 'refused',
      message: 'deployment d2 already ended promoted at 2026-11-27T02:00:00Z',
    });
  });
});

describe('a human asks for a retraining', () => {
  const churn = line('churn');
  const ask = (id: string) => ({ id, who: ana.who, why: 'labels fixed' });

  it('starts a run when the guards allow, recording who asked and why', () => {
    // Act
    const d = onRetrainRequested(emptyTrainingState('churn'), churn, ask('r1'), t(0));

    // Assess
    expect(retrainOutcome(d)).toEqual({ outcome: 'started', runName: d.state!.inFlight!.runName });
    expect(d.state?.inFlight?.trigger).toMatchObject({ reason: 'manual', detail: `asked by ${ana.who}: labels fixed` });
    expect(ofType(d.actions, 'record').map((a) => a.entry.type)).toEqual(['RetrainingRequested', 'RetrainingStarted']);
    expect(ofType(d.actions, 'createTrainingJob')).toHaveLength(1);
  });

  it('refuses during the cooldown and while a run is in flight, queueing nothing, and says why', () => {
    // Prepare
    const running = onRetrainRequested(emptyTrainingState('churn'), churn, ask('r1'), t(0)).state!;
    const ended = { ...running, inFlight: undefined };

    // Act
    const inFlight = onRetrainRequested(running, churn, ask('r2'), t(5));
    const cooling = onRetrainRequested(ended, churn, ask('r3'), t(30));

    // Assess
    expect(retrainOutcome(inFlight)).toMatchObject({ outcome: 'refused', refusal: { reason: 'in_flight' } });
    expect(inFlight.state?.pending).toBeUndefined();
    expect(retrainOutcome(cooling)).toMatchObject({ outcome: 'refused', refusal: { reason: 'cooldown' } });
    expect(ofType(cooling.actions, 'record')[0]!.entry).toMatchObject({
      type: 'TriggerRefused',
      message: expect.stringContaining(`asked by ${ana.who} (labels fixed) refused: cooldown of 60 min`),
    });
  });

  it('starts one run for a request delivered twice', () => {
    // Prepare
    const first = onRetrainRequested(emptyTrainingState('churn'), churn, ask('r1'), t(0)).state!;

    // Act
    const again = onRetrainRequested({ ...first, inFlight: undefined }, churn, ask('r1'), t(90));

    // Assess
    expect(again.state).toBeUndefined();
    expect(retrainOutcome(again)).toEqual({ outcome: 'already' });
  });
});
