// The AWS services a handler talks to besides DynamoDB, mocked; DynamoDB is a real (dynalite) table.
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  ListMonitoringExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

export const sagemaker = mockClient(SageMakerClient);
export const eventbridge = mockClient(EventBridgeClient);
export const sns = mockClient(SNSClient);
// What the reconciler reads back lost trigger events from: the drift alarms and the data prefixes. A helper or test
// that mocks either client for more (hosting.ts, cost.ts) replaces these in the files that use it.
export const cloudwatchAlarms = mockClient(CloudWatchClient);
export const s3Listing = mockClient(S3Client);

export function resetAws(): void {
  sagemaker.reset();
  eventbridge.reset();
  sns.reset();
  // Reset only while still in charge: resetting mocks the client again, over a helper's own mock of it.
  if (CloudWatchClient.prototype.send === cloudwatchAlarms.send) {
    cloudwatchAlarms.reset();
    cloudwatchAlarms.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  }
  if (S3Client.prototype.send === s3Listing.send) {
    s3Listing.reset();
    s3Listing.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false, KeyCount: 0 });
  }
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  // Model Monitor holds nothing yet for the monitored churn line, as SageMaker says it; monitoring tests say more.
  sagemaker.on(DescribeMonitoringScheduleCommand).rejects(notFound('Monitoring schedule'));
  sagemaker.on(DescribeDataQualityJobDefinitionCommand).rejects(notFound('Job definition'));
  sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [] });
  // A pipeline execution's steps report no registered package; tests of what they report say more.
  sagemaker.on(ListPipelineExecutionStepsCommand).resolves({ PipelineExecutionSteps: [] });
}

/** SageMaker's answer about a Model Monitor resource that does not exist (these APIs declare ResourceNotFound). */
export const notFound = (what: string): Error =>
  Object.assign(new Error(`${what} not found`), { name: 'ResourceNotFound', $metadata: { httpStatusCode: 400 } });

/** The domain events Shepherd published, as subscribers of its bus would see them. */
export const published = () =>
  eventbridge.commandCalls(PutEventsCommand).flatMap((c) =>
    (c.args[0].input.Entries ?? []).map((e) => ({
      source: e.Source,
      detailType: e.DetailType,
      bus: e.EventBusName,
      detail: JSON.parse(e.Detail ?? '{}'),
    })),
  );

export const notificationsSent = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

/** What the SDK raises once its own retries of a throttled call are spent. */
export const throttled = (): Error =>
  Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

// The bus refuses one kind of event every time: the outbox entry that publishes it fails on every delivery.
export function busRefuses(detailType: string): void {
  eventbridge
    .on(PutEventsCommand)
    .callsFake((input: PutEventsCommandInput) =>
      input.Entries?.[0]?.DetailType === detailType
        ? { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try later' }] }
        : { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] },
    );
}
