import type { RunResult } from '../../local/run';
import { failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

let run: RunResult;
beforeAll(async () => {
  run = await playScenario(fixture('monitored-drift.yml'), { random: seeded(3) });
});

describe('drift planted in what Model Monitor finds, with no alarm set by hand', () => {
  it('goes through the schedule and the alarm Shepherd created to a retraining and a promoted canary', async () => {
    // Assess: what the emulated world saw
    expect(failedChecks(run)).toEqual([]);
    const [schedule] = run.summary.monitoringSchedules;
    expect(schedule).toMatchObject({ endpoint: 'churn-prod', name: 'churn-prod-monitor', status: 'Scheduled' });
    expect(schedule!.executions[0]).toMatchObject({
      scheduledAt: '2026-11-27T01:00:00.000Z',
      status: 'CompletedWithViolations',
      drifted: ['tenure'],
    });
    const { MetricAlarms } = (await run.cloud.cloudwatch.handle('DescribeAlarms', {
      AlarmNames: ['shepherd-drift-churn-prod'],
    })) as { MetricAlarms: { StateValue: string; Metrics: { MetricStat?: { Metric: { Namespace: string } } }[] }[] };
    expect(MetricAlarms.map((a) => a.StateValue)).toEqual(['ALARM']);
    // Moved onto where the executions really published, not where the guide says they do.
    expect(MetricAlarms[0]!.Metrics[0]!.MetricStat!.Metric.Namespace).toBe('aws/sagemaker/Endpoints/data-metrics');

    // Assess: what Shepherd did about it
    const drift = run.cloud.eventbridge.published.find((e) => e['detail-type'] === 'Drift Detected');
    expect(drift?.detail).toMatchObject({
      alarmName: 'shepherd-drift-churn-prod',
      features: ['tenure'],
      executionScheduledAt: '2026-11-27T01:00:00.000Z',
    });
    expect(run.summary.trainingJobs.map((j) => j.trigger)).toEqual(['data', 'drift']);
    const [, canary] = run.summary.deployments;
    expect(canary).toMatchObject({ modelPackageArn: expect.stringMatching(/churn-models\/2$/), outcome: 'promoted' });
    expect(canary!.steps.map((s) => s.weight)).toEqual([10, 25, 50]);
  });
});
