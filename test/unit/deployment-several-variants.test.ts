// An approval while the endpoint serves several variants (a failed promotion left its canary config serving), in the
// pure domain: no variant is known to be the baseline, so the approval waits, queued, until one variant serves.
import { onApproved, onRejected } from '../../shared/domain/deployment/approvals';
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1 } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const ENDPOINT_REQUESTS = ['createModel', 'createEndpointConfig', 'createEndpoint', 'updateEndpoint', 'updateWeights'];
const CANARY_CONFIG = 'churn-prod-bbbbbb-canary';

/** v2's canary config still serving after its promotion failed: v2 the heavier, as the adapter reports it. */
const bothServe = (weights: Record<string, number>) => ({
  exists: true,
  status: 'InService',
  configName: CANARY_CONFIG,
  serving: { variant: 'v2', model: 'churn-v2-222222', instanceType: 'ml.m5.large', instanceCount: 2 },
  weights,
});
const approvedBeside = (weights: Record<string, number>) =>
  onApproved(emptyDeploymentState('churn-prod'), line, pkg(3), bothServe(weights), t(0));

describe('an approval while the endpoint serves several variants', () => {
  it('starts no canary against either variant: it stays queued, and one warning says what serves', () => {
    // Act
    const d = approvedBeside({ v1: 40, v2: 60 });

    // Assess
    expect(d.actions.filter((a) => ENDPOINT_REQUESTS.includes(a.type))).toEqual([]);
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.queued?.arn).toBe(pkg(3).arn);
    expect(d.state?.waitingForOneVariant).toEqual({ arn: pkg(3).arn, since: t(0).toISOString() });
    const [record] = ofType(d.actions, 'record');
    expect(record!.entry).toMatchObject({ type: 'DeploymentWaitsForOneVariant' });
    const [notify] = ofType(d.actions, 'notify');
    const subject = '[Shepherd] churn: deployment to churn-prod waits for one variant';
    expect(notify!.notification).toMatchObject({ severity: 'warning', subject });
    expect(notify!.notification.message).toMatch(new RegExp(`Serving\\s+${CANARY_CONFIG}: v2 at 60 %, v1 at 40 %`));
    expect(d.metrics).toEqual(['ApprovalsQueued']);
  });

  it('holds back at equal weights too, where the heaviest variant is a matter of order', () => {
    // Act
    const d = approvedBeside({ v1: 50, v2: 50 });

    // Assess
    expect(d.actions.filter((a) => ENDPOINT_REQUESTS.includes(a.type))).toEqual([]);
    expect(d.state?.queued?.arn).toBe(pkg(3).arn);
  });

  it('does not say it again on later ticks while several variants still serve, whatever their weights', () => {
    // Prepare
    const waiting = approvedBeside({ v1: 50, v2: 50 }).state!;

    // Act
    const d = startDeployment(waiting, line, waiting.queued!, bothServe({ v1: 100, v2: 0 }), t(1));

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });

  it('starts the canary beside the one variant a human restored, and forgets the wait', () => {
    // Prepare
    const waiting = approvedBeside({ v1: 50, v2: 50 }).state!;

    // Act
    const d = startDeployment(waiting, line, waiting.queued!, { ...servingV1, weights: { v1: 1 } }, t(5));

    // Assess
    expect(d.state?.active).toMatchObject({
      kind: 'canary',
      status: 'starting',
      package: { arn: pkg(3).arn },
      baseline: { variant: 'v1', config: servingV1.configName },
    });
    expect(d.state?.queued).toBeUndefined();
    expect(d.state?.waitingForOneVariant).toBeUndefined();
    expect(ofType(d.actions, 'updateEndpoint')).toHaveLength(1);
  });

  it('forgets the wait when the waiting package is rejected', () => {
    // Prepare
    const waiting = approvedBeside({ v1: 50, v2: 50 }).state!;

    // Act
    const d = onRejected(waiting, line.name, pkg(3).arn, t(2));

    // Assess
    expect(d.state?.queued).toBeUndefined();
    expect(d.state?.waitingForOneVariant).toBeUndefined();
  });
});
