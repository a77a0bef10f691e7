import { boundedName, clientToken, SAGEMAKER_NAME, trainingJobName, trainingRunName } from '../../shared/domain/names';

describe('SageMaker names', () => {
  it('are deterministic for the same model line, trigger and minute', () => {
    // Act
    const a = trainingRunName('churn', 'event-1', '2026-11-27T01:00:42.000Z');
    const b = trainingRunName('churn', 'event-1', '2026-11-27T01:00:42.000Z');

    // Assess
    expect(a).toBe(b);
    expect(a).toMatch(/^churn-20261127t0100-[0-9a-f]{8}$/);
    expect(trainingRunName('churn', 'event-2', '2026-11-27T01:00:42.000Z')).not.toBe(a);
  });

  it.each([
    ['a very long model line name that goes on and on and on well past the sixty-three character limit'],
    ['Under_scores.and.dots and spaces'],
    ['---'],
    ['x'.repeat(200)],
  ])('stay valid for SageMaker, retries included: %s', (model) => {
    // Act
    const run = trainingRunName(model, 'trigger', '2026-11-27T01:00:00.000Z');
    const retry = trainingJobName(run, 9);

    // Assess
    for (const name of [run, retry]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(SAGEMAKER_NAME);
    }
  });

  it('keep two long names that share their first 60 characters apart', () => {
    // Prepare
    const stem = 'customer-lifetime-value-prediction-for-the-european-retail-business';

    // Act
    const a = boundedName(`${stem}-a`, 'x');
    const b = boundedName(`${stem}-b`, 'x');

    // Assess
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(63);
  });

  it('client tokens fit both CreateModelPackage (≤ 36) and StartPipelineExecution (≥ 32)', () => {
    // Act
    const token = clientToken('model-package', 'churn-20261127t0100-3f9a2c1d');

    // Assess
    expect(token).toMatch(/^[a-zA-Z0-9-]{32,36}$/);
    expect(clientToken('model-package', 'churn-20261127t0100-3f9a2c1d')).toBe(token);
  });
});
