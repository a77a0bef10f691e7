// The timeline read back, for the CLI's `timeline` command: apart from ./timeline.ts, which every function writes
// with, so that no function carries a Query it never sends (its command and shapes, about 1.4 KB a bundle).
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '../domain/actions';
import { TimelineStore } from './timeline';

export class TimelineHistory extends TimelineStore {
  /** The line's timeline from `since` (an ISO time) on, newest first, at most `limit` entries. */
  async read(model: string, since: string, limit: number): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let start: QueryCommandInput['ExclusiveStartKey'];
    // Page by hand rather than with the SDK's paginator, whose Limit is fixed: each page asks only for the entries
    // still missing, and no page past the `limit`th entry is asked for.
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `MODEL#${model}`, ':from': `EVENT#${since}`, ':to': 'EVENT#~' },
          ScanIndexForward: false,
          Limit: limit - entries.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const { pk: _pk, sk: _sk, ...entry } of page.Items ?? []) entries.push(entry as TimelineEntry);
      start = page.LastEvaluatedKey;
    } while (start && entries.length < limit);
    return entries.slice(0, limit);
  }
}
