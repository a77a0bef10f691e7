// The AWS services a handler talks to besides DynamoDB, mocked; DynamoDB is a real (dynalite) table.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

export const sagemaker = mockClient(SageMakerClient);
export const eventbridge = mockClient(EventBridgeClient);
export const sns = mockClient(SNSClient);

export function resetAws(): void {
  sagemaker.reset();
  eventbridge.reset();
  sns.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  // Model Monitor holds nothing yet for the monitored churn line, as SageMaker says it; monitoring tests say more.
  sagemaker.on(DescribeMonitoringScheduleCommand).rejects(notFound('Monitoring schedule'));
  sagemaker.on(DescribeDataQualityJobDefinitionCommand).rejects(notFound('Job definition'));
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
