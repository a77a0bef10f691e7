// Something an event names was deleted before the event was handled (a model package, an endpoint, a training job):
// there is nothing to act on, and a retry cannot bring it back. Said once on the line's timeline, not thrown.
import type { Action } from './actions';
import { record } from './decisions';

/** The event that named it: its id and time make one timeline entry however often the event is delivered. */
export interface EventSeen {
  id: string;
  time: string;
}

/** What a service answers instead of an outcome when the resource an event names no longer exists. */
export interface Gone {
  gone: string;
}

export const isGone = (outcome: unknown): outcome is Gone =>
  typeof outcome === 'object' && outcome !== null && typeof (outcome as Gone).gone === 'string';

/** The timeline entry (`ResourceGone`) and the answer, with the same reason. */
export function resourceGone(model: string, event: EventSeen, reason: string): { entry: Action; gone: Gone } {
  return { entry: record(model, event.time, `gone-${event.id}`, 'ResourceGone', reason), gone: { gone: reason } };
}
