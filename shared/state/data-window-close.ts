// Closing the counters of a window a run took, so that nothing counts into them any more.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { settleBounded } from '../aws/bounded';
import type { Key } from './keys';

/** Closed counters stay a week for whoever looks into a run's data, then the table's TTL removes them. */
const KEEP_CLOSED_S = 7 * 86_400;
const CLOSING_CONCURRENCY = 8;

/**
 * Marks every counter of `keys` closed, those nothing was counted in yet too (a late upload would otherwise open
 * one), and sets when the table's TTL removes it. Safe to repeat: a closed counter stays as it is. The first failure
 * is thrown once every write has settled.
 */
export async function closeCounters(doc: DynamoDBDocumentClient, table: string, keys: Key[]): Promise<void> {
  const expiration = Math.floor(Date.now() / 1000) + KEEP_CLOSED_S;
  const closing = await settleBounded(keys, CLOSING_CONCURRENCY, (Key) =>
    doc.send(
      new UpdateCommand({
        TableName: table,
        Key,
        UpdateExpression: 'SET #closed = :closed, expiration = :expiration',
        ExpressionAttributeNames: { '#closed': 'closed' },
        ExpressionAttributeValues: { ':closed': true, ':expiration': expiration },
      }),
    ),
  );
  const failed = closing.find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
