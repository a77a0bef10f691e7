import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DataWindow, SourceWindow } from '../domain/retraining/state';
import { windowShard, type CountOutcome } from '../domain/retraining/window';
import { writtenIf } from './conditional';
import { closeCounters } from './data-window-close';
import { COUNTER_NAMES, TOTAL_NAMES, counterKey, counterKeys } from './data-window-items';
import { mergeCounter, windowCounters, type Projection } from './data-window-reads';

/**
 * The data windows' counters: per window generation, source and shard (shared/domain/retraining/window.ts), each
 * item holding its count, its bytes and the fingerprints it counted. Counting an object is one conditional write,
 * whatever the burst: no read–modify–write of a shared item, so no writers racing and retrying.
 */
export class DataWindows {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async count(
    model: string,
    gen: number,
    source: string,
    object: { fingerprint: string; size: number },
    now: Date,
  ): Promise<CountOutcome> {
    const key = counterKey(model, gen, source, windowShard(object.fingerprint));
    const counted = await writtenIf(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression:
            'ADD #objects :one, #bytes :size, #seen :fingerprints ' +
            'SET #firstAt = if_not_exists(#firstAt, :now), #lastAt = :now, #source = :source',
          ConditionExpression: 'attribute_not_exists(#closed) AND NOT contains(#seen, :fingerprint)',
          ExpressionAttributeNames: COUNTER_NAMES,
          ExpressionAttributeValues: {
            ':one': 1,
            ':size': object.size,
            ':fingerprints': new Set([object.fingerprint]),
            ':fingerprint': object.fingerprint,
            ':now': now.toISOString(),
            ':source': source,
          },
        }),
      ),
    );
    if (counted) return 'counted';
    // Counted before the window closed is a duplicate; only an object the closed window never saw moves on.
    return (await this.counted(model, gen, source, object.fingerprint)) ? 'duplicate' : 'closed';
  }

  /** Whether window `gen` counted the object of this fingerprint (one read of its counter). */
  async counted(model: string, gen: number, source: string, fingerprint: string): Promise<boolean> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: counterKey(model, gen, source, windowShard(fingerprint)),
        ConsistentRead: true,
        ProjectionExpression: '#seen',
        ExpressionAttributeNames: { '#seen': 'seen' },
      }),
    );
    return (Item?.seen as Set<string> | undefined)?.has(fingerprint) ?? false;
  }

  /** What window `gen` of a model line counted, per source. */
  async read(model: string, gen: number): Promise<DataWindow> {
    const sources: Record<string, SourceWindow> = {};
    const projection = { expression: '#source, #objects, #bytes, #firstAt, #lastAt', names: TOTAL_NAMES };
    for await (const item of this.counters(model, gen, projection)) {
      // A shard closed before anything was counted in it holds no count.
      if (!item.objects) continue;
      const counter = item as SourceWindow & { source: string };
      sources[counter.source] = mergeCounter(sources[counter.source], counter);
    }
    return { gen, sources };
  }

  /** Every fingerprint window `gen` of a model line counted: what a listing need not count again. */
  async seen(model: string, gen: number): Promise<Set<string>> {
    const seen = new Set<string>();
    for await (const item of this.counters(model, gen, { expression: '#seen', names: { '#seen': 'seen' } }))
      for (const fingerprint of (item.seen as Set<string> | undefined) ?? []) seen.add(fingerprint);
    return seen;
  }

  private counters(model: string, gen: number, projection: Projection) {
    return windowCounters(this.doc, this.table, model, gen, projection);
  }

  /**
   * Closes every counter of window `gen`, those nothing was counted in yet too (a late upload would otherwise open
   * one), and returns what the window counted in the end. Safe to repeat: a closed counter stays as it is.
   */
  async close(model: string, gen: number, sources: readonly string[]): Promise<DataWindow> {
    await closeCounters(this.doc, this.table, counterKeys(model, gen, sources));
    return this.read(model, gen);
  }
}
