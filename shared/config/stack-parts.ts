// The parts the stack's rules and least-privilege IAM are written with: one Allow statement, ARNs as the template
// names them (through Fn::Sub), and the dead-letter queue with EventBridge's delivery to it.

export type Json = Record<string, unknown>;

export const statement = (Action: string[], Resource: unknown[], extra: Json = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

export const sub = (arn: string) => ({ 'Fn::Sub': arn });
export const sagemakerArn = (resource: string) =>
  sub(`arn:\${AWS::Partition}:sagemaker:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
export const alarmArn = (name: string) =>
  sub(`arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`);
/**
 * Reading these alarms back: DescribeAlarms on their ARNs, or on `*` when the config says some are composite alarms,
 * which CloudWatch describes to no narrower grant (docs/cloudwatch-alarms.md).
 */
export const alarmsRead = (names: string[], composite: boolean) =>
  names.length ? [statement(['cloudwatch:DescribeAlarms'], composite ? ['*'] : names.map(alarmArn))] : [];
// SageMaker spells names in ARNs in lower case; IAM compares ARNs case-sensitively.
export const lower = (s: string) => s.toLowerCase();

export const DLQ_ARN = { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] };
// EventBridge's own delivery to the function: retried for an hour, then the same DLQ.
export const targetDelivery = {
  deadLetterQueueArn: DLQ_ARN,
  retryPolicy: { maximumEventAge: 3600, maximumRetryAttempts: 10 },
};
