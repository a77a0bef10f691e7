import type { Action } from '../actions';
import type { DeploymentState } from './state';

/**
 * Old configs and models beyond the last `keep` go; nothing the endpoint serves does, nor the config it was last
 * updated from: UpdateEndpoint rolls a failed update back to that config, and fails once it has been deleted
 * (docs/aws-sagemaker.md).
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
