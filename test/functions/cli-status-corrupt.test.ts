// `shepherd status` of a line whose state item is corrupt: the part of the row that item tells says what is wrong,
// the other parts and lines read as usual.
import { store } from '../../shared/runtime/clients';
import { lineStatus } from '../../shared/cli/status';
import type { Context } from '../../shared/cli/context';
import { clearTable, createTable, putItem } from '../helpers/dynamo';
import { line } from '../helpers/config';

const ctx = () => ({ store: store(), registry: { modelPackage: async () => undefined } }) as unknown as Context;

beforeAll(createTable);
beforeEach(clearTable);

describe('shepherd status with a corrupt state item', () => {
  it('says the training item is corrupt and why, and still describes the line', async () => {
    // Prepare
    await putItem({ pk: 'MODEL#churn', sk: 'TRAINING', model: 'churn', version: 3, starts: 'yesterday' });

    // Act
    const row = await lineStatus(ctx(), line('churn'));

    // Assess
    expect(row).toMatchObject({
      model: 'churn',
      training: expect.stringMatching(/^CORRUPT, not acted on: starts: /),
      package: 'none registered',
      endpoint: 'churn-prod',
      edge: 'no builds',
    });
    expect(row.deployment).not.toMatch(/CORRUPT/);
  });
});
