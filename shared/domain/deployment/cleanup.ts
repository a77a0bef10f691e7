import type { Action } from '../actions';
import type { DeploymentState } from './state';

type Created = DeploymentState['created'];

const deletions = (configs: string[], models: string[]): Action[] => [
  ...configs.map((name): Action => ({ type: 'deleteEndpointConfig', name })),
  ...models.map((name): Action => ({ type: 'deleteModel', name })),
];

// Of each kind, per promotion. Failed deployments leave what they made to the next promotion (the endpoint may serve
// from it): after a long run of them, deleting it all at once would ask for more requests than one decision's outbox
// holds (its entries are numbered in three digits) and one invocation should make. The oldest go first.
const MOST_DELETED = 25;

/**
 * Old configs and models beyond the last `keep` go, the oldest `MOST_DELETED` of each at a time; nothing the endpoint
 * serves does, nor the config it was last updated from: UpdateEndpoint rolls a failed update back to that config,
 * and fails once it has been deleted (docs/aws-sagemaker.md).
 */
export function cleanup(created: Created, keep: number, inUse: string[]): { created: Created; actions: Action[] } {
  const old = <T extends string>(items: T[]) =>
    items
      .slice(0, Math.max(0, items.length - keep))
      .filter((item) => !inUse.includes(item))
      .slice(0, MOST_DELETED);
  const configs = old(created.configs);
  const models = old(created.models);
  return {
    created: {
      configs: created.configs.filter((config) => !configs.includes(config)),
      models: created.models.filter((model) => !models.includes(model)),
    },
    actions: deletions(configs, models),
  };
}

/**
 * What a rolled-back candidate was served from goes once the baseline's config serves again: it will not serve, and
 * a failed update rolls back to the config the endpoint runs now, the baseline's. Kept until the next promotion, a
 * long run of rollbacks would grow the item, and that promotion's clean-up, without bound. Nothing in `inUse` (what
 * the baseline serves) goes.
 */
export function discard(created: Created, made: string[], inUse: string[]): { created: Created; actions: Action[] } {
  const gone = (name: string) => made.includes(name) && !inUse.includes(name);
  return {
    created: {
      configs: created.configs.filter((name) => !gone(name)),
      models: created.models.filter((name) => !gone(name)),
    },
    actions: deletions(created.configs.filter(gone), created.models.filter(gone)),
  };
}
