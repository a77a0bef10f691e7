// SageMaker training job state changes of jobs Shepherd started (tagged `shepherd:model`). The children of a tuning
// job carry its tags too: the tuning job's own event speaks for them, so theirs are counted and left alone.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { trainingJobStateChangeEvent } from '../shared/events/sagemaker';
import { shepherdHandler } from '../shared/observability/handler';
import { metrics } from '../shared/observability/logger';
import { doneOrGone, ignored } from '../shared/observability/results';
import { jobLineTagged } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('trainingStateChanged', trainingJobStateChangeEvent, async (event) => {
  const d = event.detail;
  if (d.TuningJobArn) {
    metrics.addMetric('TuningChildEventsIgnored', MetricUnit.Count, 1);
    const { TrainingJobName: jobName, TuningJobArn: tuningJobArn } = d;
    return ignored('training job of a tuning job: its tuning job decides', { jobName, tuningJobArn });
  }
  const model = d.Tags['shepherd:model'];
  const line = jobLineTagged(model);
  if (!line) {
    const jobName = d.TrainingJobName;
    return ignored('training job not started by Shepherd for a configured model line', { jobName, model });
  }
  const observed = {
    name: d.TrainingJobName,
    status: d.TrainingJobStatus,
    ...(d.SecondaryStatus ? { secondaryStatus: d.SecondaryStatus } : {}),
    ...(d.FailureReason ? { failureReason: d.FailureReason } : {}),
    ...(d.LastModifiedTime !== undefined ? { changedAt: d.LastModifiedTime } : {}),
  };
  return doneOrGone(
    line.name,
    await retraining().observe(line, observed, event, { performs: LEFTOVER_GRANTS.trainingStateChanged }),
  );
});
