// How SageMaker's descriptions of a training or tuning job read as what the retraining domain observes: apart from
// the adapter (./sagemaker.ts), which only sends the requests, so the field mapping reads on its own.
import type {
  DescribeHyperParameterTuningJobCommandOutput,
  DescribeTrainingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';
import type { CompletedTraining, TrainingObservation } from '../domain/retraining/observations';
import type { TuningDescription } from '../domain/retraining/tuning-ended';

export interface TrainingDescription extends TrainingObservation, Omit<CompletedTraining, 'jobName' | 'tuning'> {}

export function trainingDescription(name: string, j: DescribeTrainingJobCommandOutput): TrainingDescription {
  return {
    name,
    status: j.TrainingJobStatus ?? 'Unknown',
    ...(j.SecondaryStatus ? { secondaryStatus: j.SecondaryStatus } : {}),
    ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
    // The same clock as the job's events (their LastModifiedTime): a look answered before an event it is applied
    // after is then taken as late, not as the run's newest status.
    ...(j.LastModifiedTime ? { changedAt: j.LastModifiedTime.getTime() } : {}),
    metrics: Object.fromEntries(
      (j.FinalMetricDataList ?? [])
        .filter((m) => m.MetricName && m.Value !== undefined)
        .map((m) => [m.MetricName!, m.Value!]),
    ),
    artifactUri: j.ModelArtifacts?.S3ModelArtifacts ?? '',
    image: j.AlgorithmSpecification?.TrainingImage ?? '',
    ...(j.TrainingTimeInSeconds !== undefined ? { trainingSeconds: j.TrainingTimeInSeconds } : {}),
    ...(j.BillableTimeInSeconds !== undefined ? { billableSeconds: j.BillableTimeInSeconds } : {}),
  };
}

export function tuningDescription(name: string, job: DescribeHyperParameterTuningJobCommandOutput): TuningDescription {
  const best = job.BestTrainingJob;
  return {
    name,
    status: job.HyperParameterTuningJobStatus ?? 'Unknown',
    ...(job.HyperParameterTuningJobArn ? { arn: job.HyperParameterTuningJobArn } : {}),
    ...(job.FailureReason ? { failureReason: job.FailureReason } : {}),
    ...runtimeOf(job),
    ...(best?.TrainingJobName
      ? {
          best: {
            name: best.TrainingJobName,
            hyperparameters: best.TunedHyperParameters ?? {},
            ...(best.FinalHyperParameterTuningJobObjectiveMetric?.Value !== undefined
              ? { objective: best.FinalHyperParameterTuningJobObjectiveMetric.Value }
              : {}),
          },
        }
      : {}),
  };
}

/** A tuning job's runtime limit and how long it ran, which tell a stop at the limit from a stop by hand. */
function runtimeOf(job: DescribeHyperParameterTuningJobCommandOutput): {
  maxRuntimeSeconds?: number;
  runtimeSeconds?: number;
} {
  const limit = job.HyperParameterTuningJobConfig?.ResourceLimits?.MaxRuntimeInSeconds;
  const { CreationTime: from, HyperParameterTuningEndTime: to } = job;
  const ran =
    job.ConsumedResources?.RuntimeInSeconds ??
    (from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : undefined);
  return {
    ...(limit !== undefined ? { maxRuntimeSeconds: limit } : {}),
    ...(ran !== undefined ? { runtimeSeconds: ran } : {}),
  };
}
