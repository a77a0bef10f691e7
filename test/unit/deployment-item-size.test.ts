// The endpoint's state is one DynamoDB item of at most 400 KB (docs/dynamodb-numbers.md): every judgement of the
// active deployment stays in it until the deployment ends, so what each keeps must not grow with the config.
import type { Action } from '../../shared/domain/actions';
import { judge } from '../../shared/domain/deployment/judge';
import { DEFAULT_JUDGE_SETTINGS, type VariantWindow } from '../../shared/domain/deployment/judge-types';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, verdicts, STACK } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const base = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const records = (actions: Action[]) => ofType(actions, 'record');

// The most the config takes: 120 judgements (6 judged steps of a bake and 19 extensions each), 247 custom metrics.
const customMetrics = Array.from({ length: 247 }, (_, i) => ({
  namespace: 'App',
  name: `business_metric_${i}`,
  dimensions: {},
  stat: 'Average' as const,
  better: 'lower' as const,
  margin: 0.1,
}));
const line = {
  ...base,
  deployment: {
    ...base.deployment,
    canarySteps: [5, 10, 15, 20, 25, 30, 100],
    maxBakeExtensions: 19,
    judge: { ...base.deployment.judge, customMetrics },
  },
};

/** Too few minutes for any custom metric: one reason each, why it is not shown within its margin. */
const inconclusive = () => {
  const side = (variant: string): VariantWindow => ({
    variant,
    requests: 100,
    errors: 1,
    latencyPerMinute: [40_000, 40_100],
    custom: Object.fromEntries(customMetrics.map((m) => [m.name, [1, 2]])),
  });
  return judge(side('v1'), side('v2'), [], { ...DEFAULT_JUDGE_SETTINGS, customMetrics });
};

describe('the judgements an endpoint item keeps', () => {
  it('stay within 400 KB over the longest rollout the config allows, each told in full on the timeline', () => {
    // Prepare
    const started = onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
    let s: DeploymentState = onEndpointObserved(
      started,
      line,
      { status: 'InService', configName: started.active!.config },
      t(1),
    ).state!;
    const verdict = inconclusive();
    const told: string[] = [];

    // Act: every judged step extended 19 times; all but the last pass on
    for (let step = 0; step < 6; step++) {
      for (let extension = 0; extension < 19; extension++) {
        const d = onJudged(s, line, verdict, t(2), STACK);
        told.push(...records(d.actions).map((r) => r.entry.message));
        s = d.state!;
      }
      if (step === 5) break;
      s = onJudged(s, line, verdicts.pass(), t(3), STACK).state!;
      s = onEndpointObserved(s, line, { status: 'InService', configName: s.active!.config }, t(4)).state!;
    }

    // Assess: the 120th judgement rolls back; the item then holds its state and the decision's outbox
    const last = onJudged(s, line, verdict, t(5), STACK);
    expect(last.state!.active).toMatchObject({ status: 'draining', step: 5 });
    expect(last.state!.active!.judgements).toHaveLength(120);
    expect(Buffer.byteLength(JSON.stringify({ ...last.state, outbox: last.actions }))).toBeLessThan(400_000);
    expect(last.state!.active!.judgements.at(-1)!.reasons.at(-1)).toBe(
      '239 more reason(s) on the timeline (CanaryJudged)',
    );
    expect(told[0]).toContain('business_metric_246');
  });
});
