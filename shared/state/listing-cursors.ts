// Where the reconciler's listing of a data source goes on (shared/app/lost-triggers.ts): a prefix longer than the
// pages one tick lists is listed over several ticks. One item per line and source, `MODEL#<line>` / `LISTING#<source>`.
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import type { Key } from './keys';

const cursorKey = (model: string, source: string): Key => ({ pk: `MODEL#${model}`, sk: `LISTING#${source}` });

export class ListingCursors {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The key the listing goes on after; undefined: from the first key. */
  async get(model: string, source: string): Promise<string | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: cursorKey(model, source) }));
    return typeof Item?.startAfter === 'string' ? Item.startAfter : undefined;
  }

  /**
   * Moves the cursor from where this tick read it to `to` (undefined: back to the first key), on condition that no
   * other tick moved it meanwhile. False when one did: that tick's cursor stands.
   */
  async move(model: string, source: string, from: string | undefined, to: string | undefined): Promise<boolean> {
    if (from === to) return true;
    const values = { ...(to === undefined ? {} : { ':to': to }), ...(from === undefined ? {} : { ':from': from }) };
    return writtenIf(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: cursorKey(model, source),
          UpdateExpression: to === undefined ? 'REMOVE startAfter' : 'SET startAfter = :to',
          ConditionExpression: from === undefined ? 'attribute_not_exists(startAfter)' : 'startAfter = :from',
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }
}
