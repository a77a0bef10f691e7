// sendApprovalLinks' notifications: the one adapter that signs approval links, with the key from Secrets Manager.
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { PackageReviewAdapter } from '../aws/model-package-review';
import { retrying } from '../aws/retry';
import { NotificationsAdapter } from '../aws/sns';
import { env } from './env';
import { lazy } from './lazy';
import { linkSigner } from './signing';

export const linkNotifications = /* @__PURE__ */ lazy(() => {
  const signLinks = linkSigner();
  if (!signLinks) throw new Error('APPROVAL_KEY_SECRET and APPROVAL_LINK_URL must both be set to sign approval links');
  return new NotificationsAdapter(new SNSClient(retrying()), env.TOPIC_ARN, { signLinks });
});

/** The Model Registry as an approval link's page reads it: a package is asked about only while it waits. */
export const linkPackages = /* @__PURE__ */ lazy(() => new PackageReviewAdapter(new SageMakerClient(retrying())));
