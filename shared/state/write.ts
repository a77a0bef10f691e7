// The state table's one write path, shared by the stores of its items.
import {
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { writtenIf } from './conditional';
import { storable } from './storable';

/**
 * Every write goes through here, so no number Shepherd computes (a p-value, a metric, a byte count) can make the
 * table refuse an item and block every later write of it (docs/dynamodb-numbers.md).
 */
export async function write(doc: DynamoDBDocumentClient, input: PutCommandInput | UpdateCommandInput): Promise<void> {
  if ('Item' in input) {
    await doc.send(new PutCommand({ ...input, Item: storable(input.Item) }));
  } else {
    const values = storable(input.ExpressionAttributeValues);
    await doc.send(new UpdateCommand({ ...input, ExpressionAttributeValues: values }));
  }
}

/** A conditional write; false when its condition did not hold (another writer changed the item first). */
export function writeIf(doc: DynamoDBDocumentClient, input: PutCommandInput | UpdateCommandInput): Promise<boolean> {
  return writtenIf(() => write(doc, input));
}
