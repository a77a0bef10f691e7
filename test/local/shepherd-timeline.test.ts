// The tap that prints Shepherd's own timeline items: it reads the table only when a write has landed since it last
// did, and still sees every item written.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Clock } from '../../local/clock';
import { LocalDynamo } from '../../local/cloud/dynamodb';
import { Timeline } from '../../local/core';
import { ShepherdTimelineTap } from '../../local/shepherd-timeline';

const TABLE = 'shepherd-state';

describe('Shepherd timeline tap', () => {
  let dynamo: LocalDynamo;
  let calls: Map<string, number>;
  let doc: DynamoDBDocumentClient;
  let tap: ShepherdTimelineTap;

  const writeEvent = (sk: string, message: string) =>
    doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'MODEL#churn', sk, model: 'churn', type: 'TrainingStarted', message, at: sk.slice(6, 30) },
      }),
    );

  beforeEach(async () => {
    dynamo = await LocalDynamo.start();
    calls = new Map();
    await dynamo.createStateTable(TABLE, calls);
    doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamo.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const timeline = new Timeline(new Clock(new Date('2026-11-27T00:00:00Z'), 1), false);
    tap = new ShepherdTimelineTap(dynamo.url, TABLE, timeline, () => dynamo.writes);
  });

  afterEach(async () => {
    tap.stop();
    doc.destroy();
    await dynamo.close();
  });

  it('scans the table once while no write lands between polls', async () => {
    // Prepare
    await writeEvent('EVENT#2026-11-27T00:01:00.000Z#a', 'training started');

    // Act
    await tap.poll();
    await tap.poll();
    await tap.poll();

    // Assess
    expect(calls.get('dynamodb:Scan')).toBe(1);
    expect(tap.entries.map((e) => e.message)).toEqual(['training started']);
  });

  it('reads an item written after a poll at the next poll', async () => {
    // Prepare
    await writeEvent('EVENT#2026-11-27T00:01:00.000Z#a', 'training started');
    await tap.poll();

    // Act
    await writeEvent('EVENT#2026-11-27T00:02:00.000Z#b', 'training completed');
    await tap.poll();

    // Assess
    expect(calls.get('dynamodb:Scan')).toBe(2);
    expect(tap.entries.map((e) => e.message)).toEqual(['training started', 'training completed']);
  });
});
