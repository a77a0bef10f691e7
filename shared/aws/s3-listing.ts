// Lists a data trigger's prefix (ListObjectsV2), for the uploads whose Object Created events were lost. Apart from
// ./s3-reports.ts, so a function that lists carries no GetObject.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ListedObject } from '../domain/retraining/lost';
import { isoTime } from './iso-time';

export interface ListedPages {
  objects: ListedObject[];
  /** The last key listed when more remain past the pages asked for: the next listing starts after it. */
  startAfter?: string;
}

export class ListingAdapter {
  constructor(private readonly client: S3Client) {}

  /**
   * Up to `maxPages` pages (1,000 keys each at most, in ascending key order) of `prefix`, after the key `startAfter`
   * when given. S3 quotes an ETag in a listing; the event does not: the quotes are taken off.
   */
  async pages(bucket: string, prefix: string, maxPages: number, startAfter?: string): Promise<ListedPages> {
    const objects: ListedObject[] = [];
    let ContinuationToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ...(ContinuationToken ? { ContinuationToken } : startAfter ? { StartAfter: startAfter } : {}),
        }),
      );
      for (const o of out.Contents ?? []) {
        if (o.Key === undefined || !o.LastModified) continue;
        const etag = o.ETag?.replace(/^"|"$/g, '');
        objects.push({
          key: o.Key,
          size: o.Size ?? 0,
          ...(etag ? { etag } : {}),
          lastModified: isoTime(o.LastModified),
        });
      }
      if (!out.IsTruncated || !out.NextContinuationToken) return { objects };
      ContinuationToken = out.NextContinuationToken;
    }
    const last = objects.at(-1)?.key;
    return last === undefined ? { objects } : { objects, startAfter: last };
  }
}
