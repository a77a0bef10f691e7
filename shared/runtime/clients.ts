// One client per AWS service and one adapter over it, each built on first use and kept for the cold start. A
// function that never calls a service neither builds its client nor, once bundled, carries it: every export is
// marked pure, so esbuild drops the ones a handler does not reach, and the SDK packages are free of side effects.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AutoScalingAdapter } from '../aws/autoscaling';
import { EventsAdapter } from '../aws/events';
import { retrying } from '../aws/retry';
import { ListingAdapter } from '../aws/s3-listing';
import { ReportsAdapter } from '../aws/s3-reports';
import { SageMakerAdapter } from '../aws/sagemaker';
import { SageMakerHostingAdapter } from '../aws/sagemaker-hosting';
import { SageMakerNeoAdapter } from '../aws/sagemaker-neo';
import { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import { MonitorExecutionsAdapter } from '../aws/sagemaker-monitor-executions';
import { SageMakerMonitoringAdapter } from '../aws/sagemaker-monitoring';
import { ModelRegistryAdapter } from '../aws/sagemaker-registry';
import { NotificationsAdapter } from '../aws/sns';
import { DataWindows } from '../state/data-windows';
import { ListingCursors } from '../state/listing-cursors';
import { RunClaimRenewals } from '../state/run-claim-renewals';
import { RunClaims } from '../state/run-claims';
import { SnapshotStore } from '../state/snapshots';
import { StateStore } from '../state/store';
import { TimelineStore } from '../state/timeline';
import { env } from './env';
import { lazy } from './lazy';

// Throttling is retried by the SDK with backoff; past that, the error reaches Lambda's own retries and the DLQ.
export const dynamo = /* @__PURE__ */ lazy(() => new DynamoDBClient(retrying()));
// One document client over it: a second `from(dynamo())` would replace the translation options they share.
export const documents = /* @__PURE__ */ lazy(() => {
  const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: true };
  return DynamoDBDocumentClient.from(dynamo(), { marshallOptions });
});
export const store = /* @__PURE__ */ lazy(() => new StateStore(documents(), env.TABLE_NAME));
export const timelines = /* @__PURE__ */ lazy(() => new TimelineStore(documents(), env.TABLE_NAME));
export const snapshots = /* @__PURE__ */ lazy(() => new SnapshotStore(documents(), env.TABLE_NAME));
export const runClaims = /* @__PURE__ */ lazy(() => new RunClaims(documents(), env.TABLE_NAME));
export const runClaimRenewals = /* @__PURE__ */ lazy(() => new RunClaimRenewals(documents(), env.TABLE_NAME));
export const dataWindows = /* @__PURE__ */ lazy(() => new DataWindows(documents(), env.TABLE_NAME));
export const listingCursors = /* @__PURE__ */ lazy(() => new ListingCursors(documents(), env.TABLE_NAME));

const sagemakerClient = /* @__PURE__ */ lazy(() => new SageMakerClient(retrying()));
export const training = /* @__PURE__ */ lazy(() => new SageMakerAdapter(sagemakerClient()));
export const hosting = /* @__PURE__ */ lazy(() => new SageMakerHostingAdapter(sagemakerClient()));
export const neo = /* @__PURE__ */ lazy(() => new SageMakerNeoAdapter(sagemakerClient()));
export const monitor = /* @__PURE__ */ lazy(() => new SageMakerMonitoringAdapter(sagemakerClient()));
export const monitorExecutions = /* @__PURE__ */ lazy(() => new MonitorExecutionsAdapter(sagemakerClient()));
export const registry = /* @__PURE__ */ lazy(() => new ModelRegistryAdapter(sagemakerClient()));
export const packages = /* @__PURE__ */ lazy(() => new ApprovedPackagesAdapter(sagemakerClient()));

export const cloudwatchClient = /* @__PURE__ */ lazy(() => new CloudWatchClient(retrying()));
export const reports = /* @__PURE__ */ lazy(() => new ReportsAdapter(new S3Client(retrying())));
export const listing = /* @__PURE__ */ lazy(() => new ListingAdapter(new S3Client(retrying())));
export const autoscaling = /* @__PURE__ */ lazy(
  () => new AutoScalingAdapter(new ApplicationAutoScalingClient(retrying())),
);
export const events = /* @__PURE__ */ lazy(
  () => new EventsAdapter(new EventBridgeClient(retrying()), env.EVENT_BUS_NAME),
);
export const notifications = /* @__PURE__ */ lazy(
  () =>
    new NotificationsAdapter(new SNSClient(retrying()), env.TOPIC_ARN, {
      ...(env.CHAT_TOPIC_ARN ? { chatTopicArn: env.CHAT_TOPIC_ARN } : {}),
      // The signing key is sendApprovalLinks' alone: a notification with links is handed to it.
      forwardLinks: async (notification) => {
        await events().publish('Approval Links Requested', { notification });
      },
    }),
);
