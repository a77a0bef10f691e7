// The forms of the AWS values every part of the config names (roles, instance types, S3 locations, VPC settings),
// checked so that a malformed one fails at load, with its path, rather than on AWS.
import { z } from 'zod';

export const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
  );
export const instanceType = z
  .string()
  .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, 'must be a SageMaker instance type such as ml.m5.xlarge');
export const s3Uri = z
  .string()
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'must be an s3://bucket/prefix URI');

export const vpcConfig = z.strictObject({
  securityGroupIds: z
    .array(z.string().regex(/^sg-[0-9a-f]+$/, 'must be a security group id (sg-…)'))
    .min(1)
    .max(5),
  subnets: z
    .array(z.string().regex(/^subnet-[0-9a-f]+$/, 'must be a subnet id (subnet-…)'))
    .min(1)
    .max(16),
});
