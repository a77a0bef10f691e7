// Claims of a job's run (runKey: `RUN#<job>` / its key): an event's work done once, a scheduled job's run, an alert
// said once. Apart from the state store, so a function that only claims runs carries neither the state items nor
// their checks.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import { type Key, leaseNow } from './keys';
import { writeAsHolder } from './run-claim-holder';
import type { ClaimedRun, HeldClaim, RunTerms } from './run-claim-terms';

export class RunClaims {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Runs `work` if this call gets its claim, and says what became of it. A run that throws gives its claim back
   * first, so Lambda's retry of the same event may run it again at once, and the error goes on (with the failure to
   * give the claim back as its `cause`, if that failed too). A run that succeeded is not thrown when marking it done
   * fails: see `notDone`.
   */
  async run<T>(key: Key, terms: RunTerms, work: (held: HeldClaim) => Promise<T>): Promise<ClaimedRun<T>> {
    const claim = await this.claim(key, terms.leaseMs, terms.keepDays);
    if (claim.claim !== 'claimed') return claim;
    const held = { key, token: claim.token, leaseUntil: claim.leaseUntil };
    let result: T;
    try {
      result = await work({ ...held });
    } catch (err) {
      // The work's error says what failed, so it is the one that goes on. A claim not given back only holds the
      // retry off until its lease runs out.
      const givenBack = writeAsHolder(this.doc, this.table, held, 'SET leaseUntil = :zero', { ':zero': 0 });
      await givenBack.catch((failure: unknown) => {
        if (err instanceof Error && err.cause === undefined) err.cause = failure;
      });
      throw err;
    }
    if (terms.afterwards !== 'finish') return { claim: 'claimed', result };
    // The work is done (a message sent, an event published). Throwing now would make Lambda retry the event, and its
    // last retry, past the lease, would take the claim over and do the work again; returned, the claim only lapses
    // with its lease, after which just a late duplicate could run it again.
    const done = { ':done': 'done' };
    const notDone = await writeAsHolder(this.doc, this.table, held, 'SET #status = :done REMOVE leaseUntil', done).then(
      () => undefined,
      (failure: unknown) => failure ?? new Error('not marked done'),
    );
    return { claim: 'claimed', result, ...(notDone ? { notDone } : {}) };
  }

  /**
   * Claims one run for this delivery of its event: a duplicate delivery finds it running or done and does not run it
   * again; a run that failed gave its claim back, and one that died is taken over once its lease (longer than the
   * function's timeout, or renewed while it runs: ./run-claim-renewals.ts) runs out. A takeover writes a new claim
   * token; a claim written before claim tokens, which has none, is taken over once its recorded `leaseUntil` passes,
   * as it always was.
   */
  private async claim(
    key: Key,
    leaseMs: number,
    keepDays: number,
  ): Promise<{ claim: 'claimed'; token: string; leaseUntil: number } | { claim: 'running' | 'done' }> {
    const now = leaseNow();
    const leaseUntil = now + leaseMs;
    const claimToken = randomUUID();
    const claimed = await writtenIf(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...key,
            status: 'running',
            leaseUntil,
            claimToken,
            expiration: Math.floor(now / 1000) + keepDays * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :running AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running', ':now': now },
        }),
      ),
    );
    if (claimed) return { claim: 'claimed', token: claimToken, leaseUntil };
    return { claim: (await this.status(key)) === 'done' ? 'done' : 'running' };
  }

  /** `running` or `done`; undefined when the run was never claimed. */
  async status(key: Key): Promise<string | undefined> {
    return (await this.item(key))?.status as string | undefined;
  }

  /**
   * Done, or running under a lease that has not run out. A claim given back by a run that failed, or left by one
   * that died, is held by nobody: the work is still to do.
   */
  async held(key: Key): Promise<boolean> {
    const item = await this.item(key);
    return item?.status === 'done' || (item?.status === 'running' && Number(item.leaseUntil) >= leaseNow());
  }

  private async item(key: Key): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Item;
  }
}
