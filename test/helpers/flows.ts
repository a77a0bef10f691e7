// Puts a model line into a known state through the handlers themselves, as AWS events would.
import { DescribeTrainingJobCommand, type DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { sagemaker } from './aws';
import { trainingItem } from './dynamo';
import { context, fixture } from './events';
import { trainingJobStarts } from './function-world';

/** Starts a churn training through a drift alarm; returns the job's name. */
/** `changedAt`: when the alarm went into ALARM, if not as the fixture says (another change of the same alarm). */
export async function startChurnTraining(eventId = 'drift-1', changedAt?: string): Promise<string> {
  trainingJobStarts();
  const change = changedAt ? { detail: { state: { timestamp: changedAt } } } : {};
  await driftAlarm(
    fixture('cloudwatch-alarm-state-change.drift-alarm', { id: eventId, ...change }),
    context('driftAlarm'),
  );
  const item = await trainingItem('churn');
  if (!item?.inFlight) throw new Error('the drift alarm did not start a training');
  return item.inFlight.jobName as string;
}

/** What DescribeTrainingJob returns for a finished job: the final metrics the event lacks. */
export function describedJob(
  name: string,
  status: string,
  metrics: Record<string, number> = {},
  extra: Partial<DescribeTrainingJobCommandOutput> = {},
): DescribeTrainingJobCommandOutput {
  const output = {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${name}`,
    TrainingJobStatus: status as never,
    SecondaryStatus: status as never,
    AlgorithmSpecification: {
      TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      TrainingInputMode: 'File',
    },
    ModelArtifacts: { S3ModelArtifacts: `s3://shepherd-example-artifacts/churn/output/${name}/output/model.tar.gz` },
    FinalMetricDataList: Object.entries(metrics).map(([MetricName, Value]) => ({
      MetricName,
      Value,
      Timestamp: new Date(),
    })),
    TrainingTimeInSeconds: 900,
    BillableTimeInSeconds: 270,
    ...extra,
  } as DescribeTrainingJobCommandOutput;
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: name }).resolves(output);
  return output;
}

/** A training job state change event for `name`, from the completed fixture with its status replaced. */
export const trainingEvent = (
  name: string,
  status: string,
  detail: Record<string, unknown> = {},
  id = `${name}-${status}`,
) =>
  fixture('training-job-state-change.completed', {
    id,
    detail: { TrainingJobName: name, TrainingJobStatus: status, SecondaryStatus: status, ...detail },
  });
