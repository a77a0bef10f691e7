// The serverless strategy in the pure domain: one variant, so the candidate replaces the baseline at once and is
// judged before/after; a failure goes back to the baseline's config at once.
import type { Action } from '../../shared/domain/actions';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { lookAtReplacement } from '../../shared/domain/deployment/look';
import { onEndpointObserved, stillWanted } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { pkg, STACK } from '../helpers/deployment';
import { minutesOf, serverlessChurnLine, servingServerlessV1 } from '../helpers/serverless';
import { ofType, types } from '../helpers/actions';

const line = serverlessChurnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const inService = (s: DeploymentState, configName: string, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName }, t(at));

const replacing = () => onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingServerlessV1, t(0)).state!;
/** v2 switched in at 02:08: judged from then on against v1's 15 minutes before. */
const baking = () => inService(replacing(), replacing().active!.expectConfig, 8).state!;

/** A look `minutes` complete minutes after the switch, the candidate at `errors` 5XX a minute of 1,000. */
function look(s: DeploymentState, minutes: number, errors: number) {
  const before = minutesOf('v1', t(-7), 15, { requests: 1_000, errors: 10 });
  const after = minutesOf('v2', t(8), minutes, { requests: 1_000, errors });
  return lookAtReplacement(s.active!, line, [before, after], [], t(8 + minutes + 0.5));
}

