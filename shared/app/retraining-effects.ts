// What only the retraining service performs (effects.ts, TrainingHooks): starting a run, closing the data window it
// took, registering a trained model with the follow-ups of its run, and freeing the line once that is done.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Action } from '../domain/actions';
import { registrationFollowUps } from '../domain/retraining/registration';
import { windowTotals } from '../domain/retraining/state';
import type { DataWindows } from '../state/data-windows';
import { setExecutionArn, setRunWindow } from '../state/training-item';
import { perform, type Effects, type TrainingAction, type TrainingHooks } from './effects';

type Shared = Omit<Effects, TrainingHooks> & { windows: DataWindows; logger: Logger };

/** The effects of a retraining; `releaseRun` is the service's own decision. */
export function retrainingEffects(
  deps: Shared,
  releaseRun: (model: string, runName: string) => Promise<void>,
): Effects {
  const closeDataWindow = async ({
    model,
    runName,
    gen,
    sources,
    counted,
  }: Extract<Action, { type: 'closeDataWindow' }>) => {
    const closed = windowTotals(await deps.windows.close(model, gen, sources));
    if (closed.objects === counted.objects && closed.bytes === counted.bytes) return;
    // Uploads that counted into the window between the run's decision and the close belong to that run.
    deps.logger.warn('data arrived while its window closed: counted into the run', { model, runName, counted, closed });
    await setRunWindow(deps.store, model, runName, closed);
  };
  const train = async (action: TrainingAction): Promise<void> => {
    switch (action.type) {
      case 'createTrainingJob':
        await deps.sagemaker.createTrainingJob(action.request);
        return;
      case 'createTuningJob':
        await deps.sagemaker.createTuningJob(action.request);
        return;
      case 'startPipelineExecution': {
        const arn = await deps.sagemaker.startPipelineExecution(action.request);
        await setExecutionArn(deps.store, action.model, action.request.PipelineExecutionDisplayName, arn);
        return;
      }
      case 'createModelPackage': {
        const arn = await deps.sagemaker.createModelPackage(action.request);
        for (const next of registrationFollowUps(action.followUp, arn, deps.stack)) await perform(next, fx);
        return;
      }
      case 'releaseRun':
        return releaseRun(action.model, action.runName);
      case 'closeDataWindow':
        return closeDataWindow(action);
    }
  };
  const fx: Effects = { ...deps, train };
  return fx;
}
