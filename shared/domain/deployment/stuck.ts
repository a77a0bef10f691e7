// A deployment that stays far longer than its settings say it can: an endpoint operation pending well past
// SageMaker's usual minutes, a bake past its extensions, or the whole rollout past its steps × bakes. Each is said
// once (per status, and once per deployment), with what it waits for; nothing else changes.
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import { weightStanding } from './standing';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { Deployment, DeploymentState } from './state';

const MINUTE_MS = 60_000;
/** SageMaker creates or updates an endpoint in minutes (about 8 to 15); an hour is far past that. */
export const OPERATION_LIMIT_MS = 60 * MINUTE_MS;
/** The usual time of one endpoint operation, counted in a whole rollout's budget. */
const OPERATION_USUAL_MS = 10 * MINUTE_MS;
/** Late metrics, a tick's delay: what a bake or a rollout may take beyond its settings before it is said. */
export const MARGIN_MS = 30 * MINUTE_MS;

/** The status the reconciler watches, since when (first seen, or the bake's start) and what was said of it. */
export interface StatusWatch {
  deployment: string;
  status: string;
  step: number;
  since: string;
  /** This status was said to last too long. */
  said?: boolean;
  /** The whole deployment was said to last too long. */
  overdue?: boolean;
}

/** The reconciler's own memory in the deployment item; every decision keeps it (they all spread the state). */
export type WatchedState = DeploymentState & { watch?: StatusWatch };

const WAITS_FOR: Record<string, (active: Deployment) => string> = {
  creating: (a) => `CreateEndpoint: the endpoint in service on ${a.expectConfig}`,
  starting: (a) => `UpdateEndpoint: the canary config ${a.expectConfig} in service`,
  replacing: (a) => `UpdateEndpoint: ${a.expectConfig} in service in place of the baseline`,
  shifting: (a) => `UpdateEndpointWeightsAndCapacities: ${a.candidate.variant} at ${a.weight} %`,
  promoting: (a) => `UpdateEndpoint: ${a.candidate.variant} alone on ${a.expectConfig}`,
  draining: (a) => `UpdateEndpointWeightsAndCapacities: ${a.candidate.variant} at 0 %`,
  rolling_back: (a) => `UpdateEndpoint: the baseline's config ${a.expectConfig} back in service`,
  baking: (a) => `a verdict on the bake at ${a.weight} %: per-variant metrics in CloudWatch (due ${a.nextActionAt})`,
};

/** How long the deployment may stay in its status; undefined while a human decides (it was said when held). */
function statusLimit(active: Deployment, line: DeployedLine): number | undefined {
  if (active.status === 'held') return undefined;
  const { bakeMinutes, maxBakeExtensions } = line.deployment;
  if (active.status === 'baking') return bakeMinutes * MINUTE_MS * (1 + maxBakeExtensions) + MARGIN_MS;
  return OPERATION_LIMIT_MS;
}

/** The whole rollout: every judged step's bake and extensions, an endpoint operation per step and two more. */
export function rolloutLimit(active: Deployment, line: DeployedLine): number {
  const { bakeMinutes, maxBakeExtensions, canarySteps } = line.deployment;
  // A replacement is judged over one bake.
  const bakes = active.kind === 'create' ? 0 : active.kind === 'canary' ? canarySteps.filter((w) => w < 100).length : 1;
  const step = bakeMinutes * MINUTE_MS * (1 + maxBakeExtensions) + OPERATION_USUAL_MS;
  return bakes * step + 2 * OPERATION_USUAL_MS + MARGIN_MS;
}

/**
 * The reconciler's look at the active deployment. `pending`: Shepherd's own requests still in the outbox (throttled,
 * or the endpoint busy), which are part of what it waits for. Writes only when a status is first seen (to know since
 * when) or something is said.
 */
export function watchDeployment(
  state: WatchedState,
  line: DeployedLine,
  pending: Action['type'][],
  now: Date,
): DeploymentDecision {
  const active = state.active;
  if (!active) return nothing('no deployment to watch');
  const prior = state.watch?.deployment === active.id ? state.watch : undefined;
  const same = prior?.status === active.status && prior.step === active.step;
  const since = active.status === 'baking' ? active.bakeStartedAt! : same ? prior.since : undefined;
  const at = now.toISOString();
  const base = { deployment: active.id, status: active.status, step: active.step, since: since ?? at };
  const watch = { ...base, said: same && prior.said === true, overdue: prior?.overdue === true };
  if (!since && active.status !== 'held') {
    const first: WatchedState = { ...state, watch };
    return { ...nothing('status first seen', { status: active.status }), state: first };
  }
  const limit = statusLimit(active, line);
  const long = !!since && limit !== undefined && !watch.said && now.getTime() - Date.parse(since) > limit;
  // A canary that was held waited for a human: how long it took says nothing.
  const budget = active.reason === 'inconclusive' ? undefined : rolloutLimit(active, line);
  const late = !!budget && !watch.overdue && now.getTime() - Date.parse(active.startedAt) > budget;
  if (!long && !late) return nothing('deployment on time', { status: active.status });
  const next = { ...watch, said: watch.said || long, overdue: watch.overdue || late };
  return said(state, line, active, next, pending, now);
}

function said(
  state: WatchedState,
  line: DeployedLine,
  active: Deployment,
  watch: StatusWatch,
  pending: Action['type'][],
  now: Date,
): DeploymentDecision {
  const endpoint = line.deployment.endpointName;
  const minutes = (from: string) => Math.round((now.getTime() - Date.parse(from)) / MINUTE_MS);
  const waitsFor = (WAITS_FOR[active.status] ?? (() => `the endpoint to settle (${active.status})`))(active);
  const queued = pending.length ? `; Shepherd's own requests not yet accepted: ${pending.join(', ')}` : '';
  const text =
    `${active.package.arn} on ${endpoint} has been ${active.status} for ${minutes(watch.since)} min ` +
    `(${minutes(active.startedAt)} min since it started): waits for ${waitsFor}${queued}`;
  const next: WatchedState = { ...state, watch };
  const id = `stuck-${active.id}-${active.status}-${active.step}`;
  return {
    state: next,
    actions: [
      record(line.name, now.toISOString(), id, 'DeploymentStuck', text, { status: active.status, waitsFor, pending }),
      {
        type: 'notify',
        notification: alert(line.name, 'warning', `deployment on ${endpoint} stuck in ${active.status}`, text, {
          'Waits for': `${waitsFor}${queued}`,
          Since: watch.since,
          Started: active.startedAt,
          // The weight in state is asked for until seen in service: said as standing.ts says it everywhere.
          Weight: weightStanding(active),
        }),
      },
    ],
    metrics: [],
    log: { message: 'deployment stuck', data: { status: active.status, waitsFor, pending } },
  };
}
