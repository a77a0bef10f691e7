// Which outbox actions a function may perform, as its IAM role grants them (shared/config/iam.ts): a leftover entry
// needing another grant waits for a function that has it, instead of being refused by IAM and taken as refused for
// good (the run it belongs to would end failed).
import type { Action } from '../domain/actions';

/** True when the function's role is granted what performing the action takes. */
export type Performs = (action: Action) => boolean;

// Shepherd's own table, bus and topics: every function's role grants them (iam.ts, `base`).
const OWN = new Set<Action['type']>(['record', 'publishEvent', 'notify', 'closeDataWindow', 'releaseRun']);
// Starting a run: the roles of the functions that start one grant it (iam.ts, `start`); registering does not.
const STARTS = new Set<Action['type']>(['createTrainingJob', 'createTuningJob', 'startPipelineExecution']);

/** A function that only reads SageMaker (pipelineStateChanged): it performs nothing in SageMaker. */
export const shepherdsOwn: Performs = (action) => OWN.has(action.type);

/** A function that starts runs (driftAlarm, retrainSchedule): it starts them, and registers or deploys nothing. */
export const runStarts: Performs = (action) => OWN.has(action.type) || STARTS.has(action.type);

/**
 * A function that completes runs (trainingStateChanged): it starts them again (a spot retry) and registers them.
 */
export const trains: Performs = (action) => runStarts(action) || action.type === 'createModelPackage';

/**
 * tuningStateChanged: its role starts a tuning job and registers its best model (iam.ts), nothing a training job
 * or pipeline line asks for; a tuning line's item holds no other start.
 */
export const tunes: Performs = (action) =>
  OWN.has(action.type) || action.type === 'createTuningJob' || action.type === 'createModelPackage';

// Deploying (iam.ts, deploy.start and deploy.advance): the endpoint's requests, its models and configs, the package a
// rollback rejects or a human decides on, and the variants' autoscaling.
const DEPLOYS = new Set<Action['type']>([
  'createModel',
  'createEndpointConfig',
  'createEndpoint',
  'updateEndpoint',
  'updateWeights',
  'deleteEndpointConfig',
  'deleteModel',
  'rejectModelPackage',
  // A human's decision on a package (an approval link's) takes what a rollback's rejection does: UpdateModelPackage.
  'decideModelPackage',
  'registerScaling',
  'deregisterScaling',
]);
// Neo builds (iam.ts, deploy.edge): started on an approval, stopped on a rejection.
const BUILDS = new Set<Action['type']>(['createCompilationJob', 'stopCompilationJob']);

/**
 * A function that deploys and builds nothing for the edge (endpointStateChanged, abortAlarmRaised, watchDeployments,
 * approvalLink).
 */
export const deploys: Performs = (action) => OWN.has(action.type) || DEPLOYS.has(action.type);

/**
 * The reconciler: every leftover of the items it decides on (a line's training, Neo builds and drift monitoring), and
 * nothing an endpoint's item or a human's package decision asks for, which its role does not grant (iam.ts).
 */
export const reconciles: Performs = (action) => !DEPLOYS.has(action.type);

/** A function that deploys and starts or stops Neo builds (modelPackageStateChanged). */
export const deploysAndBuilds: Performs = (action) => deploys(action) || BUILDS.has(action.type);

/** Every leftover of the items the function decides on: what it takes on when its grants are unsaid. */
export const everyLeftover: Performs = () => true;
