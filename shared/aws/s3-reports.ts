// Reads the JSON reports Model Monitor's executions leave in S3 (constraint violations).
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

export class ReportsAdapter {
  constructor(private readonly client: S3Client) {}

  /** The object at s3://bucket/key as JSON; undefined when there is none. A report that is not JSON is an error. */
  async json(uri: string): Promise<unknown> {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw new Error(`not an s3://bucket/key URI: ${uri}`);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
      const text = (await out.Body?.transformToString('utf-8')) ?? '';
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error(`the report at ${uri} is not JSON`);
      }
    } catch (err) {
      if (err instanceof NoSuchKey || (err instanceof Error && err.name === 'NoSuchKey')) return undefined;
      throw err;
    }
  }
}
