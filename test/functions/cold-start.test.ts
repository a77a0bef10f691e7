import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp';

describe('cold start', () => {
  const original = { ...process.env };
  afterEach(() => {
    process.env = { ...original };
  });

  it('fails with every config problem, by path, when shepherd.yml is invalid', () => {
    // Prepare
    const file = join(tempDir('shepherd-cold-start-'), 'shepherd.yml');
    writeFileSync(file, 'models:\n  - name: churn\n    modelPackageGroup: "bad group"\n');
    process.env.SHEPHERD_CONFIG = file;

    // Act
    let error: Error | undefined;
    jest.isolateModules(() => {
      try {
        require('../../functions/drift-alarm');
      } catch (err) {
        error = err as Error;
      }
    });

    // Assess
    expect(error?.name).toBe('ConfigError');
    expect(error?.message).toContain(`invalid Shepherd config ${file}`);
    expect(error?.message).toContain('models[0].modelPackageGroup: must match');
    expect(error?.message).toContain('models[0].training: ');
    expect(error?.stack).toBe(error?.message);
  });

  it('names the environment variable that is missing', () => {
    // Prepare
    delete process.env.TOPIC_ARN;

    // Act
    let error: Error | undefined;
    jest.isolateModules(() => {
      try {
        require('../../functions/reconcile');
      } catch (err) {
        error = err as Error;
      }
    });

    // Assess
    expect(error?.message).toMatch(/invalid Shepherd config environment:\n {2}- TOPIC_ARN: /);
  });

  it('refuses to start without its stage, which the commands its notifications print must name', () => {
    // Prepare
    delete process.env.SHEPHERD_STAGE;

    // Act
    let error: Error | undefined;
    jest.isolateModules(() => {
      try {
        require('../../functions/pipeline-state-changed');
      } catch (err) {
        error = err as Error;
      }
    });

    // Assess
    expect(error?.message).toMatch(/invalid Shepherd config environment:\n {2}- SHEPHERD_STAGE: /);
  });
});
