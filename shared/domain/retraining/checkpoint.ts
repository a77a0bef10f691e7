// Where a run's checkpoints go, apart from the requests that start runs (./requests.ts): the config checks this URI's
// length when it loads (shared/config/training-uris.ts), and the requests need the loaded config's line type, so
// one module holding both made the config and the domain import each other.
import type { JobTraining } from '../../config/training-schema';

const withSlash = (uri: string) => (uri.endsWith('/') ? uri : `${uri}/`);

/** One checkpoint prefix per run: its retries resume from it, and a new run never resumes an old model. */
export const checkpointUri = (training: JobTraining, model: string, runName: string): string =>
  `${withSlash(training.checkpointS3Uri ?? `${withSlash(training.outputPath)}checkpoints/${model}/`)}${runName}/`;
