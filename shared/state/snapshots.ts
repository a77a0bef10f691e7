// What a cost sweep keeps of an endpoint it deletes (shared/state/keys.ts, endpointSnapshotKey), for `restore`.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys';
import { writeIf } from './write';

export class SnapshotStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Keeps a snapshot unless a newer one is there: a late retry of an older sweep must not replace what a later
   * deletion of a recreated endpoint recorded. False when a newer one won.
   */
  put(key: Key, takenAt: string, item: Record<string, unknown>): Promise<boolean> {
    return writeIf(this.doc, {
      TableName: this.table,
      Item: { ...item, ...key, takenAt },
      ConditionExpression: 'attribute_not_exists(pk) OR takenAt <= :at',
      ExpressionAttributeValues: { ':at': takenAt },
    });
  }

  async get(key: Key): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Item;
  }
}
