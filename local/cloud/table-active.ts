// Apart from dynamodb.ts so that the tests' table helper can wait too without loading dynalite itself.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * dynalite answers CreateTable while the table is still CREATING and refuses it as not found until a timer makes it
 * ACTIVE, even with `createTableMs: 0`: a request sent at once can come first (on a busy machine it did).
 */
export async function untilActive(client: DynamoDBClient, TableName: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`dynalite: table ${TableName} is not ACTIVE after 2 s`);
}
