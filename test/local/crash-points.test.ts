import { detailOf } from '../../local/crash-requests';

describe('the crash points derived from a fault-free run', () => {
  it('tell a decision by the outbox entries it adds, not those it keeps from one still being performed', () => {
    // Prepare: a put at version 40 that keeps version 39's publishEvent (its decision not yet done) and adds its own
    const entry = (type: string) => ({ M: { action: { M: { type: { S: type } } } } });
    const put = (outbox: Record<string, unknown>) =>
      JSON.stringify({
        Item: {
          pk: { S: 'ENDPOINT#churn-prod' },
          sk: { S: 'DEPLOYMENT' },
          version: { N: '40' },
          outbox: { M: outbox },
        },
      });
    const added = { '0000000040-000': entry('updateWeights'), '0000000040-001': entry('record') };

    // Act
    const alone = detailOf('PutItem', put(added));
    const keeping = detailOf('PutItem', put({ '0000000039-002': entry('publishEvent'), ...added }));

    // Assess
    expect(keeping).toEqual(alone);
    expect(alone).toEqual({ tag: 'DEPLOYMENT put [record,updateWeights]' });
  });
});
