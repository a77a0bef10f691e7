// SageMaker hyperparameter tuning job state changes of the tuning jobs Shepherd started. The event names no best
// job: on Completed the retraining service looks it up (DescribeHyperParameterTuningJob, then DescribeTrainingJob).
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { tuningJobStateChangeEvent } from '../shared/events/sagemaker';
import { shepherdHandler } from '../shared/observability/handler';
import { doneOrGone, ignored } from '../shared/observability/results';
import { tuningLineOf } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('tuningStateChanged', tuningJobStateChangeEvent, async (event) => {
  const d = event.detail;
  const tuningJobName = d.HyperParameterTuningJobName;
  const line = tuningLineOf(tuningJobName);
  if (!line) return ignored('tuning job not started by Shepherd for a configured model line', { tuningJobName });
  const observed = {
    name: tuningJobName,
    status: d.HyperParameterTuningJobStatus,
    ...(d.FailureReason ? { failureReason: d.FailureReason } : {}),
  };
  return doneOrGone(
    line.name,
    await retraining().observe(line, observed, event, { performs: LEFTOVER_GRANTS.tuningStateChanged }),
  );
});
