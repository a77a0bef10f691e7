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
    // Exactly what one delivery of each event gives (see default-scenario.test.ts): no Create* twice.
    expect(Object.fromEntries([...calls].filter(([k]) => /:(Create|Start)/.test(k)).sort())).toEqual({
      'sagemaker:CreateCompilationJob': 6,
      'sagemaker:CreateEndpoint': 1,
      'sagemaker:CreateEndpointConfig': 4,
      'sagemaker:CreateModel': 3,
      'sagemaker:CreateModelPackage': 3,
      'sagemaker:CreateTrainingJob': 5,
      'sagemaker:StartPipelineExecution': 1,
    });
    expect(result.summary.deadLetters).toBe(0);
  }, 180_000);
});
