// An abort alarm already in ALARM when a canary would start, in the pure domain: the approval waits, queued.
import { onAbortAlarm } from '../../shared/domain/deployment/abort';
import type { AlarmState } from '../../shared/domain/deployment/judge-types';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { onApproved } from '../../shared/domain/deployment/approvals';
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState, type DeploymentState } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1 } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const ALARM = 'churn-prod-latency-p99';
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const inService = (s: DeploymentState, at: number) =>
  onEndpointObserved(s, line, { status: 'InService', configName: s.active!.expectConfig }, t(at));
const firing: AlarmState[] = [{ name: ALARM, state: 'ALARM' }];
const quiet: AlarmState[] = [{ name: ALARM, state: 'OK' }];
const approvedUnder = (alarms: AlarmState[]) =>
  onApproved(emptyDeploymentState('churn-prod'), line, pkg(2), servingV1, t(0), alarms);
const baking = () => inService(approvedUnder(quiet).state!, 8).state!;

describe('an abort alarm already in ALARM when a canary would start', () => {
  it('keeps the approval queued, says why once on the timeline and as a warning, and starts nothing', () => {
    // Act
    const d = approvedUnder(firing);

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.queued?.arn).toBe(pkg(2).arn);
    expect(d.state?.waitingForAlarms).toEqual({ arn: pkg(2).arn, alarms: [ALARM], since: t(0).toISOString() });
    expect(d.actions.map((a) => a.type)).toEqual(['record', 'notify']);
    const [record] = ofType(d.actions, 'record');
    expect(record!.entry).toMatchObject({ type: 'DeploymentWaitsForAlarms', data: { alarms: [ALARM] } });
    const [notify] = ofType(d.actions, 'notify');
    const subject = '[Shepherd] churn: deployment to churn-prod waits for abort alarms';
    expect(notify!.notification).toMatchObject({ severity: 'warning', subject });
    expect(d.metrics).toEqual(['ApprovalsQueued']);
  });

  it('does not say it again on later ticks while the alarm stays in ALARM', () => {
    // Prepare
    const waiting = approvedUnder(firing).state!;

    // Act
    const d = startDeployment(waiting, line, waiting.queued!, servingV1, t(1), firing);

    // Assess
    expect(d.state).toBeUndefined();
    expect(d.actions).toEqual([]);
  });

  it('starts the canary on the first tick the alarm is out of ALARM, and forgets the wait', () => {
    // Prepare
    const waiting = approvedUnder(firing).state!;

    // Act
    const d = startDeployment(waiting, line, waiting.queued!, servingV1, t(5), quiet);

    // Assess
    expect(d.state?.active).toMatchObject({ kind: 'canary', status: 'starting', package: { arn: pkg(2).arn } });
    expect(d.state?.queued).toBeUndefined();
    expect(d.state?.waitingForAlarms).toBeUndefined();
    expect(ofType(d.actions, 'updateEndpoint')).toHaveLength(1);
  });

  it('does not hold back the first model of a new endpoint, which no alarm can speak about', () => {
    // Act
    const d = onApproved(emptyDeploymentState('churn-prod'), line, pkg(1), { exists: false }, t(0), firing);

    // Assess
    expect(d.state?.active).toMatchObject({ kind: 'create', status: 'creating' });
  });

  it('holds back the queued approval when the deployment before it ends under the alarm', () => {
    // Prepare
    const queued = onApproved(baking(), line, pkg(3), servingV1, t(10)).state!;
    const restoring = inService(onAbortAlarm(queued, line, ALARM, t(12)).state!, 14).state!;

    // Act
    const restored = { status: 'InService', configName: servingV1.configName };
    const d = onEndpointObserved(restoring, line, restored, t(22), firing);

    // Assess
    expect(d.state?.history.at(-1)).toMatchObject({ outcome: 'rolled_back', reason: expect.stringContaining(ALARM) });
    expect(d.state?.active).toBeUndefined();
    expect(d.state).toMatchObject({ queued: { arn: pkg(3).arn }, waitingForAlarms: { arn: pkg(3).arn } });
    expect(d.metrics).toEqual(['DeploymentsRolledBack']);
  });

  it('supersedes a waiting approval with a newer one instead of deploying the older one after it', () => {
    // Prepare
    const waiting = approvedUnder(firing).state!;

    // Act
    const d = onApproved(waiting, line, { ...pkg(3), at: '2026-11-27T02:05:00Z' }, servingV1, t(5), quiet);

    // Assess
    expect(d.state?.active).toBeUndefined();
    expect(d.state?.queued?.arn).toBe(pkg(3).arn);
    expect(ofType(d.actions, 'record').map((r) => r.entry.type)).toEqual(['ApprovalQueued', 'ApprovalSuperseded']);
  });
});
