// S3 Object Created → count the object once in its model line's window; a due window starts a retraining.
import { onDataArrived } from '../shared/domain/retraining/triggers';
import { objectCreatedEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { dataTriggerOf } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('dataArrived', objectCreatedEvent, async (event) => {
  const { bucket, object } = event.detail;
  const match = dataTriggerOf(bucket.name, object.key);
  if (!match) {
    return ignored('object outside every configured bucket and prefix', { bucket: bucket.name, key: object.key });
  }
  const { line, trigger } = match;
  const arrived = {
    bucket: bucket.name,
    key: object.key,
    size: object.size,
    ...(object.etag ? { etag: object.etag } : {}),
    ...(object.sequencer ? { sequencer: object.sequencer } : {}),
  };
  const decision = await retraining().apply(line.name, (s, now) => onDataArrived(s, line, trigger, arrived, now));
  return done(line.name, decision);
});
