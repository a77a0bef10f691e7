// The timeline of each model line (and of account-wide facts such as cost sweeps): what happened, one item per entry.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '../domain/actions';
import { write } from './write';

export class TimelineStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(entry: TimelineEntry): Promise<void> {
    await write(this.doc, {
      TableName: this.table,
      Item: { pk: `MODEL#${entry.model}`, sk: `EVENT#${entry.at}#${entry.id}`, ...entry },
    });
  }

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
