// After the signing key is rotated, links sent before stay valid under AWSPREVIOUS until they expire; links of
// the key before that one are refused; links of the new key work before approvalLink's cache would expire.
import {
  approvalClaims,
  freshLinkWorld,
  KEY,
  openApproveLink,
  ROTATED_KEY,
  rotatedSecret,
  secrets,
} from '../helpers/approval-links';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createTable } from '../helpers/dynamo';

const LINK = approvalClaims('rotation-nonce-0123456');
const open = (key: string) => openApproveLink(LINK, key);

beforeAll(createTable);
beforeEach(async () => {
  await freshLinkWorld();
  rotatedSecret(ROTATED_KEY, KEY);
});

it('accepts links of the current and the previous key, and refuses those of an older one', async () => {
  // Act
  const statuses = [await open(ROTATED_KEY), await open(KEY), await open('o'.repeat(48))];

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
  await open(ROTATED_KEY);
  const NEWEST = 'newest-key-0123456789abcdefghijklmnopqrstuvwxyz';
  rotatedSecret(NEWEST, ROTATED_KEY);

  // Act
  const fresh = await open(NEWEST);
  const forged = [await open('f'.repeat(48)), await open('g'.repeat(48))];
  const readsWithinTheMinute = secrets.commandCalls(GetSecretValueCommand).length;
  jest.setSystemTime(Date.now() + 61_000);
  const later = await open('h'.repeat(48));

  // Assess
  expect([fresh, ...forged, later].map((s) => s.statusCode)).toEqual([200, 403, 403, 403]);
  expect(readsWithinTheMinute).toBe(2);
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(4);
});

it('tells the holder of a link signed before the last two rotations so, not only that it may be forged', async () => {
  // Prepare: a second rotation; the link was signed with the key before the previous one
  jest.setSystemTime(Date.now() + 61_000);
  rotatedSecret('newest-key-0123456789abcdefghijklmnopqrstuvwxyz', ROTATED_KEY);

  // Act
  const page = await open(KEY);

  // Assess
  expect(page.statusCode).toBe(403);
  expect(page.body).toContain('the key it was signed with was rotated out');
});
