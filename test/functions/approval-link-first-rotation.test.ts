// The signing secret's first rotation, as approvalLink's container sees it: it remembered that the secret had no
// AWSPREVIOUS version, then a link of the new key made it read both versions again. Links sent before the rotation
// must keep working from then on, not only once that memory runs out.
import {
  approvalClaims,
  freshLinkWorld,
  KEY,
  openApproveLink,
  ROTATED_KEY,
  rotatedSecret,
} from '../helpers/approval-links';
import { createTable } from '../helpers/dynamo';

const LINK = approvalClaims('first-rotation-nonce-01');

beforeAll(createTable);
beforeEach(freshLinkWorld);

it('keeps accepting links sent before the first rotation once a link of the new key revealed it', async () => {
  // Prepare: a link opened while the secret was never rotated; then it is rotated
  const before = await openApproveLink(LINK, KEY);
  rotatedSecret(ROTATED_KEY, KEY);

  // Act: a link of the new key, then (within the minute) the approver of an older link opens it
  const fresh = await openApproveLink(LINK, ROTATED_KEY);
  const older = await openApproveLink(LINK, KEY);

  // Assess
  expect([before, fresh, older].map((s) => s.statusCode)).toEqual([200, 200, 200]);
});
