// An approval link's use item (`APPROVAL#<nonce>`) on the test's table: completed only while it is there.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LinkUse } from '../../shared/domain/approval/check';
import { LinkUses } from '../../shared/state/link-uses';
import { clearTable, createTable, linkUse } from '../helpers/dynamo';

const uses = () => new LinkUses(DynamoDBDocumentClient.from(new DynamoDBClient({})), process.env.TABLE_NAME!);

const USE: LinkUse = {
  nonce: 'link-uses-nonce-0001',
  action: 'approve',
  subject: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7',
  approver: 'ml-leads@example.com',
  at: '2026-11-27T03:04:05.000Z',
  reason: 'better AUC',
  expiration: 1_764_300_000,
};

beforeAll(createTable);
beforeEach(clearTable);

describe('completing a link use', () => {
  it('records when and what its action came to, keeping the first outcome', async () => {
    // Prepare
    await uses().consume(USE);

    // Act
    await uses().complete(USE.nonce, '2026-11-27T03:04:06.000Z', 'done: approved');
    await uses().complete(USE.nonce, '2026-11-27T03:09:00.000Z', 'done: again');

    // Assess
    expect(await linkUse(USE.nonce)).toEqual({
      pk: `APPROVAL#${USE.nonce}`,
      sk: 'USE',
      ...USE,
      doneAt: '2026-11-27T03:04:06.000Z',
      outcome: 'done: approved',
    });
  });

  it('refuses, naming the item, a use that is not there, and leaves no half item behind', async () => {
    // Act
    const completing = uses().complete('never-consumed-nonce-01', '2026-11-27T03:04:06.000Z', 'done: approved');

    // Assess
    await expect(completing).rejects.toThrow(
      'approval link use APPROVAL#never-consumed-nonce-01/USE is gone: its action was performed, but is not recorded',
    );
    expect(await linkUse('never-consumed-nonce-01')).toBeUndefined();
  });
});