describe('a serverless line replaces its model at once', () => {
  it('starts with a config of the candidate alone and UpdateEndpoint to it', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingServerlessV1, t(0));

    // Assess
    const started = ['createModel', 'createEndpointConfig', 'updateEndpoint', 'event:Deployment Started'];
    expect(types(d.actions)).toEqual(started);
    const [config] = ofType(d.actions, 'createEndpointConfig');
    expect(config!.request).toEqual({
      EndpointConfigName: expect.stringMatching(/^churn-prod-[0-9a-f]{6}-final$/),
      ProductionVariants: [
        {
          VariantName: 'v2',
          ModelName: expect.stringMatching(/^churn-v2-[0-9a-f]{6}$/),
          InitialVariantWeight: 100,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
      Tags: [
        { Key: 'shepherd:model', Value: 'churn' },
        { Key: 'shepherd:modelPackageVersion', Value: '2' },
      ],
    });
    const name = config!.request.EndpointConfigName;
    const update = {
      type: 'updateEndpoint',
      endpointName: 'churn-prod',
      configName: name,
      fromConfig: 'churn-prod-aaaaaa-final',
    };
    expect(ofType(d.actions, 'updateEndpoint')).toEqual([update]);
    expect(d.state?.active).toMatchObject({ kind: 'replace', status: 'replacing', weight: 100, expectConfig: name });
    expect(d.state?.active?.baseline).toMatchObject({ variant: 'v1', config: 'churn-prod-aaaaaa-final' });
  });

  it('creates the endpoint of its first model as any line does', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0));

    // Assess
    const created = ['createModel', 'createEndpointConfig', 'createEndpoint', 'event:Deployment Started'];
    expect(types(d.actions)).toEqual(created);
    expect(d.state?.active).toMatchObject({ kind: 'create', status: 'creating' });
  });

  it('bakes from the switch once the endpoint serves the candidate, and records it', () => {
    // Act
    const d = inService(replacing(), replacing().active!.expectConfig, 8);

    // Assess
    const bakeStartedAt = t(8).toISOString();
    expect(d.state?.active).toMatchObject({ status: 'baking', bakeStartedAt, nextActionAt: t(23).toISOString() });
    expect(ofType(d.actions, 'record')[0]!.entry).toMatchObject({ type: 'ModelReplaced' });
    expect(d.actions.map((a) => a.type)).toEqual(['record']);
  });

  it('fails at a look mid-bake, asks for the baseline config back at once, then rejects and deletes it', () => {
    // Prepare: two minutes after the switch, the candidate answers 20 % with 5XX
    const s = baking();

    // Act
    const reverting = onJudged(s, line, look(s, 2, 200), t(10.5), STACK);
    const done = inService(reverting.state!, 'churn-prod-aaaaaa-final', 14);

    // Assess
    expect(reverting.actions.filter((a) => a.type !== 'record')).toEqual([
      {
        type: 'updateEndpoint',
        endpointName: 'churn-prod',
        configName: 'churn-prod-aaaaaa-final',
        fromConfig: s.active!.config,
      },
    ]);
    const active = reverting.state?.active;
    expect(active).toMatchObject({ status: 'rolling_back', weight: 0, expectConfig: 'churn-prod-aaaaaa-final' });
    expect(active?.reason).toMatch(/^the judge failed the candidate against v1 before the switch: .*at look 2\)/);
    expect(types(done.actions)).toEqual([
      'event:Deployment Rolled Back',
      'notify',
      'rejectModelPackage',
      'deleteEndpointConfig',
      'deleteModel',
    ]);
    expect(ofType(done.actions, 'deleteEndpointConfig')).toEqual([
      { type: 'deleteEndpointConfig', name: s.active!.config },
    ]);
    expect(ofType(done.actions, 'deleteModel')).toEqual([{ type: 'deleteModel', name: s.active!.candidate.model }]);
    const [rejected] = ofType(done.actions, 'rejectModelPackage');
    expect(rejected!.reason).toMatch(/^rolled back from churn-prod: the judge failed/);
    expect(done.state?.history).toEqual([expect.objectContaining({ outcome: 'rolled_back' })]);
  });

  it('passes only after the full bake, and is promoted as it serves: no new config, no endpoint call', () => {
    // Prepare
    const s = baking();

    // Act
    const midBake = look(s, 10, 10);
    const d = onJudged(s, line, look(s, 15, 10), t(23.5), STACK);

    // Assess
    expect(midBake.outcome).toBe('continue');
    expect(types(d.actions)).toEqual(['event:Deployment Promoted', 'notify']);
    expect(d.metrics).toEqual(['DeploymentsPromoted']);
    expect(d.state?.active).toBeUndefined();
    const reason = 'passed 1 judgement(s) against v1 before the switch';
    expect(d.state?.history).toEqual([expect.objectContaining({ outcome: 'promoted', reason })]);
  });

  it('bakes longer when inconclusive, then goes back to the baseline config as the line chooses', () => {
    // Prepare: too little traffic to pass
    let s = baking();
    const few = { requests: 10, errors: 0 };
    const before = minutesOf('v1', t(-7), 15, few);
    const quiet = lookAtReplacement(s.active!, line, [before, minutesOf('v2', t(8), 15, few)], [], t(23.5));

    // Act
    for (const at of [23.5, 38.5]) s = onJudged(s, line, quiet, t(at), STACK).state!;
    const last = onJudged(s, line, quiet, t(53.5), STACK);

    // Assess
    expect(quiet.outcome).toBe('inconclusive');
    expect(s.active).toMatchObject({ status: 'baking', bakeExtensions: 2 });
    const back = {
      type: 'updateEndpoint',
      endpointName: 'churn-prod',
      configName: 'churn-prod-aaaaaa-final',
      fromConfig: s.active!.config,
    };
    expect(ofType(last.actions, 'updateEndpoint')).toEqual([back]);
    expect(last.state?.active?.reason).toMatch(/^still inconclusive after 2 extension/);
  });
});

describe('what SageMaker really did with a replacement', () => {
  it('notices a silent rollback: in service, but still on the baseline config', () => {
    // Act
    const d = inService(replacing(), 'churn-prod-aaaaaa-final', 8);

    // Assess
    const reason = expect.stringMatching(/^SageMaker rolled the endpoint back/);
    expect(d.state?.history).toEqual([expect.objectContaining({ outcome: 'failed', reason })]);
    expect(ofType(d.actions, 'rejectModelPackage')).toEqual([]);
  });

  it('skips the candidate config asked for late, once the rollback has started', () => {
    // Prepare
    const s = baking();
    const lateSwitch: Action = { type: 'updateEndpoint', endpointName: 'churn-prod', configName: s.active!.config };

    // Act
    const reverting = onJudged(s, line, look(s, 2, 200), t(10.5), STACK);

    // Assess
    expect(stillWanted(s, lateSwitch)).toBe(true);
    expect(stillWanted(reverting.state!, lateSwitch)).toBe(false);
    expect(stillWanted(reverting.state!, ofType(reverting.actions, 'updateEndpoint')[0]!)).toBe(true);
  });
});
