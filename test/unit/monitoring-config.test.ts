import { parseConfig } from '../../shared/config/load';
import { exampleYaml, problemsOf } from '../helpers/config';

describe('monitoring in shepherd.yml', () => {
  it('fills in the defaults: hourly, one ml.m5.xlarge for an hour at most, a 0.1 drift threshold', () => {
    // Act
    const churn = parseConfig(exampleYaml.replace('      schedule: cron(0 * ? * * *)\n', '')).models[0]!;

    // Assess
    expect(churn.monitoring).toMatchObject({
      schedule: 'cron(0 * ? * * *)',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      maxRuntimeSeconds: 3600,
      alarm: { threshold: 0.1, features: [] },
      capture: { samplingPercent: 50, csvContentTypes: ['text/csv'], jsonContentTypes: ['application/json'] },
    });
  });

  it('refuses monitoring of a serverless endpoint, saying why', () => {
    // Act
    const serverless = '      serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }\n';
    const problems = problemsOf(exampleYaml.replace('      instanceType: ml.m5.large\n', serverless));

    // Assess
    expect(problems).toEqual([
      'models[0].monitoring: a serverless endpoint cannot capture data, so Model Monitor cannot watch it: deploy ' +
        'with instanceType, or drop monitoring',
    ]);
  });

  it('refuses a schedule more often than hourly, and a job longer than an hour', () => {
    // Act
    const problems = problemsOf(
      exampleYaml
        .replace('      schedule: cron(0 * ? * * *)\n', '      schedule: cron(0/30 * ? * * *)\n')
        .replace(
          '      outputS3Uri: s3://shepherd-example-artifacts/churn/monitoring/\n',
          (line) => `${line}      maxRuntimeSeconds: 7200\n`,
        ),
    );

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^models\[0\]\.monitoring\.schedule: must be hourly at most/),
      expect.stringMatching(/^models\[0\]\.monitoring\.maxRuntimeSeconds: /),
    ]);
  });

  it('refuses an image other than the built-in analyzer and a sampling percentage over 100', () => {
    // Act
    const problems = problemsOf(
      exampleYaml
        .replace(/analyzerImage: .*\n/, 'analyzerImage: my-registry/analyzer:latest\n')
        .replace('samplingPercent: 50', 'samplingPercent: 150'),
    );

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/^models\[0\]\.monitoring\.analyzerImage: must be the region’s built-in analyzer image/),
      expect.stringMatching(/^models\[0\]\.monitoring\.capture\.samplingPercent: /),
    ]);
  });

  it('suggests the baseline from a training channel the line has, and refuses one it does not', () => {
    // Prepare
    const baseline = (channel: string) =>
      exampleYaml.replace(
        /baseline:\n.*\n.*\n/,
        `baseline:\n        fromTrainingData: { channel: ${channel}, header: true }\n`,
      );

    // Act
    const churn = parseConfig(baseline('validation')).models[0]!;
    const problems = problemsOf(baseline('holdout'));

    // Assess
    expect(churn.monitoring?.baseline).toEqual({
      fromTrainingData: { channel: 'validation', format: 'csv', header: true },
    });
    expect(problems).toEqual([
      'models[0].monitoring.baseline.fromTrainingData.channel: names channel "holdout", which training.inputChannels ' +
        'does not have',
    ]);
  });
});
