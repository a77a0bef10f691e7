// The S3 locations Shepherd and SageMaker build from a line's outputPath and checkpointS3Uri, under the longest names
// its runs can have: one past SageMaker's 1024 characters would fail every run of the line, found only when one is
// due (docs/aws-sagemaker.md).
import type { z } from 'zod';
import { MAX_NAME, trainingJobName, trainingRunName, tuningRunName } from '../domain/names';
import { checkpointUri } from '../domain/retraining/checkpoint';
import type { JobTraining, TuningTraining } from './training-schema';

/** CheckpointConfig.S3Uri, OutputDataConfig.S3OutputPath and a model package's ModelDataUrl. */
export const MAX_S3_URI = 1024;

// Any run's name has the length of this one: its time and hash are of fixed width.
const SOME_TIME = '2026-01-01T00:00:00.000Z';
// What the time and hash of a run's name are shown as: `<line>-yyyymmddthhmm-xxxxxxxx`.
const shown = (name: string, suffix: string) => `${name.slice(0, -suffix.length)}${suffix}`;

/** The longest checkpoint URI and model artifact a line's runs get, with the field each is a problem of. */
function longestUris(name: string, training: JobTraining | TuningTraining) {
  const tuning = training.type === 'tuning';
  const run = tuning
    ? shown(tuningRunName(name, '', SOME_TIME), 'yymmddthhmm-xxxxxx')
    : shown(trainingRunName(name, '', SOME_TIME), 'yyyymmddthhmm-xxxxxxxx');
  // A tuning job's children are named by SageMaker, within a training job name's 63 characters; a job line's last
  // spot retry has the longest name of its runs.
  const job = tuning
    ? `${run}-${'x'.repeat(MAX_NAME - run.length - 1)}`
    : trainingJobName(run, training.maxSpotRetries);
  return [
    {
      field: training.checkpointS3Uri === undefined ? 'outputPath' : 'checkpointS3Uri',
      what: 'the checkpoint URI of a run',
      uri: checkpointUri(training as JobTraining, name, run),
      takes: 'CheckpointConfig.S3Uri takes',
    },
    {
      field: 'outputPath',
      what: 'the model artifact of a run',
      // Where SageMaker writes it (ModelArtifacts.S3ModelArtifacts), which the model package is registered with.
      uri: `${training.outputPath.replace(/\/+$/, '')}/${job}/output/model.tar.gz`,
      takes: "a model package's ModelDataUrl takes",
    },
  ];
}

/** A job or tuning line's outputPath and checkpointS3Uri, each said with the URI that would not fit. */
export function checkTrainingUris(line: { name: string; training: { type: string } }, ctx: z.core.$RefinementCtx) {
  if (line.training.type === 'pipeline') return;
  for (const { field, what, uri, takes } of longestUris(line.name, line.training as JobTraining | TuningTraining)) {
    if (uri.length <= MAX_S3_URI) continue;
    const message = `${what}, ${uri}, has ${uri.length} characters; ${takes} at most ${MAX_S3_URI}`;
    ctx.addIssue({ code: 'custom', path: ['training', field], message });
  }
}
