// The weekly (or any) retraining schedule of a model line.
import { onTrigger } from '../shared/domain/retraining/triggers';
import { scheduledRetrainEvent } from '../shared/events/aws';
import { shepherdHandler } from '../shared/observability/handler';
import { ignored, modelLine, retraining } from '../shared/runtime';

export const handler = shepherdHandler('retrainSchedule', scheduledRetrainEvent, async (event) => {
  const line = modelLine(event.model);
  if (!line) return ignored('schedule names no configured model line', { model: event.model });
  const trigger = { reason: 'schedule' as const, id: event.id, at: event.time, detail: line.triggers.schedule ?? 'schedule' };
  const decision = await retraining.apply(line.name, (s, now) => onTrigger(s, line, trigger, now));
  return { status: 'done' as const, model: line.name, outcome: decision.log.message };
});
