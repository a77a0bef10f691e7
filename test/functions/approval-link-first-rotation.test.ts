// The signing secret's first rotation, as approvalLink's container sees it: it remembered that the secret had no
// AWSPREVIOUS version, then a link of the new key made it read both versions again. Links sent before the rotation
// must keep working from then on, not only once that memory runs out.
import { KEY, linkToken, resetSecrets, secrets, urlRequest, pendingChurnPackage } from '../helpers/approval-links';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { handler } from '../../functions/approval-link';
import { createTable } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { packageArn } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const ROTATED = 'rotated-key-0123456789abcdefghijklmnopqrstuvwxyz';
const ARN = packageArn(3);
const approve = (key: string) =>
  linkToken(
    {
      action: 'approve',
      subject: ARN,
      model: 'churn',
      approver: 'ml-leads@example.com',
      expiresAt: Date.parse('2026-11-28T00:00:00Z') / 1000,
      nonce: 'first-rotation-nonce-01',
    },
    key,
  );
const call = async (token: string) =>
  (await handler(urlRequest('GET', 'approve', token), context('approvalLink'))) as { statusCode: number };

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:04:05Z', alsoReset: [resetSecrets] });
  pendingChurnPackage(ARN, 3);
});

it('keeps accepting links sent before the first rotation once a link of the new key revealed it', async () => {
  // Prepare: a link opened while the secret was never rotated; then it is rotated
  const before = await call(approve(KEY));
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: ROTATED });
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: KEY });

  // Act: a link of the new key, then (within the minute) the approver of an older link opens it
  const fresh = await call(approve(ROTATED));
  const older = await call(approve(KEY));

  // Assess
  expect([before, fresh, older].map((s) => s.statusCode)).toEqual([200, 200, 200]);
});
