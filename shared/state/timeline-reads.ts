// The timeline read back, for the CLI's `timeline` command: apart from ./timeline.ts, which every function writes
// with, so that no function carries a Query it never sends (its command and shapes, about 1.4 KB a bundle).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '../domain/actions';
import { TimelineStore } from './timeline';

export class TimelineHistory extends TimelineStore {
  /** The line's timeline from `since` (an ISO time) on, newest first, at most `limit` entries. */
  async read(model: string, since: string, limit: number): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `MODEL#${model}`, ':from': `EVENT#${since}`, ':to': 'EVENT#~' },
          ScanIndexForward: false,
          Limit: limit - entries.length,
          ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
        }),
      );
      for (const { pk: _pk, sk: _sk, ...entry } of page.Items ?? []) entries.push(entry as TimelineEntry);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && entries.length < limit);
    return entries;
  }
}
