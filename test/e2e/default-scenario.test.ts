import { failedChecks, playDefault } from '../helpers/e2e';

describe('the default scenario on the local cloud', () => {
  it('turns a burst of uploads, drift alarms and spot trouble into the expected trainings, registrations and approvals', async () => {
    // Act
    const result = await playDefault();

    // Assess
    expect(failedChecks(result)).toEqual([]);
    const { summary, cloud } = result;
    expect(summary.trainingJobs.map((j) => [j.trigger, j.status, j.secondaryStatus])).toEqual([
      ['data', 'Completed', 'Completed'],
      ['drift', 'Stopped', 'MaxWaitTimeExceeded'],
      ['drift', 'Completed', 'Completed'],
      ['drift', 'Completed', 'Completed'],
    ]);
    expect(summary.trainingJobs[2]!.name).toBe(`${summary.trainingJobs[1]!.name}-r1`);
    expect(summary.trainingJobs.every((j) => j.spot)).toBe(true);
    expect(cloud.calls.get('sagemaker:CreateTrainingJob')).toBe(4);
    expect(cloud.calls.get('sagemaker:CreateModelPackage')).toBe(2);
    expect(cloud.calls.get('sagemaker:StartPipelineExecution')).toBe(1);
    expect(summary.errors).toEqual([]);
    expect(summary.deadLetters).toBe(0);
  });
});
