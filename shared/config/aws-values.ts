// The forms of the AWS values every part of the config names (roles, instance types, S3 locations, VPC settings),
// checked so that a malformed one fails at load, with its path, rather than on AWS.
import type { TargetDevice } from '@aws-sdk/client-sagemaker';
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
// Every S3 location SageMaker takes (S3Uri, S3OutputPath, ModelDataUrl) is at most 1024 characters.
export const s3Uri = z
  .string()
  .max(1024, 'must be at most 1024 characters')
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

// CreateCompilationJob's TargetDevice values (OutputConfig in the SageMaker API reference,
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputConfig.html). Checked against the SDK's enum by
// type only, so that this list and the SDK's agree and no SDK code enters every function's bundle.
export const NEO_DEVICES = [
  'lambda',
  'ml_m4',
  'ml_m5',
  'ml_m6g',
  'ml_c4',
  'ml_c5',
  'ml_c6g',
  'ml_p2',
  'ml_p3',
  'ml_g4dn',
  'ml_inf1',
  'ml_inf2',
  'ml_trn1',
  'ml_eia2',
  'jetson_tx1',
  'jetson_tx2',
  'jetson_nano',
  'jetson_xavier',
  'rasp3b',
  'rasp4b',
  'imx8qm',
  'imx8mplus',
  'deeplens',
  'rk3399',
  'rk3288',
  'aisage',
  'sbe_c',
  'qcs605',
  'qcs603',
  'sitara_am57x',
  'amba_cv2',
  'amba_cv22',
  'amba_cv25',
  'x86_win32',
  'x86_win64',
  'coreml',
  'jacinto_tda4vm',
] as const satisfies readonly TargetDevice[];
// A device the SDK knows and this list lacks fails the type check here.
const _everyDevice: readonly (typeof NEO_DEVICES)[number][] = [] as TargetDevice[];

export const neoDevice = z.string().refine((d) => (NEO_DEVICES as readonly string[]).includes(d), {
  message: `must be a SageMaker Neo device such as ml_c5 or jetson_xavier (one of ${NEO_DEVICES.join(', ')})`,
});
// InputConfig (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InputConfig.html): 3 to 10 characters.
export const neoFrameworkVersion = z
  .string()
  .regex(/^[0-9]\.[A-Za-z0-9.-]{1,8}$/, 'must be a version such as 1.13 or 2.4 (a digit, a dot, then up to 8 more)');
