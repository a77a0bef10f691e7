// The timeline of each model line (and of account-wide facts such as cost sweeps): what happened, one item per entry.
// Functions only write it; reading it back is the CLI's (./timeline-reads.ts), so no function carries the query.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TimelineEntry } from '../domain/actions';
import { write } from './write';

export class TimelineStore {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly table: string,
  ) {}

  async put(entry: TimelineEntry): Promise<void> {
    await write(this.doc, {
      TableName: this.table,
      Item: { pk: `MODEL#${entry.model}`, sk: `EVENT#${entry.at}#${entry.id}`, ...entry },
    });
  }
}
