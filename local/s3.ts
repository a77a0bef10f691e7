// Amazon S3 as far as Shepherd reads it: GetObject (path-style, as the SDK addresses a loopback endpoint) of the
// reports the emulated services write. Objects are written by the emulators, not by Shepherd.
import { AwsError, type Timeline } from './core';

export class S3Emulator {
  private readonly objects = new Map<string, string>();

  constructor(private readonly opts: { timeline: Timeline }) {}

  /** An object written by an emulated service (a Model Monitor report). */
  put(uri: string, body: string): void {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!m) throw new Error(`not an s3://bucket/key URI: ${uri}`);
    this.objects.set(`${m[1]}/${m[2]}`, body);
  }

  get(uri: string): string | undefined {
    return this.objects.get(uri.replace(/^s3:\/\//, ''));
  }

  /** GET /<bucket>/<key>: the object's bytes, or NoSuchKey / NoSuchBucket as S3 answers them. */
  getObject(path: string): string {
    const [bucket = '', ...rest] = decodeURIComponent(path.split('?')[0] ?? '')
      .replace(/^\/+/, '')
      .split('/');
    const key = rest.join('/');
    const body = this.objects.get(`${bucket}/${key}`);
    if (body === undefined) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
    this.opts.timeline.log('s3', `GetObject s3://${bucket}/${key}`);
    return body;
  }
}
