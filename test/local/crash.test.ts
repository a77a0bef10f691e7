import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { CrashFault, parseCrashPoint } from '../../local/crash';

// A stand-in for the emulators: answers every request with an empty success and remembers what reached it.
let server: Server;
let received: string[];
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      received.push(typeof target === 'string' ? target : (new URLSearchParams(body).get('Action') ?? '?'));
      const sns = typeof target !== 'string';
      res.writeHead(200, { 'Content-Type': sns ? 'text/xml' : 'application/x-amz-json-1.0' });
      res.end(
        sns ? '<PublishResponse><PublishResult><MessageId>m</MessageId></PublishResult></PublishResponse>' : '{}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
});

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const item = { pk: { S: 'a' }, sk: { S: 'b' } };

function clients() {
  const dynamo = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const sns = new SNSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  return { dynamo, sns };
}

/** Puts an item twice, publishes, reads: the calls of one invocation. */
async function work(): Promise<string> {
  const { dynamo, sns } = clients();
  await dynamo.send(new PutItemCommand({ TableName: 't', Item: item }));
  await dynamo.send(new PutItemCommand({ TableName: 't', Item: item }));
  await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'hi' }));
  await dynamo.send(new GetItemCommand({ TableName: 't', Key: item }));
  return 'done';
}

describe('the crash fault', () => {
  it('kills the invocation right after the nth call: that call reached the service, nothing after it did', async () => {
    // Prepare
    const log: string[] = [];
    const crash = new CrashFault({
      point: { operation: 'PutItem', nth: 2 },
      now: () => new Date(0),
      log: (m) => log.push(m),
    });

    // Act
    const run = crash.run('fn', work);

    // Assess
    await expect(run).rejects.toThrow('Crashed after PutItem');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.PutItem']);
    expect(crash.crashes).toEqual([{ function: 'fn', operation: 'PutItem', nth: 2, at: '1970-01-01T00:00:00.000Z' }]);
    expect(log).toEqual(['fn crashes right after PutItem (#2 of the crash point)']);
  });

  it('names query-protocol calls by their Action and leaves invocations of other functions alone', async () => {
    // Prepare
    const crash = new CrashFault({
      point: { operation: 'Publish', nth: 1, function: 'other' },
      now: () => new Date(0),
      log: () => undefined,
    });

    // Act
    const result = await crash.run('fn', work);

    // Assess
    expect(result).toBe('done');
    expect(crash.calls.map((c) => c.operation)).toEqual(['PutItem', 'PutItem', 'Publish', 'GetItem']);
    // Each call's kind: the item's, the topic's (with the notification's `kind` attribute when it has one)
    expect(crash.calls.map((c) => c.tag)).toEqual(['b put', 'b put', 't', undefined]);
    expect(crash.crashes).toEqual([]);
    expect(received).toHaveLength(4);
  });

  it('counts only the DynamoDB writes of its kind when the crash point names one', async () => {
    // Prepare: an outbox entry completed, then the decision put of a deployment, then the same completion again
    const { dynamo } = clients();
    const complete = () =>
      dynamo.send(
        new UpdateItemCommand({
          TableName: 't',
          Key: { pk: { S: 'ENDPOINT#e' }, sk: { S: 'DEPLOYMENT' } },
          UpdateExpression: 'REMOVE outbox.#id',
          ExpressionAttributeNames: { '#id': '0000000039-003' },
        }),
      );
    const action = (type: string) => ({ M: { action: { M: { type: { S: type } } } } });
    const decide = () =>
      dynamo.send(
        new PutItemCommand({
          TableName: 't',
          Item: { pk: { S: 'ENDPOINT#e' }, sk: { S: 'DEPLOYMENT' }, outbox: { M: { x: action('publish') } } },
        }),
      );
    const crash = new CrashFault({
      point: { operation: 'UpdateItem', nth: 2, tag: 'DEPLOYMENT REMOVE outbox.#id 003' },
      now: () => new Date(0),
      log: () => undefined,
    });

    // Act
    const run = crash.run('fn', async () => {
      await complete();
      await decide();
      await clients().sns.send(
        new PublishCommand({
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
          Message: 'promoted',
          MessageAttributes: {
            model: { DataType: 'String', StringValue: 'churn' },
            kind: { DataType: 'String', StringValue: 'deployment-promoted' },
          },
        }),
      );
      await complete();
      await complete();
    });

    // Assess: the second completion of an entry #3 crashed, not the second write; the notification is told by its kind
    await expect(run).rejects.toThrow('Crashed after UpdateItem');
    expect(crash.calls.map((c) => c.tag)).toEqual([
      'DEPLOYMENT REMOVE outbox.#id 003',
      'DEPLOYMENT put [publish]',
      'alerts deployment-promoted',
      'DEPLOYMENT REMOVE outbox.#id 003',
    ]);
    expect(crash.crashes).toEqual([expect.objectContaining({ operation: 'UpdateItem', nth: 2 })]);
  });

  it('counts, given `within`, only the calls of the invocation that made that call, from it on', async () => {
    // Prepare: the third put of this kind is made by the second invocation, which is the one to crash
    const crash = new CrashFault({
      point: { operation: 'Publish', nth: 1, within: { operation: 'PutItem', tag: 'b put', nth: 3 } },
      now: () => new Date(0),
      log: () => undefined,
    });

    // Act
    const first = await crash.run('fn', work);
    const second = crash.run('other', work);

    // Assess
    expect(first).toBe('done');
    await expect(second).rejects.toThrow('Crashed after Publish');
    expect(crash.crashes).toEqual([expect.objectContaining({ function: 'other', operation: 'Publish', nth: 1 })]);
  });

  it('counts calls made outside any invocation nowhere and refuses them nothing', async () => {
    // Prepare
    const crash = new CrashFault({
      point: { operation: 'PutItem', nth: 1 },
      now: () => new Date(0),
      log: () => undefined,
    });

    // Act
    await work();

    // Assess
    expect(crash.calls).toEqual([]);
    expect(received).toHaveLength(4);
  });

  it('reads a crash point as `Operation[#nth][@function]`, and says what it expected otherwise', () => {
    // Act and Assess
    expect(parseCrashPoint('CreateTrainingJob')).toEqual({ operation: 'CreateTrainingJob', nth: 1 });
    expect(parseCrashPoint('UpdateItem#2@reconcile')).toEqual({
      operation: 'UpdateItem',
      nth: 2,
      function: 'reconcile',
    });
    expect(() => parseCrashPoint('createTrainingJob#0')).toThrow(
      '--crash-after createTrainingJob#0: expected <Operation>[#nth][@function], ' +
        'e.g. CreateTrainingJob or UpdateItem#2@reconcile',
    );
  });
});
