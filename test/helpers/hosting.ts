// SageMaker hosting answers shared by the deployment handler tests: the approved package, the endpoint as
// it serves, the "not found" AWS really returns, the autoscaling look-up (here: the variant does not scale)
// and the state of the churn line's abort alarm.
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemaker } from './aws';

export const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
export const OLD_CONFIG = 'churn-prod-aaaaaa-final';
export const OLD_MODEL = 'churn-v1-111111';
export const packageArn = (version: number) =>
  `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/${version}`;
export const modelData = (version: number) =>
  `s3://shepherd-example-artifacts/churn/output/churn-run-${version}/output/model.tar.gz`;

export const autoscaling = mockClient(ApplicationAutoScalingClient);
export function resetAutoscaling(): void {
  autoscaling.reset();
  autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
}

export const ABORT_ALARM = 'churn-prod-latency-p99';
export const cloudwatch = mockClient(CloudWatchClient);
/** What DescribeAlarms says of the churn line's abort alarm from now on. */
export function abortAlarmIs(state: 'OK' | 'ALARM'): void {
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: ABORT_ALARM, StateValue: state }] });
}
/** The DescribeAlarms requests that read the abort alarm (the reconciler's read-back of drift alarms is another). */
export const abortAlarmReads = () =>
  cloudwatch
    .commandCalls(DescribeAlarmsCommand)
    .map((c) => c.args[0].input)
    .filter((input) => input.AlarmNames?.includes(ABORT_ALARM));
/** No calls remembered; the abort alarm OK. */
export function resetCloudWatch(): void {
  cloudwatch.reset();
  abortAlarmIs('OK');
}
/** The hosting mocks as a deployment test starts them: no calls remembered, no scaling, the abort alarm OK. */
export function resetHosting(): void {
  resetAutoscaling();
  resetCloudWatch();
}

/** What AWS answers DescribeEndpoint for an endpoint that does not exist. */
export const noSuchEndpoint = () =>
  Object.assign(new Error('Could not find endpoint "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod".'), {
    name: 'ValidationException',
  });

/** The registry's answer for an approved churn package. */
export function describedPackage(version: number, times: { CreationTime?: Date; LastModifiedTime?: Date } = {}): void {
  sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: packageArn(version) }).resolves({
    ModelPackageArn: packageArn(version),
    ModelPackageGroupName: 'churn-models',
    ModelPackageVersion: version,
    ModelApprovalStatus: 'Approved',
    InferenceSpecification: { Containers: [{ Image: IMAGE, ModelDataUrl: modelData(version) }] },
    ...times,
  });
}

/** The registry's listing of churn-models: version `version` alone, approved, registered at `registeredAt`. */
export function listedApprovedPackage(version: number, registeredAt: Date): void {
  sagemaker.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      {
        ModelPackageArn: packageArn(version),
        ModelPackageGroupName: 'churn-models',
        ModelPackageVersion: version,
        ModelApprovalStatus: 'Approved',
        ModelPackageStatus: 'Completed',
        CreationTime: registeredAt,
      },
    ],
  });
}

/**
 * What DescribeEndpoint (and DescribeEndpointConfig) say: in service on `config`, v1 weighted against v2 when
 * given.
 */
export function endpointServes(config: string, weights: { v1: number; v2?: number }, candidateModel?: string): void {
  const both = weights.v2 !== undefined;
  sagemaker.on(DescribeEndpointCommand).resolves({
    EndpointName: 'churn-prod',
    EndpointConfigName: config,
    EndpointStatus: 'InService',
    ProductionVariants: [
      {
        VariantName: 'v1',
        CurrentWeight: weights.v1,
        DesiredWeight: weights.v1,
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
      },
      ...(both
        ? [
            {
              VariantName: 'v2',
              CurrentWeight: weights.v2,
              DesiredWeight: weights.v2,
              CurrentInstanceCount: 1,
              DesiredInstanceCount: 1,
            },
          ]
        : []),
    ],
  });
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: config }).resolves({
    EndpointConfigName: config,
    ProductionVariants: [
      {
        VariantName: 'v1',
        ModelName: OLD_MODEL,
        InstanceType: 'ml.m5.large' as const,
        InitialInstanceCount: 2,
        InitialVariantWeight: both ? 90 : 1,
      },
      ...(both
        ? [
            {
              VariantName: 'v2',
              ModelName: candidateModel ?? 'churn-v2-000000',
              InstanceType: 'ml.m5.large' as const,
              InitialInstanceCount: 1,
              InitialVariantWeight: 10,
            },
          ]
        : []),
    ],
  });
}
