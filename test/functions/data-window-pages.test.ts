// A data window read back across the pages DynamoDB answers a counter query with.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DataWindows } from '../../shared/state/data-windows';

const ddbMock = mockClient(DynamoDBDocumentClient);
const windows = () => new DataWindows(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'shepherd-test');

const counter = (shard: number, objects: number) => ({
  source: 's3://churn-data/incoming/',
  objects,
  bytes: objects * 100,
  firstAt: `2026-12-02T08:0${shard}:00.000Z`,
  lastAt: `2026-12-02T08:0${shard}:30.000Z`,
});
const keyOf = (shard: number) => ({ pk: 'MODEL#churn', sk: `WINDOW#00000003#s3://churn-data/incoming/#${shard}` });

beforeEach(() => {
  ddbMock.reset();
});

describe('reading a data window back', () => {
  it('totals the counters of every page, each page asked for from where the last one ended', async () => {
    // Prepare
    const sent: QueryCommandInput[] = [];
    const answers = [
      { Items: [counter(0, 2)], LastEvaluatedKey: keyOf(0) },
      { Items: [], LastEvaluatedKey: keyOf(1) },
      { Items: [counter(2, 3)] },
    ];
    ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      // The SDK's paginator reuses one input object: copy what this request carried.
      sent.push({ ...input });
      return answers[sent.length - 1];
    });

    // Act
    const window = await windows().read('churn', 3);

    // Assess
    expect(window).toEqual({
      gen: 3,
      sources: {
        's3://churn-data/incoming/': {
          objects: 5,
          bytes: 500,
          firstAt: '2026-12-02T08:00:00.000Z',
          lastAt: '2026-12-02T08:02:30.000Z',
        },
      },
    });
    expect(sent.map((input) => input.ExclusiveStartKey)).toEqual([undefined, keyOf(0), keyOf(1)]);
    expect(sent.every((input) => input.ConsistentRead === true)).toBe(true);
    expect(sent[0]).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'MODEL#churn', ':prefix': 'WINDOW#00000003#' },
    });
  });
});
