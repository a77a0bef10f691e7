// The one answer to a conditional write of the state table: it was written, or another writer got there first.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** Sends a conditional write; false when its condition did not hold. Any other failure is thrown. */
export async function writtenIf(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
