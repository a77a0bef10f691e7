import type { Action } from '../actions';
import type { DeploymentState } from './state';

/**
 * Old configs and models beyond the last `keep` go; the ones the endpoint serves never do, nor the config the
 * endpoint was last updated from: deleting it would make the endpoint's next update fail (docs/aws-sagemaker.md).
 */
export function cleanup(
  created: DeploymentState['created'],
  keep: number,
  inUse: string[],
): { created: DeploymentState['created']; actions: Action[] } {
  const old = <T extends string>(items: T[]) =>
    items.slice(0, Math.max(0, items.length - keep)).filter((item) => !inUse.includes(item));
  const configs = old(created.configs);
  const models = old(created.models);
  return {
    created: {
      configs: created.configs.filter((config) => !configs.includes(config)),
      models: created.models.filter((model) => !models.includes(model)),
    },
    actions: [
      ...configs.map((name): Action => ({ type: 'deleteEndpointConfig', name })),
      ...models.map((name): Action => ({ type: 'deleteModel', name })),
    ],
  };
}
