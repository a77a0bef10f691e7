// Approval links in handler tests: import this first, as it sets the environment the stack gives approvalLink
// (the signing secret's name, the link URL) before any handler module reads it.
import {
  ResourceNotFoundException,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DescribeModelPackageCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { type LinkAction, type LinkClaims, signToken } from '../../shared/domain/approval/token';
import { sagemaker } from './aws';
import { fixture } from './events';

process.env.APPROVAL_KEY_SECRET =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:shepherd-test-approval-key-AbCdEf';
process.env.APPROVAL_LINK_URL = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws/';

export const KEY = 'current-key-0123456789abcdefghijklmnopqrstuvwxyz';
export const secrets = mockClient(SecretsManagerClient);

/** The secret as the stack makes it: one generated value, no AWSPREVIOUS until it is rotated. */
export function resetSecrets(): void {
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: KEY });
  secrets
    .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
    .rejects(new ResourceNotFoundException({ message: 'no AWSPREVIOUS version', $metadata: {} }));
}

export const linkToken = (claims: LinkClaims, key = KEY): string => signToken(claims, key);

/** A Function URL request (events/function-url-request.approval-link.json) for this method, action and token. */
export function urlRequest(method: string, action: LinkAction | string, token: string, form?: Record<string, string>) {
  const event = fixture('function-url-request.approval-link') as Record<string, any>;
  event.rawPath = `/${action}`;
  event.rawQueryString = `t=${token}`;
  event.queryStringParameters = { t: token };
  event.requestContext.http = { ...event.requestContext.http, method, path: `/${action}` };
  if (form) {
    event.body = Buffer.from(new URLSearchParams(form).toString()).toString('base64');
    event.isBase64Encoded = true;
    event.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return event;
}

/** The hidden form nonce of a rendered confirmation page. */
export const pageNonce = (html: string): string | undefined => /name="nonce" value="([^"]+)"/.exec(html)?.[1];

/** SageMaker as approvalLink finds `arn`: version `version` of churn-models, pending, and the group's newest. */
export function pendingChurnPackage(arn: string, version: number): void {
  sagemaker.on(DescribeModelPackageCommand).resolves({
    ModelPackageArn: arn,
    ModelPackageGroupName: 'churn-models',
    ModelPackageVersion: version,
    ModelApprovalStatus: 'PendingManualApproval',
  });
  sagemaker.on(ListModelPackagesCommand).resolves({
    ModelPackageSummaryList: [
      {
        ModelPackageArn: arn,
        ModelPackageName: 'churn-models',
        CreationTime: new Date(),
        ModelPackageStatus: 'Completed',
      },
    ],
  });
}
