// Approval links are signed in sendApprovalLinks, and checked in approvalLink: the key from Secrets Manager (through
// Powertools Parameters, cached), the approvalLink URL from the environment the stack sets, a random nonce per link.
import { randomBytes } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { retrying } from '../aws/retry';
import { SigningKeys } from '../aws/signing-keys';
import { now } from '../clock';
import type { Notification } from '../domain/actions';
import { linkPublications, type Publication } from '../domain/approval/links';
import { env } from './env';
import { lazy } from './lazy';

/** The key ring of the signing secret; undefined where the stack gives none (links are then left out). */
export const signingKeys = /* @__PURE__ */ lazy(() =>
  env.APPROVAL_KEY_SECRET ? new SigningKeys(new SecretsManagerClient(retrying()), env.APPROVAL_KEY_SECRET) : undefined,
);

/** Signs a notification's links, one publication per approver; undefined without the secret or the link URL. */
export function linkSigner(): ((n: Notification) => Promise<Publication[]>) | undefined {
  const baseUrl = env.APPROVAL_LINK_URL;
  const keys = baseUrl ? signingKeys() : undefined;
  if (!baseUrl || !keys) return undefined;
  return async (n) =>
    n.links
      ? linkPublications(n, n.links, {
          key: await keys.signing(),
          baseUrl,
          now: now(),
          nonce: () => randomBytes(16).toString('base64url'),
        })
      : [];
}
