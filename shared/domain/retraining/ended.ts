import type { ModelLine } from '../../config/schema';
import type { JobTraining } from '../../config/training-schema';
import { record } from '../decisions';
import { alert } from '../notify';
import { remember } from '../recent';
import type { TrainingObservation } from './observations';
import { trainingJobRequest } from './requests';
import type { TrainingDecision } from './decision';
import { released, type InFlight, type TrainingState } from './state';

// Managed spot: capacity lost for longer than MaxWaitTimeInSeconds ends the job; the checkpoint lets a new job resume.
const SPOT_STATUSES = new Set(['MaxWaitTimeExceeded', 'Interrupted']);
// A job SageMaker found no instances for fails `CapacityError: Unable to provision requested ML compute capacity. …`
// (docs/aws-sagemaker.md, "A job without instances fails with CapacityError"): capacity may come back, as spot's does.
const LACK_OF_CAPACITY = [
  /^CapacityError\b/,
  /unable to provision requested ML compute capacity/i,
  /insufficient ?capacity|spot (instance|capacity|interrupt)/i,
];
export const isSpotInterruption = (observed: TrainingObservation): boolean =>
  SPOT_STATUSES.has(observed.secondaryStatus ?? '') ||
  LACK_OF_CAPACITY.some((pattern) => pattern.test(observed.failureReason ?? ''));

/**
 * Failed / Stopped: a spot interruption is retried from the run's checkpoint a bounded number of times; anything
 * else ends the run.
 */
export function onEnded(
  state: TrainingState,
  line: ModelLine,
  observed: TrainingObservation,
  now: Date,
): TrainingDecision {
  const run = state.inFlight!;
  const at = now.toISOString();
  const why = observed.failureReason ?? observed.secondaryStatus ?? observed.status;
  if (line.training.type === 'job' && isSpotInterruption(observed) && run.attempt < line.training.maxSpotRetries) {
    const retry: InFlight = {
      ...run,
      attempt: run.attempt + 1,
      jobName: `${run.runName}-r${run.attempt + 1}`,
      lastHeardAt: at,
      lastSecondaryStatus: undefined,
      lastChangedAt: undefined,
    };
    // An on-demand job can lack capacity too. Every attempt of a run, spot or not, is given the run's checkpoint
    // prefix (checkpointS3Uri's, else the default under outputPath): SageMaker copies what the last one saved there.
    const request = trainingJobRequest(line as ModelLine & { training: JobTraining }, retry);
    const text =
      `${run.jobName} ended ${line.training.spot ? 'by spot capacity' : 'for lack of instance capacity'} (${why}); ` +
      `retry ${retry.attempt}/${line.training.maxSpotRetries} as ${retry.jobName} ` +
      `resumes from the checkpoints under ${request.CheckpointConfig.S3Uri}`;
    return {
      state: { ...state, inFlight: retry, recent: remember(state.recent, run.jobName) },
      actions: [
        { type: 'createTrainingJob', request },
        record(state.model, at, `retried-${retry.jobName}`, 'TrainingRetried', text),
      ],
      metrics: ['TrainingsRetried'],
      log: {
        message: 'spot-interrupted training retried from its checkpoint',
        data: { from: run.jobName, to: retry.jobName, why },
      },
    };
  }
  const severity = observed.status === 'Failed' ? 'critical' : 'warning';
  // A spot interruption past its retries was stopped by nobody: the run gave up waiting for capacity.
  const capacity =
    line.training.type === 'job' && isSpotInterruption(observed)
      ? `${line.training.spot ? 'spot' : 'instance'} capacity`
      : undefined;
  const verb = capacity ? 'gave up' : observed.status === 'Failed' ? 'failed' : 'stopped';
  const gaveUp = `${capacity} did not come back after ${run.attempt} retries`;
  const status = {
    status: observed.status,
    secondaryStatus: observed.secondaryStatus,
    failureReason: observed.failureReason,
  };
  return {
    state: released(state, run),
    actions: [
      record(
        state.model,
        at,
        `ended-${run.jobName}`,
        'TrainingFailed',
        capacity ? `${run.jobName} gave up: ${gaveUp} (${why})` : `${run.jobName} ${verb}: ${why}`,
        status,
      ),
      {
        type: 'notify',
        notification: alert(
          state.model,
          severity,
          capacity ? `training gave up: no ${capacity}` : `training ${verb}`,
          `Training ${run.jobName} of model line ${state.model} ${verb}${capacity ? `: ${gaveUp}` : ''}.`,
          {
            Reason: why,
            Status: `${observed.status}${observed.secondaryStatus ? ` / ${observed.secondaryStatus}` : ''}`,
            Trigger: run.trigger.reason,
            Attempts: run.attempt + 1,
            'Coalesced retraining': state.pending ? `queued (${state.pending.reason})` : 'none',
          },
        ),
      },
    ],
    metrics: ['TrainingsFailed'],
    log: { message: `training ${verb}`, data: { name: run.jobName, why } },
  };
}
