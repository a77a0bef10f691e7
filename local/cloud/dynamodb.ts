// DynamoDB as the local cloud runs it: dynalite on loopback, holding the stack's state table.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';
import { stateTableDefinition } from '../../shared/state/table';
import { REGION } from '../core';
import { untilActive } from './table-active';

/** The operations that change items: the only ones after which a reader can find something new. */
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

type Request = { headers: Record<string, string | string[] | undefined> };

const operationOf = (req: Request) => {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : undefined;
};

export class LocalDynamo {
  private completedWrites = 0;

  private constructor(
    private readonly db: ReturnType<typeof dynalite>,
    readonly url: string,
  ) {
    // Counted once answered: dynalite answers after the write is applied, so a read begun later sees it.
    db.on('request', (req: Request, res: { once(event: 'finish', listener: () => void): void }) => {
      if (WRITES.has(operationOf(req) ?? '')) res.once('finish', () => this.completedWrites++);
    });
  }

  /** How many write requests have been answered so far: unchanged, the table holds what it held. */
  get writes(): number {
    return this.completedWrites;
  }

  static async start(): Promise<LocalDynamo> {
    const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', () => resolve()));
    return new LocalDynamo(db, `http://127.0.0.1:${(db.address() as AddressInfo).port}`);
  }

  /** Creates the stack's state table, then counts every request in `calls` as `dynamodb:<operation>`. */
  async createStateTable(tableName: string, calls: Map<string, number>): Promise<void> {
    const client = new DynamoDBClient({
      endpoint: this.url,
      region: REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(new CreateTableCommand(stateTableDefinition(tableName)));
    await untilActive(client, tableName);
    client.destroy();
    // DynamoDB is dynalite, beside the local server: its requests are counted as they reach it (`dynamodb:PutItem`…),
    // from the moment the stack's table exists.
    this.db.on('request', (req: Request) => {
      const operation = operationOf(req);
      if (operation === undefined) return;
      const key = `dynamodb:${operation}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    });
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => this.db.close(() => resolve()));
  }
}
