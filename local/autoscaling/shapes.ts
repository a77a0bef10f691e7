// What the emulator keeps of a scalable target and a scaling policy, and how Application Auto Scaling shows them:
// the ARNs and service-linked role it assigns, the alarms a target tracking policy creates, Describe*'s shapes
// (CreationTime as a Date), and its not-found answer (AWS's wording, as the CLI prints it).
import { randomBytes, randomUUID } from 'node:crypto';
import { ACCOUNT, AwsError, REGION } from '../core';
import type { Json } from '../sagemaker/validation';
import { NAMESPACE, type TargetKey } from './requests';

export interface Target extends TargetKey {
  endpoint: string;
  variant: string;
  min: number;
  max: number;
  roleArn: string;
  suspended: {
    DynamicScalingInSuspended: boolean;
    DynamicScalingOutSuspended: boolean;
    ScheduledScalingSuspended: boolean;
  };
  arn: string;
  createdAt: Date;
}

export interface Alarm {
  AlarmName: string;
  AlarmARN: string;
}

/**
 * CloudWatch's side of a step policy: only alarms that name its ARN among their AlarmActions trigger it, and
 * Application Auto Scaling lists them as its Alarms; deleting the policy takes its ARN out of their actions.
 */
export interface AlarmActions {
  alarmsInvoking(arn: string): Alarm[];
  removeAlarmAction(arn: string): void;
}

export interface Policy {
  name: string;
  arn: string;
  type: 'StepScaling' | 'TargetTrackingScaling';
  config: Json;
  /** A target tracking policy's, which AWS creates with it; a step policy's are CloudWatch's (AlarmActions). */
  alarms: Alarm[];
  createdAt: Date;
}

export const SERVICE_ROLE =
  `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/` +
  'AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint';
export const SUSPENDED_FLAGS = [
  'DynamicScalingInSuspended',
  'DynamicScalingOutSuspended',
  'ScheduledScalingSuspended',
] as const;

export const targetArn = (): string =>
  `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/${randomBytes(18).toString('hex')}`;

export const policyArn = (resourceId: string, name: string): string =>
  `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:${randomUUID()}:` +
  `resource/${NAMESPACE}/${resourceId}:policyName/${name}`;

/**
 * The two CloudWatch alarms AWS creates for a target tracking policy (named only: the CloudWatch emulator does not
 * hold them).
 */
export const trackingAlarms = (resourceId: string): Alarm[] =>
  ['AlarmHigh', 'AlarmLow'].map((kind) => {
    const AlarmName = `TargetTracking-${resourceId}-${kind}-${randomUUID()}`;
    return { AlarmName, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${AlarmName}` };
  });

export const noTarget = (k: TargetKey): AwsError =>
  new AwsError(
    'ObjectNotFoundException',
    `No scalable target registered for service namespace: ${k.namespace}, resource ID: ${k.resourceId}, ` +
      `scalable dimension: ${k.dimension}`,
  );

export const targetView = (t: Target): Json => ({
  ServiceNamespace: t.namespace,
  ResourceId: t.resourceId,
  ScalableDimension: t.dimension,
  MinCapacity: t.min,
  MaxCapacity: t.max,
  RoleARN: t.roleArn,
  CreationTime: t.createdAt,
  SuspendedState: { ...t.suspended },
  ScalableTargetARN: t.arn,
});

export const policyView = (t: Target, p: Policy): Json => ({
  PolicyARN: p.arn,
  PolicyName: p.name,
  ServiceNamespace: t.namespace,
  ResourceId: t.resourceId,
  ScalableDimension: t.dimension,
  PolicyType: p.type,
  [p.type === 'TargetTrackingScaling' ? 'TargetTrackingScalingPolicyConfiguration' : 'StepScalingPolicyConfiguration']:
    structuredClone(p.config),
  ...(p.alarms.length ? { Alarms: p.alarms.map((a) => ({ ...a })) } : {}),
  CreationTime: p.createdAt,
});
