// Claims of a job's run (runKey: `RUN#<job>` / its key): an event's work done once, a scheduled job's run, an alert
// said once. Apart from the state store, so a function that only claims runs carries neither the state items nor
// their checks.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import { type Key, leaseNow } from './keys';

/** What became of a run: it ran under its claim, or another holds the claim (`running`) or ran it (`done`). */
export type ClaimedRun<T> = { claim: 'claimed'; result: T } | { claim: 'running' | 'done' };

export interface RunTerms {
  /** Longer than the function can run, so a live invocation's claim is never taken over. */
  leaseMs: number;
  /** How long the claim is kept in the table (its TTL). */
  keepDays: number;
  /**
   * After a run that succeeded: `finish` marks it done, so it never runs again while the claim is kept; `lapse`
   * leaves the claim to run out with its lease, so the work may run again after it (at most once per lease).
   */
  afterwards: 'finish' | 'lapse';
}

export class RunClaims {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Runs `work` if this call gets its claim, and says what became of it. A run that throws gives its claim back
   * first, so Lambda's retry of the same event may run it again at once, and the error goes on.
   */
  async run<T>(key: Key, terms: RunTerms, work: () => Promise<T>): Promise<ClaimedRun<T>> {
    const claim = await this.claim(key, terms.leaseMs, terms.keepDays);
    if (claim !== 'claimed') return { claim };
    let result: T;
    try {
      result = await work();
    } catch (err) {
      await this.release(key);
      throw err;
    }
    if (terms.afterwards === 'finish') await this.finish(key);
    return { claim, result };
  }

  /**
   * Claims one run for this delivery of its event: a duplicate delivery finds it running or done and does not run it
   * again; a run that failed gave its claim back (`release`), and one that died is taken over once its lease (longer
   * than the function's timeout) runs out.
   */
  private async claim(key: Key, leaseMs: number, keepDays: number): Promise<'claimed' | 'running' | 'done'> {
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
  private async finish(key: Key): Promise<void> {
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
  private async release(key: Key): Promise<void> {
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
