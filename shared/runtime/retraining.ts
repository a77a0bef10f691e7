// The retraining service of a function that trains: SageMaker training and the registry, never an endpoint. What it
// cannot reach is `absent`, as its function's IAM role grants none of it.
import { RetrainingService } from '../app/retraining';
import { dataWindows, training } from './clients';
import { lazy } from './lazy';
import { serviceDeps } from './service-deps';

/** Training, registration and the retraining triggers. */
export const retraining = /* @__PURE__ */ lazy(
  // Registry decisions are absent: a human decides on a package (the CLI, an approval link), a retraining registers it.
  () => new RetrainingService({ ...serviceDeps({ sagemaker: training() }), windows: dataWindows() }),
);
