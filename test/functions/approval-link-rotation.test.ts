// After the signing key is rotated, links sent before stay valid under AWSPREVIOUS until they expire; links of
// the key before that one are refused; links of the new key work before approvalLink's cache would expire.
import { KEY, linkToken, secrets, urlRequest, pendingChurnPackage } from '../helpers/approval-links';
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
      nonce: 'rotation-nonce-0123456',
    },
    key,
  );
const call = async (token: string) =>
  (await handler(urlRequest('GET', 'approve', token), context('approvalLink'))) as { statusCode: number };

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:04:05Z' });
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: ROTATED });
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: KEY });
  pendingChurnPackage(ARN, 3);
});

it('accepts links of the current and the previous key, and refuses those of an older one', async () => {
  // Act
  const statuses = [await call(approve(ROTATED)), await call(approve(KEY)), await call(approve('o'.repeat(48)))];

  // Assess
  expect(statuses.map((s) => s.statusCode)).toEqual([200, 200, 403]);
  const stages = secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.VersionStage ?? 'AWSCURRENT');
  expect([...new Set(stages)].sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  // Cached: three requests, one read of each version, and one more for the link no cached key verifies.
  expect(stages).toHaveLength(4);
});

it('accepts a link of a key rotated in after its cache was filled, reading again at most once a minute', async () => {
  // Prepare: a minute past the reads of the test before; the key is cached, then rotated, and a cold
  // sendApprovalLinks signs with the new one
  jest.setSystemTime(Date.now() + 61_000);
  await call(approve(ROTATED));
  const NEWEST = 'newest-key-0123456789abcdefghijklmnopqrstuvwxyz';
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: NEWEST });
  secrets.on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' }).resolves({ SecretString: ROTATED });

  // Act
  const fresh = await call(approve(NEWEST));
  const forged = [await call(approve('f'.repeat(48))), await call(approve('g'.repeat(48)))];
  const readsWithinTheMinute = secrets.commandCalls(GetSecretValueCommand).length;
  jest.setSystemTime(Date.now() + 61_000);
  const later = await call(approve('h'.repeat(48)));

  // Assess
  expect([fresh, ...forged, later].map((s) => s.statusCode)).toEqual([200, 403, 403, 403]);
  expect(readsWithinTheMinute).toBe(2);
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(4);
});
