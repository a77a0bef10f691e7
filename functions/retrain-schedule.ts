// The weekly (or any) retraining schedule of a model line.
import * as LEFTOVER_GRANTS from '../shared/app/leftover-grants';
import { onTrigger } from '../shared/domain/retraining/triggers';
import { scheduledRetrainEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { done, ignored } from '../shared/observability/results';
import { lineNamed } from '../shared/runtime/lines';
import { retraining } from '../shared/runtime/retraining';

export const handler = shepherdHandler('retrainSchedule', scheduledRetrainEvent, async (event) => {
  const line = lineNamed(event.model);
  if (!line) return ignored('schedule names no configured model line', { model: event.model });
  const detail = line.triggers.schedule ?? 'schedule';
  const trigger = { reason: 'schedule' as const, id: event.id, at: event.time, detail };
  const decision = await retraining().apply(
    line.name,
    (s, now) => onTrigger(s, line, trigger, now),
    true,
    LEFTOVER_GRANTS.retrainSchedule,
  );
  return done(line.name, decision);
});
