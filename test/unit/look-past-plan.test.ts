// A look past the last one the step's budget plans: each extension ends at the first look after its time and the
// next runs from that look, so a tick that comes late moves every later end by a minute, and the window of the last
// extension's final look holds more minutes than the plan's bakeMinutes × (1 + maxBakeExtensions) + 1.
import { onJudged } from '../../shared/domain/deployment/judged';
import { lookAtCanary } from '../../shared/domain/deployment/look';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import type { MinuteMetrics, VariantMinutes } from '../../shared/domain/deployment/window';
import { churnLine, pkg, servingV1, STACK, verdicts } from '../helpers/deployment';

const churn = churnLine();
// Held for a human when still inconclusive, so that a look that can no longer fail shows in the outcome.
const line = { ...churn, deployment: { ...churn.deployment, onInconclusive: 'hold' as const } };
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);

/**
 * The candidate at 10 % took effect at 02:00:30; the bake (15 minutes) and both extensions stayed inconclusive, and
 * the first extension's end (02:31) was seen a minute late.
 */
function lastExtension(): DeploymentState {
  const starting = startDeployment(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0)).state!;
  let s = onEndpointObserved(starting, line, { status: 'InService', configName: starting.active!.expectConfig }, t(0.5))
    .state!;
  // The watcher looks once a minute, on the minute: the bake's end is seen at the next minute, the extension's later.
  for (const at of [16, 32]) s = onJudged(s, line, verdicts.inconclusive(), t(at), STACK).state!;
  return s;
}

/** Both variants' `count` minutes from 02:00 on; the candidate's 5XX of its 100 requests a minute by `errors`. */
function traffic(count: number, errors: (minute: number) => number): [VariantMinutes, VariantMinutes] {
  const side = (variant: string, of: (i: number) => MinuteMetrics): VariantMinutes => ({
    variant,
    minutes: new Map(Array.from({ length: count }, (_, i) => [t(i).getTime(), of(i)])),
  });
  return [
    side('v1', (i) => ({ requests: 900, errors: 9, latencyUs: 40_000 + (i % 3) * 100 })),
    side('v2', (i) => ({ requests: 100, errors: errors(i), latencyUs: 40_100 + (i % 3) * 100 })),
  ];
}

describe('the final look of a canary step’s last extension, past the looks its budget planned', () => {
  it('fails and rolls back a candidate that failed 60 % of its requests in the look’s last minute', () => {
    // Prepare: the last extension ends at 02:47, seen at 02:47:05 on 47 minutes (02:00 to 02:46); the plan has 46
    const s = lastExtension();
    const minutes = traffic(47, (i) => (i < 46 ? 1 : 60));

    // Act
    const now = new Date(t(47).getTime() + 5_000);
    const judgement = lookAtCanary(s.active!, line, minutes, [], now);
    const d = onJudged(s, line, judgement, now, STACK);

    // Assess
    expect(s.active).toMatchObject({ status: 'baking', bakeExtensions: 2, nextActionAt: t(47).toISOString() });
    expect(judgement.evidence.tests).toMatchObject({ look: 47, final: true });
    expect(judgement.outcome).toBe('fail');
    expect(judgement.reasons).toEqual([expect.stringMatching(/^candidate 5XX rate 2\.26 % is worse than baseline/)]);
    expect(d.state?.active).toMatchObject({ status: 'draining' });
  });
});
