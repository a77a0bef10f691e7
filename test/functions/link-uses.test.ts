// An approval link's use item (`APPROVAL#<nonce>`) on the test's table: read only as Shepherd wrote it, completed only
// while it is there.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LinkUse } from '../../shared/domain/approval/check';
import { LinkUses } from '../../shared/state/link-uses';
import { clearTable, createTable, linkUse, putItem } from '../helpers/dynamo';

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

describe('reading a link use', () => {
  it('reads the use as it was consumed, without its key', async () => {
    // Prepare
    await uses().consume(USE);

    // Act
    const read = await uses().get(USE.nonce);

    // Assess
    expect(read).toEqual(USE);
  });

  const corrupt: [string, Record<string, unknown>, string][] = [
    ['an action no link has', { ...USE, action: 'delete' }, 'action: Invalid type: Expected ('],
    ['no approver', { ...USE, approver: undefined }, 'approver: required, but missing'],
    ['a time that is not one', { ...USE, doneAt: 'yesterday', outcome: 'done: approved' }, 'doneAt: must be an ISO'],
    ['the nonce of another link', { ...USE, nonce: 'another-nonce-000001' }, 'nonce: "another-nonce-000001" is not'],
  ];
  it.each(corrupt)('refuses a use with %s, naming the item and what is wrong', async (_, item, problem) => {
    // Prepare: the item edited by hand
    await putItem({ ...item, pk: `APPROVAL#${USE.nonce}`, sk: 'USE' });

    // Act
    const reading = uses().get(USE.nonce);

    // Assess
    await expect(reading).rejects.toThrow(`state item APPROVAL#${USE.nonce}/USE is corrupt: ${problem}`);
  });
});
