// A candidate that serves nothing for its whole step: CloudWatch publishes no minute of it at all, while the baseline
// reports every minute. The reasons an operator reads must say which side was silent.
import { lookAtCanary } from '../../shared/domain/deployment/look';
import type { MinuteMetrics, VariantMinutes } from '../../shared/domain/deployment/window';
import { bakingCanaryState, churnLine } from '../helpers/deployment';

const churn = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);

/** v1's healthy minutes from 02:08 (the bake's start) on, `count` of them. */
const served = (variant: string, count: number, of: MinuteMetrics): VariantMinutes => ({
  variant,
  minutes: new Map(Array.from({ length: count }, (_, i) => [t(8 + i).getTime(), of])),
});

describe('a candidate that serves no request in its step', () => {
  it('is said to have had no requests, not the baseline that served every minute', () => {
    // Prepare
    const canary = bakingCanaryState(churn).active!;
    const after = t(8 + churn.deployment.bakeMinutes + 1);
    const baseline = served('v1', churn.deployment.bakeMinutes, { requests: 900, errors: 9, latencyUs: 40_000 });
    const candidate: VariantMinutes = { variant: 'v2', minutes: new Map() };

    // Act
    const judgement = lookAtCanary(canary, churn, [baseline, candidate], [], after);

    // Assess
    expect(judgement.outcome).toBe('inconclusive');
    expect(judgement.reasons[0]).toBe('no requests reached the candidate in the window');
  });

  it('still says neither side had requests when neither reported a minute', () => {
    // Prepare
    const canary = bakingCanaryState(churn).active!;
    const after = t(8 + churn.deployment.bakeMinutes + 1);
    const silent = (variant: string): VariantMinutes => ({ variant, minutes: new Map() });

    // Act
    const judgement = lookAtCanary(canary, churn, [silent('v1'), silent('v2')], [], after);

    // Assess
    expect(judgement.reasons[0]).toBe('no requests reached the baseline or the candidate in the window');
  });

  it('says no minute had both variants when each served only in minutes the other has not reported yet', () => {
    // Prepare
    const canary = bakingCanaryState(churn).active!;
    const after = t(8 + churn.deployment.bakeMinutes + 1);
    const baseline = served('v1', 3, { requests: 900, errors: 9, latencyUs: 40_000 });
    const candidate: VariantMinutes = {
      variant: 'v2',
      minutes: new Map([[t(20).getTime(), { requests: 5, errors: 0 }]]),
    };

    // Act
    const judgement = lookAtCanary(canary, churn, [baseline, candidate], [], after);

    // Assess
    expect(judgement.reasons[0]).toBe('no minute in the window in which both variants served requests');
  });
});
