// The timeline read back, for the CLI's `timeline` command: apart from ./timeline.ts, which every function writes
// with, so that no function carries a Query it never sends (its command and shapes, about 1.4 KB a bundle).
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '../domain/actions';
import { TimelineStore } from './timeline';

export class TimelineHistory extends TimelineStore {
  /** The line's timeline from `since` (an ISO time) on, newest first, at most `limit` entries. */
  async read(model: string, since: string, limit: number): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `MODEL#${model}`, ':from': `EVENT#${since}`, ':to': 'EVENT#~' },
        ScanIndexForward: false,
        Limit: limit,
      },
    );
    for await (const page of pages) {
      for (const { pk: _pk, sk: _sk, ...entry } of page.Items ?? []) entries.push(entry as TimelineEntry);
      // Leaving the loop ends the paginator: no page past the `limit`th entry is asked for. A page after one that
      // DynamoDB cut at 1 MB may hold up to `limit` more entries than are left; those are dropped.
      if (entries.length >= limit) return entries.slice(0, limit);
    }
    return entries;
  }
}
