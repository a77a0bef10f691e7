// dataArrived's whole job: an object counted into its line's open data window. It starts nothing (the reconciler
// releases a window that is due), so it is built from the table alone: no SageMaker client, and a role with no
// training start in it.
import type { DataTrigger } from '../config/model-line-schema';
import type { ModelLine } from '../config/schema';
import { countArrivedObject } from '../app/retraining-arrivals';
import type { TrainingDecision } from '../domain/retraining/decision';
import type { ArrivedObject } from '../domain/retraining/window';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import { dataWindows, store } from './clients';
import { lazy } from './lazy';

const arrivalDeps = /* @__PURE__ */ lazy(() => ({
  store: store(),
  windows: dataWindows(),
  logger,
  metrics,
  clock: now,
}));

/** One object S3 created at `createdAt`, counted once into its line's open window (app/retraining-arrivals.ts). */
export const countObject = (
  line: ModelLine,
  trigger: DataTrigger,
  object: ArrivedObject,
  createdAt: string,
): Promise<TrainingDecision> => countArrivedObject(arrivalDeps(), line, trigger, object, createdAt);
