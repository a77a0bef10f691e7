// S3 Object Created → count the object once in its model line's window; a due window starts a retraining.
import { onDataArrived } from '../shared/domain/retraining/triggers';
import { findDataTrigger } from '../shared/domain/retraining/window';
import { objectCreatedEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { config, ignored, retraining } from '../shared/runtime';

export const handler = shepherdHandler('dataArrived', objectCreatedEvent, async (event) => {
  const { bucket, object } = event.detail;
  const match = config.models.map((line) => ({ line, trigger: findDataTrigger(line, bucket.name, object.key) })).find((m) => m.trigger);
  if (!match?.trigger) return ignored('object outside every configured bucket and prefix', { bucket: bucket.name, key: object.key });
  const arrived = { bucket: bucket.name, key: object.key, size: object.size, ...(object.etag ? { etag: object.etag } : {}), ...(object.sequencer ? { sequencer: object.sequencer } : {}) };
  const decision = await retraining.apply(match.line.name, (state, now) => onDataArrived(state, match.line, match.trigger!, arrived, now));
  return { status: 'done' as const, model: match.line.name, outcome: decision.log.message };
});
