import { parse, stringify } from 'yaml';
import { parseConfig } from '../../shared/config/load';
import { checkpointUri } from '../../shared/domain/retraining/checkpoint';
import { trainingJobName, trainingRunName } from '../../shared/domain/names';
import { exampleYaml, problemsOf } from '../helpers/config';

/** The example config with the churn line's (or the tuning line's) training changed. */
const withTraining = (patch: Record<string, unknown>, line = 'churn'): string => {
  const doc = parse(exampleYaml);
  const found = doc.models.find((m: { name: string }) => m.name === line);
  Object.assign(found.training, patch);
  return stringify(doc);
};
const indexOf = (line: string) => parse(exampleYaml).models.findIndex((m: { name: string }) => m.name === line);

/** `s3://shepherd-example-artifacts/<filler>/` of exactly `length` characters. */
const uriOf = (length: number): string => {
  const head = 's3://shepherd-example-artifacts/';
  return `${head}${'p'.repeat(length - head.length - 1)}/`;
};

describe('the S3 locations Shepherd builds from a line’s outputPath', () => {
  it('refuses an outputPath whose checkpoints would pass 1024 characters under the longest run name', () => {
    // Prepare: churn's run names have 28 characters, so `<outputPath>checkpoints/churn/<run>/` adds 47
    const yaml = withTraining({ outputPath: uriOf(978), checkpointS3Uri: undefined });

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual([
      'models[0].training.outputPath: the checkpoint URI of a run, ' +
        `${uriOf(978)}checkpoints/churn/churn-yyyymmddthhmm-xxxxxxxx/, has 1025 characters; ` +
        'CheckpointConfig.S3Uri takes at most 1024',
      expect.stringMatching(/^models\[0\]\.training\.outputPath: the model artifact of a run, .* has 1029 characters;/),
    ]);
  });

  it('refuses a checkpointS3Uri too long for a run’s own prefix under it', () => {
    // Act
    const problems = problemsOf(withTraining({ checkpointS3Uri: uriOf(1000) }));

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(
        /^models\[0\]\.training\.checkpointS3Uri: the checkpoint URI of a run, .* has 1029 characters;/,
      ),
    ]);
  });

  it('refuses an outputPath whose model artifact, named after the last spot retry, would pass 1024 characters', () => {
    // Prepare: `<job>/output/model.tar.gz` after it, the job `churn-…-r2` (maxSpotRetries: 2)
    const yaml = withTraining({ outputPath: uriOf(974) });

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual([
      'models[0].training.outputPath: the model artifact of a run, ' +
        `${uriOf(974)}churn-yyyymmddthhmm-xxxxxxxx-r2/output/model.tar.gz, has 1025 characters; ` +
        "a model package's ModelDataUrl takes at most 1024",
    ]);
  });

  it('refuses an S3 location longer than any SageMaker S3Uri', () => {
    // Act
    const problems = problemsOf(withTraining({ outputPath: uriOf(1025) }));

    // Assess
    expect(problems).toContain('models[0].training.outputPath: must be at most 1024 characters');
  });

  it('checks a tuning line’s children by the longest name SageMaker gives a training job', () => {
    // Act
    const problems = problemsOf(withTraining({ outputPath: uriOf(942) }, 'upsell'));

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^models\\[${indexOf('upsell')}\\]\\.training\\.outputPath: the model artifact of a run, .*, has 1025 `,
        ),
      ),
    ]);
  });

  it('accepts the longest outputPath whose every URI fits, as the requests are built', () => {
    // Prepare
    const outputPath = uriOf(973);

    // Act
    const churn = parseConfig(withTraining({ outputPath, checkpointS3Uri: undefined })).models[0]!;

    // Assess
    const run = trainingRunName('churn', 'any trigger', '2026-12-02T07:39:00.000Z');
    expect(`${outputPath}${trainingJobName(run, 2)}/output/model.tar.gz`).toHaveLength(1024);
    expect(checkpointUri(churn.training as never, 'churn', run).length).toBeLessThanOrEqual(1024);
  });
});
