// Shepherd's own timeline (the MODEL#… / EVENT#… items it writes) printed beside the emulators' lines, so the
// local run shows why Shepherd did what it did: coalesced, refused, queued, judged.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Timeline } from './core';

export class ShepherdTimelineTap {
  private readonly seen = new Set<string>();
  private readonly doc: DynamoDBDocumentClient;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The table's write count when the last complete scan began. */
  private scannedAtWrites: number | undefined;
  readonly entries: { at: string; model: string; type: string; message: string }[] = [];

  constructor(
    endpoint: string,
    private readonly table: string,
    private readonly timeline: Timeline,
    /** Writes answered so far (LocalDynamo.writes); without it, every poll scans. */
    private readonly writes?: () => number,
  ) {
    this.doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
  }

  start(everyMs = 100): void {
    const tick = async () => {
      // The table is gone once the cloud stops; a poll in flight then has nothing left to say.
      await this.poll().catch(() => undefined);
      if (!this.stopped) this.timer = setTimeout(() => void tick(), everyMs);
    };
    void tick();
  }

  async poll(): Promise<void> {
    // A whole-table scan is most of a poll's cost and most polls come between two writes: no write, nothing new.
    const writes = this.writes?.();
    if (writes !== undefined && writes === this.scannedAtWrites) return;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    const fresh: { sk: string; model: string; type: string; message: string; at: string }[] = [];
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'begins_with(sk, :e)',
          ExpressionAttributeValues: { ':e': 'EVENT#' },
          ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
        }),
      );
      for (const item of out.Items ?? []) if (!this.seen.has(`${item.pk}/${item.sk}`)) fresh.push(item as never);
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    this.scannedAtWrites = writes;
    for (const e of fresh.sort((a, b) => a.sk.localeCompare(b.sk))) {
      this.seen.add(`MODEL#${e.model}/${e.sk}`);
      this.entries.push({ at: e.at, model: e.model, type: e.type, message: e.message });
      this.timeline.log('shepherd', `${e.model}: ${e.message}`);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.doc.destroy();
  }
}
