import type { Action } from '../actions';
import { configName } from '../names';
import type { DeploymentState, Outcome, VariantSpec } from './state';

type Created = DeploymentState['created'];

const deletions = (configs: string[], models: string[]): Action[] => [
  ...configs.map((name): Action => ({ type: 'deleteEndpointConfig', name })),
  ...models.map((name): Action => ({ type: 'deleteModel', name })),
];

// Of each kind, per promotion. An item written before failures cleaned up after each other (afterFailures) may hold
// hundreds of their leftovers: deleting them all at once would ask for more requests than one decision's outbox
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

/**
 * A failed deployment leaves what it made: the endpoint may serve from it. The next deployment to end, whatever its
 * outcome, deletes what of that does not serve then, neither its own nor its baseline (what the endpoint served when
 * it started, and only its own requests changed since). So a run of failures leaves one failure's models and configs
 * (and the baseline's), not all of theirs, and pushes out none of what promotions keep. `own`: the ending
 * deployment's names; `before`: its baseline's; `failed`: whether it ended failed, leaving its own in turn.
 */
export function afterFailures(
  created: Created,
  own: string[],
  before: string[],
  failed: boolean,
): { created: Created; actions: Action[] } {
  const inUse = [...own, ...before];
  const left = created.leftByFailure ?? [];
  const { created: rest, actions } = discard(created, left, inUse);
  const listed = new Set([...rest.configs, ...rest.models]);
  const leaving = failed ? [...new Set([...left, ...own])].filter((name) => listed.has(name)) : [];
  return { created: { ...rest, ...(leaving.length > 0 ? { leftByFailure: leaving } : {}) }, actions };
}

/** What goes once the deployment ended. A failure leaves all it made: the endpoint may still serve from it. */
export function tidied(
  state: DeploymentState,
  keep: number,
  outcome: Outcome,
  serving?: VariantSpec & { config: string },
) {
  const active = state.active!;
  const made = [active.config, active.candidate.model];
  const own = [
    ...made,
    ...(['canary', 'final'] as const).map((purpose) => configName(state.endpoint, active.id, purpose)),
  ];
  const before = active.baseline ? [active.baseline.config, active.baseline.model] : [];
  const earlier = afterFailures(state.created, own, before, outcome === 'failed');
  const tidy =
    outcome === 'promoted'
      ? cleanup(earlier.created, keep, made)
      : outcome === 'rolled_back' && serving
        ? discard(earlier.created, made, [serving.config, serving.model])
        : { created: earlier.created, actions: [] };
  return { created: tidy.created, actions: [...earlier.actions, ...tidy.actions] };
}
