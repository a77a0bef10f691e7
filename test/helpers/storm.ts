// An event storm on the local cloud (issue 12): thousands of S3 Object Created events for one model line, some
// delivered twice, shuffled, handled `concurrency` at a time as Lambda would. What the emulated world saw is returned.
import { startCloud } from '../../local/cloud';
import { envelope, type AwsEvent } from '../../local/core';
import { scenarioSchema } from '../../local/scenario';
import { domainEvents, seeded, waitFor } from './e2e';

export interface StormOptions {
  events: number;
  /** Invocations in flight at once (Lambda: at least 50). */
  concurrency: number;
  /** Share of the events that repeat another one's object (the same event delivered again). */
  duplicateShare?: number;
  seed?: number;
}

export interface StormFigures {
  events: number;
  uniqueObjects: number;
  trainings: number;
  /** The run's window counted every object once and its bytes to the byte. */
  exact: boolean;
  counted: { objects: number; bytes: number } | undefined;
  expected: { objects: number; bytes: number };
  writes: number;
  writesPerEvent: number;
  deadLetters: number;
  /** The most handlers that ran at once. */
  peakConcurrency: number;
  eventsPerSecond: number;
}

const DYNAMO_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];
const BUCKET = 'shepherd-example-data';

export async function playStorm(opts: StormOptions): Promise<StormFigures> {
  const random = seeded(opts.seed ?? 12);
  const uniqueObjects = Math.round(opts.events * (1 - (opts.duplicateShare ?? 0.2)));
  const scenario = scenarioSchema.parse({ name: 'event-storm', setup: { modelPackageGroups: ['churn-models'] } });
  const cloud = await startCloud({ scenario, print: false, speed: 1200, concurrency: opts.concurrency });
  try {
    const objects = Array.from({ length: uniqueObjects }, (_, n) => {
      const key = `churn/incoming/storm/part-${String(n).padStart(6, '0')}.csv`;
      const size = 1_000 + Math.floor(random() * 1_000_000);
      return envelope('aws.s3', 'Object Created', objectDetail(key, size, n), [`arn:aws:s3:::${BUCKET}`], new Date());
    });
    const deliveries: AwsEvent[] = [...objects];
    while (deliveries.length < opts.events) deliveries.push(objects[Math.floor(random() * objects.length)]!);
    shuffle(deliveries, random);

    // Act: every event at once; the runtime lets `concurrency` run and queues the rest, holding virtual time.
    const started = performance.now();
    for (const event of deliveries) cloud.eventbridge.put({ ...event, detail: structuredClone(event.detail) });
    await waitFor(cloud, 'the storm handled', () => !cloud.lambda.busy, 24 * 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    // The quiet period passes; the reconciler releases the window; a second training would have started by then.
    await waitFor(cloud, 'a training', () => (cloud.calls.get('sagemaker:CreateTrainingJob') ?? 0) > 0);
    const settled = cloud.clock.now().getTime() + 30 * 60_000;
    await waitFor(cloud, 'half an hour more', () => cloud.clock.now().getTime() > settled, 3_600_000);

    const expected = {
      objects: uniqueObjects,
      bytes: objects.reduce((sum, e) => sum + ((e.detail.object as { size: number }).size ?? 0), 0),
    };
    const retrainings = domainEvents(cloud, 'Retraining Started');
    const counted = retrainings[0]?.detail.window as { objects: number; bytes: number } | undefined;
    const writes = DYNAMO_WRITES.reduce((sum, op) => sum + (cloud.calls.get(`dynamodb:${op}`) ?? 0), 0);
    return {
      events: deliveries.length,
      uniqueObjects,
      trainings: cloud.calls.get('sagemaker:CreateTrainingJob') ?? 0,
      exact: counted?.objects === expected.objects && counted.bytes === expected.bytes,
      counted,
      expected,
      writes,
      writesPerEvent: writes / deliveries.length,
      deadLetters: cloud.lambda.deadLetters.length,
      peakConcurrency: cloud.lambda.peakConcurrency,
      eventsPerSecond: deliveries.length / seconds,
    };
  } finally {
    await cloud.stop();
  }
}

const objectDetail = (key: string, size: number, n: number) => ({
  version: '0',
  bucket: { name: BUCKET },
  object: { key, size, etag: `etag${n.toString(16).padStart(28, '0')}`, sequencer: n.toString(16).padStart(18, '0') },
  'request-id': `STORM${n}`,
  requester: '123456789012',
  reason: 'PutObject',
});

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
