import fc from 'fast-check';
import { shepherdPrefixes } from '../../shared/domain/cost/leftovers';
import { deploymentId } from '../../shared/domain/deployment/requests';
import type { ApprovedPackage } from '../../shared/domain/deployment/state';
import {
  boundedName,
  clientToken,
  configName,
  modelName,
  SAGEMAKER_NAME,
  trainingJobName,
  trainingJobsStart,
  trainingRunName,
} from '../../shared/domain/names';

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

  it('let the cost sweep find every model and endpoint config Shepherd named, whatever the case or length', () => {
    // Prepare: SageMaker-valid line and endpoint names of any case and length, any package version
    const sageMakerNames = fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,62}$/);
    const versions = fc.integer({ min: 1, max: 2 ** 31 - 1 });

    // Act / Assess
    fc.assert(
      fc.property(sageMakerNames, sageMakerNames, versions, (line, endpoint, version) => {
        const pkg = { version, arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/g/${version}` };
        // A line and an endpoint named alike but for case share one prefix: the sweep finds both by it.
        const prefixes = shepherdPrefixes([{ name: line, deployment: { endpointName: endpoint } }]);
        const found = (name: string) => prefixes.some((prefix) => name.startsWith(prefix));
        const id = deploymentId(endpoint, pkg.arn);
        expect(found(modelName(line, pkg as ApprovedPackage))).toBe(true);
        for (const purpose of ['canary', 'final'] as const) expect(found(configName(endpoint, id, purpose))).toBe(true);
      }),
      { examples: [['b', 'B', 1]] },
    );
  });

  it('begin every training job of a line, spot retries included, as its IAM pattern does, whatever its name', () => {
    // Prepare: SageMaker-valid line names of any case and length (long ones, which are cut, as often as short
    // ones), any minute, any retry the config allows
    const lines = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,62}$/),
      fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){24,62}$/),
    );
    const minutes = fc.date({ min: new Date('2000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true });
    const attempts = fc.integer({ min: 0, max: 10 });

    // Act / Assess
    fc.assert(
      fc.property(lines, minutes, attempts, (line, at, attempt) => {
        const job = trainingJobName(trainingRunName(line, 'trigger', at.toISOString()), attempt);
        expect(job.startsWith(trainingJobsStart(line))).toBe(true);
      }),
    );
  });

  it('look for an upper-case line’s models where Shepherd put them: in lower case', () => {
    // Act
    const prefixes = shepherdPrefixes([{ name: 'Churn', deployment: { endpointName: 'Churn-Prod' } }]);

    // Assess
    expect(prefixes).toEqual(['churn-', 'churn-prod-']);
  });
});
