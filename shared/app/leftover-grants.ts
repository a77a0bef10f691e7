// Each function's grants (./grants.ts), by its serverless.yml key, where its services are built with them; `null`: it
// decides nothing through an outbox (it takes on no leftover). test/unit/leftover-grants-iam.test.ts holds each to its
// role, and its type to every function having one. One export a function, imported as a namespace
// (`import * as LEFTOVER_GRANTS`): a bundle then keeps the grants its function reads alone, where one table object
// kept every function's, and every grant with it.
import { deploys, deploysAndBuilds, reconciles, runStarts, shepherdsOwn, trains, tunes } from './grants';

export const dataArrived = null;
export const driftAlarm = runStarts;
export const describeDrift = null;
export const retrainSchedule = runStarts;
export const trainingStateChanged = trains;
export const tuningStateChanged = tunes;
export const pipelineStateChanged = shepherdsOwn;
export const modelPackageStateChanged = deploysAndBuilds;
export const endpointStateChanged = deploys;
export const abortAlarmRaised = deploys;
export const approvalLink = deploys;
export const sendApprovalLinks = null;
export const reconcile = reconciles;
export const countLostUploads = null;
export const watchDeployments = deploys;
export const costSweep = null;
