// A tuning job's Completed event lost on the way: the reconciler looks the quiet run up
// (DescribeHyperParameterTuningJob) and carries it through to registration and deployment all the same.
import type { AwsEvent } from '../../local/core';
import { failedChecks, fixture, playScenario } from '../helpers/e2e';

const TUNING_EVENT = 'SageMaker HyperParameter Tuning Job State Change';

describe('a tuning job whose completion event is lost', () => {
  it('is found by the reconciler, and its best model still registered and deployed', async () => {
    // Prepare: the tuning job's Completed event never arrives
    const lost = (event: AwsEvent) =>
      event['detail-type'] === TUNING_EVENT && event.detail.HyperParameterTuningJobStatus === 'Completed';

    // Act
    const run = await playScenario(fixture('tuning.yml'), { delivery: { copies: 1, jitterMs: 0, drop: lost } });

    // Assess
    expect(failedChecks(run)).toEqual([]);
    expect(run.cloud.timeline.lines.some((l) => l.message.startsWith(`lost on the way: ${TUNING_EVENT}`))).toBe(true);
    expect(run.summary.deployments).toEqual([expect.objectContaining({ outcome: 'promoted' })]);
    expect(run.cloud.calls.get('sagemaker:DescribeHyperParameterTuningJob')).toBeGreaterThanOrEqual(1);
  });
});
