// What only the retraining service performs (effects.ts, TrainingHooks): closing the data window a run took, and
// registering a trained model with the follow-ups of its run.
import type { Logger } from '@aws-lambda-powertools/logger';
import { registrationFollowUps } from '../domain/retraining/registration';
import { windowTotals } from '../domain/retraining/state';
import type { DataWindows } from '../state/data-windows';
import { setRunWindow } from '../state/training-item';
import { perform, type Effects, type TrainingHooks } from './effects';

type Shared = Omit<Effects, TrainingHooks> & { windows: DataWindows; logger: Logger };

/** The effects of a retraining; `releaseRun` is the service's own decision. */
export function retrainingEffects(deps: Shared, releaseRun: Effects['releaseRun']): Effects {
  const fx: Effects = {
    ...deps,
    releaseRun,
    closeDataWindow: async ({ model, runName, gen, sources, counted }) => {
      const closed = windowTotals(await deps.windows.close(model, gen, sources));
      if (closed.objects === counted.objects && closed.bytes === counted.bytes) return;
      // Uploads that counted into the window between the run's decision and the close belong to that run.
      deps.logger.warn('data arrived while its window closed: counted into the run', {
        model,
        runName,
        counted,
        closed,
      });
      await setRunWindow(deps.store, model, runName, closed);
    },
    registerModelPackage: async (action) => {
      const arn = await deps.sagemaker.createModelPackage(action.request);
      for (const next of registrationFollowUps(action.followUp, arn, deps.stack)) await perform(next, fx);
    },
  };
  return fx;
}
