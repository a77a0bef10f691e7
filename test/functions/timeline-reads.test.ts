// The CLI's timeline read: newest first, page by page, and no page past the entries it was asked for.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TimelineHistory } from '../../shared/state/timeline-reads';

const ddbMock = mockClient(DynamoDBDocumentClient);
const history = () => new TimelineHistory(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'shepherd-test');

const entry = (n: number) => ({
  pk: 'MODEL#churn',
  sk: `EVENT#2026-12-02T08:0${n}:00.000Z#e${n}`,
  model: 'churn',
  at: `2026-12-02T08:0${n}:00.000Z`,
  id: `e${n}`,
  kind: 'training_started',
});
const keyOf = (n: number) => ({ pk: 'MODEL#churn', sk: entry(n).sk });

/** Answers each Query with the next page, keeping a copy of each request as it was sent. */
function pages(...answers: { Items: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }[]) {
  const sent: QueryCommandInput[] = [];
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    // The SDK's paginator reuses one input object: copy what this request carried.
    sent.push({ ...input });
    return answers[sent.length - 1] ?? { Items: [] };
  });
  return sent;
}

beforeEach(() => {
  ddbMock.reset();
});

describe('reading a line’s timeline back', () => {
  it('stops once it has the entries asked for, without asking for the page after', async () => {
    // Prepare
    const sent = pages(
      { Items: [entry(9), entry(8)], LastEvaluatedKey: keyOf(8) },
      { Items: [entry(7)], LastEvaluatedKey: keyOf(7) },
      { Items: [entry(6)] },
    );

    // Act
    const entries = await history().read('churn', '2026-12-01T00:00:00.000Z', 3);

    // Assess
    expect(entries.map((e) => e.id)).toEqual(['e9', 'e8', 'e7']);
    expect(entries[0]).not.toHaveProperty('pk');
    expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(2);
    expect(sent.map((input) => input.ExclusiveStartKey)).toEqual([undefined, keyOf(8)]);
    expect(sent[0]).toMatchObject({
      TableName: 'shepherd-test',
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'MODEL#churn', ':from': 'EVENT#2026-12-01T00:00:00.000Z', ':to': 'EVENT#~' },
      ScanIndexForward: false,
    });
    expect(sent.map((input) => input.Limit)).toEqual([3, 1]);
  });

  it('reads every page while there are fewer entries than asked for', async () => {
    // Prepare
    const sent = pages(
      { Items: [entry(9)], LastEvaluatedKey: keyOf(9) },
      { Items: [], LastEvaluatedKey: keyOf(8) },
      {
        Items: [entry(7)],
      },
    );

    // Act
    const entries = await history().read('churn', '2026-12-01T00:00:00.000Z', 50);

    // Assess
    expect(entries.map((e) => e.id)).toEqual(['e9', 'e7']);
    expect(sent.map((input) => input.ExclusiveStartKey)).toEqual([undefined, keyOf(9), keyOf(8)]);
  });

  it('returns no more entries than asked for when a later page holds more than are left', async () => {
    // Prepare: the first page was cut short by DynamoDB's 1 MB; an answer over the Limit must still be cut
    pages({ Items: [entry(9), entry(8)], LastEvaluatedKey: keyOf(8) }, { Items: [entry(7), entry(6), entry(5)] });

    // Act
    const entries = await history().read('churn', '2026-12-01T00:00:00.000Z', 3);

    // Assess
    expect(entries.map((e) => e.id)).toEqual(['e9', 'e8', 'e7']);
  });
});
