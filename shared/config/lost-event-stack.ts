// The least privilege of reading back what a lost event would have said: the drift alarms' states, and the data
// sources' listings.
import { driftAlarmsOf } from '../domain/monitoring/alarm-name';
import type { Config } from './schema';
import { alarmsRead, type Json, statement, sub } from './stack-parts';

/** The reconciler reads the drift alarms' states back for a lost change. */
export const driftReadBackStatements = (c: Config): Json[] =>
  alarmsRead([...new Set(c.models.flatMap(driftAlarmsOf))], c.compositeAlarms);

/**
 * countLostUploads lists each data source (ListObjectsV2 is s3:ListBucket on the bucket; `s3:prefix` holds it to
 * the configured prefixes, exactly as the listing asks for them).
 */
export function listingStatements(c: Config): Json[] {
  const prefixes = new Map<string, Set<string>>();
  for (const t of c.models.flatMap((m) => m.triggers.data)) {
    prefixes.set(t.bucket, (prefixes.get(t.bucket) ?? new Set()).add(t.prefix));
  }
  return [...prefixes].map(([bucket, bucketPrefixes]) =>
    statement(['s3:ListBucket'], [sub(`arn:\${AWS::Partition}:s3:::${bucket}`)], {
      Condition: { StringEquals: { 's3:prefix': [...bucketPrefixes] } },
    }),
  );
}
