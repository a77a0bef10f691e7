// The S3 emulator behind the local server, driven by the real S3 client and Shepherd's listing adapter.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { S3Emulator } from '../../local/s3';
import { startLocalServer, type LocalServer } from '../../local/server';
import { ListingAdapter } from '../../shared/aws/s3-listing';

const start = new Date('2026-11-27T06:00:00Z');
const BUCKET = 'shepherd-example-data';

describe('S3 emulator', () => {
  let server: LocalServer;
  let client: S3Client;
  let s3: S3Emulator;

  beforeEach(async () => {
    const clock = new Clock(start, 1);
    s3 = new S3Emulator({ timeline: new Timeline(clock, false), clock });
    server = await startLocalServer({ services: { s3: (url) => s3.handle(url) } });
    client = new S3Client({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  it('lists a prefix in pages of at most 1,000 keys, in UTF-8 byte order, with continuation tokens', async () => {
    // Prepare: 2,500 keys under the prefix, one beside it, and keys whose UTF-8 order differs from UTF-16's
    for (let n = 0; n < 2500; n++) s3.upload(BUCKET, `churn/incoming/part-${String(n).padStart(5, '0')}.csv`, n, 'e');
    s3.upload(BUCKET, 'fraud/incoming/part-1.csv', 1, 'e');
    s3.upload(BUCKET, 'churn/incoming/\u{1F600}.csv', 1, 'e');
    s3.upload(BUCKET, 'churn/incoming/\uFF5E.csv', 1, 'e');

    // Act
    const pages = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'churn/incoming/', MaxKeys: 5000, ContinuationToken }),
      );
      pages.push(page);
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken);

    // Assess
    expect(pages.map((p) => [p.KeyCount, p.IsTruncated])).toEqual([
      [1000, true],
      [1000, true],
      [502, false],
    ]);
    const keys = pages.flatMap((p) => (p.Contents ?? []).map((o) => o.Key));
    expect(keys.slice(-2)).toEqual(['churn/incoming/\uFF5E.csv', 'churn/incoming/\u{1F600}.csv']);
    expect(new Set(keys).size).toBe(2502);
    expect(pages[0]!.Contents![0]).toMatchObject({ Key: 'churn/incoming/part-00000.csv', Size: 0, ETag: '"e"' });
    // Stamped on the emulator's clock, which runs on from the start.
    expect(pages[0]!.Contents![0]!.LastModified!.getTime()).toBeGreaterThanOrEqual(start.getTime());
  });

  it('starts after any key, and gives the listing adapter ETags without quotes and a key to go on after', async () => {
    // Prepare
    for (let n = 1; n <= 1500; n++) s3.upload(BUCKET, `churn/incoming/p-${String(n).padStart(4, '0')}`, 10, `md5-${n}`);

    // Act
    const after = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'churn/incoming/', StartAfter: 'churn/incoming/p-1498' }),
    );
    const listed = await new ListingAdapter(client).pages(BUCKET, 'churn/incoming/', 1);

    // Assess
    expect(after.Contents?.map((o) => o.Key)).toEqual(['churn/incoming/p-1499', 'churn/incoming/p-1500']);
    expect(listed.objects).toHaveLength(1000);
    expect(listed.objects[0]).toEqual({
      key: 'churn/incoming/p-0001',
      size: 10,
      etag: 'md5-1',
      lastModified: expect.stringMatching(/^2026-11-27T06:00:0\d\.\d{3}Z$/),
    });
    expect(listed.startAfter).toBe('churn/incoming/p-1000');
  });

  it('answers a bad continuation token as S3 does, and still serves reports by GetObject', async () => {
    // Prepare
    s3.put('s3://shepherd-example-artifacts/reports/constraint_violations.json', '{"violations":[]}');

    // Act
    const bad = await client
      .send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: 'not-a-token' }))
      .catch((err: Error) => err);
    const report = await client.send(
      new GetObjectCommand({ Bucket: 'shepherd-example-artifacts', Key: 'reports/constraint_violations.json' }),
    );

    // Assess
    expect(bad).toMatchObject({ name: 'InvalidArgument' });
    expect(await report.Body?.transformToString()).toBe('{"violations":[]}');
  });
});
