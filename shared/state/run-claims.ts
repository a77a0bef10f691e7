// Claims of a job's run (runKey: `RUN#<job>` / its key): an event's work done once, a scheduled job's run, an alert
// said once. Apart from the state store, so a function that only claims runs carries neither the state items nor
// their checks.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import { type Key, leaseNow } from './keys';

export class RunClaims {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Claims one run for this delivery of its event: a duplicate delivery finds it running or done and does not run it
   * again; a run that failed gave its claim back (`release`), and one that died is taken over once its lease (longer
   * than the function's timeout) runs out.
   */
  async claim(key: Key, leaseMs: number, keepDays: number): Promise<'claimed' | 'running' | 'done'> {
    const now = leaseNow();
    const claimed = await writtenIf(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...key,
            status: 'running',
            leaseUntil: now + leaseMs,
            expiration: Math.floor(now / 1000) + keepDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :running AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running', ':now': now },
        }),
      ),
    );
    if (claimed) return 'claimed';
    return (await this.status(key)) === 'done' ? 'done' : 'running';
  }

  /** The claimed run finished: a later delivery of its event is answered without running it. */
  async finish(key: Key): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET #status = :done REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  /** The claimed run failed: Lambda's retry of the same event may run it again at once. */
  async release(key: Key): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'SET leaseUntil = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  }

  /** `running` or `done`; undefined when the run was never claimed. */
  async status(key: Key): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Item ? String(Item.status) : undefined;
  }
}
