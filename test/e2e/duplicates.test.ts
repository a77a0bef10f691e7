import { failedChecks, playDefault, seeded } from '../helpers/e2e';

describe('at-least-once delivery on the local cloud', () => {
  it('gives the same side effects when every event arrives three times, out of order', async () => {
    // Prepare
    const random = seeded(42);

    // Act
    const result = await playDefault({ delivery: { copies: 3, jitterMs: 90_000 }, random });

    // Assess
    expect(failedChecks(result)).toEqual([]);
    const calls = result.cloud.calls;
    expect(calls.get('sagemaker:CreateTrainingJob')).toBe(4);
    expect(calls.get('sagemaker:CreateModelPackage')).toBe(2);
    expect(calls.get('sagemaker:StartPipelineExecution')).toBe(1);
    expect(result.summary.deadLetters).toBe(0);
  });
});
