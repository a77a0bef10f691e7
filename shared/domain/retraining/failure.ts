// AWS refused a request of a run for good (an invalid request, a quota, no access): asking again cannot help, so the
// run ends failed, once, and frees its model line.
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import type { TrainingDecision } from './decision';
import { released, type InFlight, type TrainingState } from './state';

/** The run the refused request belongs to, and what the request was for; undefined when it is over already. */
function refusedRun(state: TrainingState, action: Action): { run: InFlight; operation: string } | undefined {
  const run = state.inFlight;
  if (!run) return undefined;
  if (action.type === 'createTrainingJob' && action.request.TrainingJobName === run.jobName && !run.phase)
    return { run, operation: 'CreateTrainingJob' };
  if (action.type === 'createTuningJob' && action.request.HyperParameterTuningJobName === run.jobName && !run.phase)
    return { run, operation: 'CreateHyperParameterTuningJob' };
  if (action.type === 'startPipelineExecution' && action.request.PipelineExecutionDisplayName === run.runName)
    return { run, operation: 'StartPipelineExecution' };
  if (action.type === 'createModelPackage' && action.followUp.runName === run.runName && run.phase === 'registering')
    return { run, operation: 'CreateModelPackage' };
  return undefined;
}

/**
 * A run's start (CreateTrainingJob, StartPipelineExecution) or its registration (CreateModelPackage) was refused: the
 * run ends failed with AWS's message as the reason, the line's lock is released and a critical alert says so. A
 * coalesced retraining starts afterwards as usual, under the line's guards.
 */
export function onRunRefused(state: TrainingState, action: Action, message: string, now: Date): TrainingDecision {
  const refused = refusedRun(state, action);
  if (!refused) return nothing('refused request belongs to no run in flight', { action: action.type, message });
  const { run, operation } = refused;
  const at = now.toISOString();
  const registering = operation === 'CreateModelPackage';
  const reason = `${operation} refused: ${message}`;
  const what = registering ? `The model of ${run.jobName} was not registered.` : `${run.jobName} could not start.`;
  return {
    state: released(state, run),
    actions: [
      record(state.model, at, `refused-${run.jobName}`, registering ? 'RegistrationFailed' : 'TrainingFailed', reason, {
        operation,
        message,
      }),
      {
        type: 'notify',
        notification: alert(state.model, 'critical', registering ? 'model not registered' : 'training failed', what, {
          Reason: reason,
          Run: run.runName,
          Trigger: run.trigger.reason,
          Retried: 'no: AWS refuses this request every time; fix the config or the account, then retrain',
          'Coalesced retraining': state.pending ? `queued (${state.pending.reason})` : 'none',
        }),
      },
    ],
    metrics: ['TrainingsFailed'],
    log: { message: `run ended: ${operation} refused`, data: { runName: run.runName, operation, message } },
  };
}
