// Amazon S3 as far as Shepherd reads it, path-style, as the SDK addresses a loopback endpoint: GetObject of the
// reports the emulated services write, and ListObjectsV2 of the data prefixes (the scenario's uploads are stored
// too, so a lost Object Created event leaves the object to be listed).
import { createHash } from 'node:crypto';
import { AwsError, type Timeline } from './core';

interface StoredObject {
  body: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/** At most this many keys a page, whatever `max-keys` asks (S3's own limit). */
const MAX_KEYS = 1000;

const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class S3Emulator {
  private readonly objects = new Map<string, StoredObject>();

  constructor(private readonly opts: { timeline: Timeline; clock?: { now(): Date } }) {}

  /** An object written by an emulated service (a Model Monitor report). */
  put(uri: string, body: string): void {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!m) throw new Error(`not an s3://bucket/key URI: ${uri}`);
    const etag = createHash('md5').update(body).digest('hex');
    this.store(m[1]!, m[2]!, { body, size: Buffer.byteLength(body), etag });
  }

  /** An upload of the scenario: its size and ETag as its Object Created event says them, no bytes kept. */
  upload(bucket: string, key: string, size: number, etag: string): void {
    this.store(bucket, key, { body: '', size, etag });
  }

  get(uri: string): string | undefined {
    return this.objects.get(uri.replace(/^s3:\/\//, ''))?.body;
  }

  /** GET /<bucket>/<key>: the object's bytes; GET /<bucket>?list-type=2: a page of keys. */
  handle(url: string): { operation: string; body: string } {
    const [path = '', query = ''] = url.split('?');
    const [bucket = '', ...rest] = decodeURIComponent(path).replace(/^\/+/, '').split('/');
    const params = new URLSearchParams(query);
    if (params.get('list-type') === '2' && rest.join('/') === '') {
      return { operation: 'ListObjectsV2', body: this.listObjectsV2(bucket, params) };
    }
    return { operation: 'GetObject', body: this.getObject(bucket, rest.join('/')) };
  }

  private store(bucket: string, key: string, o: Omit<StoredObject, 'lastModified'>): void {
    this.objects.set(`${bucket}/${key}`, { ...o, lastModified: this.opts.clock?.now() ?? new Date() });
  }

  private getObject(bucket: string, key: string): string {
    const body = this.objects.get(`${bucket}/${key}`)?.body;
    if (body === undefined) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
    this.opts.timeline.log('s3', `GetObject s3://${bucket}/${key}`);
    return body;
  }

  /**
   * Keys in ascending order (UTF-8 bytes, as S3 sorts), after `start-after` or the continuation token, at most
   * `max-keys` (≤ 1,000) a page; a truncated page carries the token of the next one. No delimiter: Shepherd lists flat.
   */
  private listObjectsV2(bucket: string, params: URLSearchParams): string {
    const prefix = params.get('prefix') ?? '';
    const token = params.get('continuation-token');
    const startAfter = params.get('start-after') ?? '';
    const requested = Number(params.get('max-keys') ?? MAX_KEYS);
    if (!Number.isInteger(requested) || requested < 0) {
      throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
    }
    let after = startAfter;
    if (token !== null) {
      try {
        after = Buffer.from(token, 'base64url').toString('utf8');
        if (!after.startsWith('k:')) throw new Error('not a token');
        after = after.slice(2);
      } catch {
        throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400);
      }
    }
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/`))
      .map((k) => k.slice(bucket.length + 1))
      .filter((k) => k.startsWith(prefix) && Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0)
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = keys.slice(0, Math.min(requested, MAX_KEYS));
    const truncated = keys.length > page.length;
    const contents = page.map((key) => {
      const o = this.objects.get(`${bucket}/${key}`)!;
      return (
        `<Contents><Key>${xmlText(key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified>` +
        `<ETag>&quot;${o.etag}&quot;</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`
      );
    });
    const next = truncated ? Buffer.from(`k:${page.at(-1)}`).toString('base64url') : undefined;
    return (
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Name>${xmlText(bucket)}</Name><Prefix>${xmlText(prefix)}</Prefix>` +
      (token !== null ? `<ContinuationToken>${xmlText(token)}</ContinuationToken>` : '') +
      (startAfter ? `<StartAfter>${xmlText(startAfter)}</StartAfter>` : '') +
      `<KeyCount>${page.length}</KeyCount><MaxKeys>${Math.min(requested, MAX_KEYS)}</MaxKeys>` +
      `<IsTruncated>${truncated}</IsTruncated>` +
      (next ? `<NextContinuationToken>${next}</NextContinuationToken>` : '') +
      contents.join('') +
      '</ListBucketResult>'
    );
  }
}
