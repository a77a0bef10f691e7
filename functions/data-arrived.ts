// S3 Object Created → count the object once in its model line's data window.
import { isFolderMarker, notData } from '../shared/domain/retraining/window';
import { objectCreatedEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { countObject } from '../shared/runtime/arrivals';
import { dataTriggerOf } from '../shared/runtime/lines';

export const handler = shepherdHandler('dataArrived', objectCreatedEvent, async (event) => {
  const { bucket, object } = event.detail;
  if (isFolderMarker(object.key)) return ignored('a folder marker, not data', { bucket: bucket.name, key: object.key });
  const match = dataTriggerOf(bucket.name, object.key);
  if (!match) {
    return ignored('object outside every configured bucket and prefix', { bucket: bucket.name, key: object.key });
  }
  const { line, trigger } = match;
  const why = notData(object.key, object.size, trigger.prefix);
  if (why) return ignored(why, { bucket: bucket.name, key: object.key, size: object.size });
  const arrived = {
    bucket: bucket.name,
    key: object.key,
    size: object.size,
    ...(object.etag ? { etag: object.etag } : {}),
    ...(object.sequencer ? { sequencer: object.sequencer } : {}),
  };
  // Released by the reconciler once its window is due (quiet, or waited long enough): never here, so a burst of
  // uploads costs one write each.
  return done(line.name, await countObject(line, trigger, arrived, event.time));
});
