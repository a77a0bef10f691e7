// SageMaker training job state changes of jobs Shepherd started (tagged `shepherd:model`).
import { trainingJobStateChangeEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { ignored, modelLine, retraining } from '../shared/runtime';

export const handler = shepherdHandler('trainingStateChanged', trainingJobStateChangeEvent, async (event) => {
  const d = event.detail;
  const model = d.Tags['shepherd:model'];
  const line = modelLine(model);
  if (!line || line.training.type !== 'job') return ignored('training job not started by Shepherd for a configured model line', { jobName: d.TrainingJobName, model });
  const decision = await retraining.observe(line, {
    name: d.TrainingJobName,
    status: d.TrainingJobStatus,
    ...(d.SecondaryStatus ? { secondaryStatus: d.SecondaryStatus } : {}),
    ...(d.FailureReason ? { failureReason: d.FailureReason } : {}),
  });
  return { status: 'done' as const, model: line.name, outcome: decision.log.message };
});
