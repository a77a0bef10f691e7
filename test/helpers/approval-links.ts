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
import { context, fixture } from './events';
import { freshWorld } from './function-world';

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

/** The instant approval-link tests set the clock to. */
export const LINK_NOW = '2026-11-27T03:04:05Z';

/** The package the approve links of these tests name: version 7 of churn-models (hosting.ts's `packageArn(7)`). */
export const LINK_PACKAGE = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7';

/** The claims of an approve link for LINK_PACKAGE, sent to ml-leads@example.com for a day at LINK_NOW. */
export const approvalClaims = (nonce: string): LinkClaims => ({
  action: 'approve',
  subject: LINK_PACKAGE,
  model: 'churn',
  approver: 'ml-leads@example.com',
  expiresAt: Date.parse(LINK_NOW) / 1000 + 24 * 3600,
  nonce,
});

/**
 * The claims of a promote or abort link about churn's deployment `subject`, sent to ml-leads@example.com; `startedAt`:
 * the start of the run it was sent about, which links issued before starts were signed in do not carry.
 */
export const deploymentClaims = (action: LinkAction, subject: string, startedAt?: string): LinkClaims => ({
  action,
  subject,
  model: 'churn',
  approver: 'ml-leads@example.com',
  expiresAt: Date.parse('2026-11-28T00:00:00Z') / 1000,
  nonce: `${action}-nonce-0123456789`,
  ...(startedAt === undefined ? {} : { deploymentStartedAt: Date.parse(startedAt) }),
});

/** The value a rotation of the secret put after KEY. */
export const ROTATED_KEY = 'rotated-key-0123456789abcdefghijklmnopqrstuvwxyz';

/** The secret as a rotation leaves it: `current` is AWSCURRENT, `previous` AWSPREVIOUS. */
export function rotatedSecret(current: string, previous: string): void {
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: current });
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: previous });
}

export interface LinkReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * approvalLink's answer to `event`. Its handler is loaded at the first call, not imported here: an import would run
 * before this module set the environment the handler reads as it loads.
 */
export async function callLink(event: unknown): Promise<LinkReply> {
  const { handler } = await import('../../functions/approval-link');
  return (await handler(event, context('approvalLink'))) as LinkReply;
}

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

/** approvalLink's answer to a GET of the approve link of `claims`, signed with `key`. */
export const openApproveLink = (claims: LinkClaims, key = KEY): Promise<LinkReply> =>
  callLink(urlRequest('GET', 'approve', linkToken(claims, key)));

/** The world of a test of approve links: the clock at LINK_NOW, the secret never rotated, LINK_PACKAGE pending. */
export async function freshLinkWorld(): Promise<void> {
  await freshWorld({ clock: LINK_NOW, alsoReset: [resetSecrets] });
  pendingChurnPackage(LINK_PACKAGE, 7);
}

/** The bus's hand-over of churn model 7's approve and reject links to sendApprovalLinks, as published at `time`. */
export const handedOver = (
  id: string,
  approvers = ['alice@example.com', 'bob@example.com'],
  ttlHours = 24,
  time = '2026-11-27T03:00:00Z',
) => ({
  version: '0',
  id,
  source: 'shepherd',
  account: '123456789012',
  time,
  region: 'us-east-1',
  resources: [],
  'detail-type': 'Approval Links Requested',
  detail: {
    notification: {
      kind: 'approval',
      severity: 'info',
      model: 'churn',
      subject: '[Shepherd] churn: approve model 7?',
      message: 'A new model of churn passed its quality gate and awaits approval.',
      links: { subject: LINK_PACKAGE, actions: ['approve', 'reject'], approvers, ttlHours },
    },
  },
});
