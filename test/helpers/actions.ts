// The actions a domain decision asks for, picked out by type for a test's assertions.
import type { Action } from '../../shared/domain/actions';

/** The actions of `type` among `actions`, in their order, typed as that kind of action. */
export const ofType = <T extends Action['type']>(actions: Action[], type: T) =>
  actions.filter((a): a is Extract<Action, { type: T }> => a.type === type);

/** The types of `actions`, records left out and an event named by its detail type: a decision's outline. */
export const types = (actions: Action[]) =>
  actions.filter((a) => a.type !== 'record').map((a) => (a.type === 'publishEvent' ? `event:${a.detailType}` : a.type));
