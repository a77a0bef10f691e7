// The reason a rolled-back candidate is rejected with becomes its ApprovalDescription: at most 1024 characters, cut
// once, by the one helper that knows SageMaker's rules (shared/domain/registry/approval-description.ts).
import type { Action } from '../../shared/domain/actions';
import { onHumanDecision } from '../../shared/domain/deployment/human';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import type { DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, servingV1, bakingCanaryState } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const rejections = (actions: Action[]) => ofType(actions, 'rejectModelPackage').map((a) => a.reason);

/** A canary of v2 beside v1, aborted by a human whose reason puts an emoji across the 1000th character. */
function aborted(): { state: DeploymentState; why: string } {
  const baking = bakingCanaryState(line);
  const prefix = 'rolled back from churn-prod: aborted by ana: ';
  const why = `${'p99 spikes '.repeat(100).slice(0, 999 - prefix.length)}😀 after the deploy`;
  return { state: onHumanDecision(baking, line, 'abort', 'ana', why, t(10)).state!, why };
}

describe('the reason a rolled-back candidate is rejected with', () => {
  it('keeps up to the 1024 characters SageMaker takes, without cutting a character in two', () => {
    // Prepare
    const { state: draining, why } = aborted();
    const restoring = onEndpointObserved(
      draining,
      line,
      { status: 'InService', configName: draining.active!.config },
      t(12),
    ).state!;

    // Act
    const done = onEndpointObserved(restoring, line, { status: 'InService', configName: servingV1.configName }, t(20));

    // Assess
    const [reason] = rejections(done.actions);
    expect(reason).toBe(`rolled back from churn-prod: aborted by ana: ${why}`);
    expect(reason).not.toMatch(/\p{Cs}/u);
  });

  it('is cut once to 1024 characters when restoring the baseline failed, without cutting a character in two', () => {
    // Prepare
    const { state: draining } = aborted();

    // Act
    const failed = onEndpointObserved(draining, line, { status: 'Failed', failureReason: 'capacity' }, t(12));

    // Assess
    const [reason] = rejections(failed.actions);
    expect(reason).toHaveLength(1024);
    expect(reason).not.toMatch(/\p{Cs}/u);
    expect(reason).toMatch(/^rolling back from churn-prod: aborted by ana: p99 spikes/);
  });
});
