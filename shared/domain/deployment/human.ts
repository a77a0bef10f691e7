// A human's word on the deployment of an endpoint: promote now, or abort (weight 0, then the baseline's config).
// Said from the CLI or an approval link, either of which may be repeated or arrive after the deployment moved on.
import { nothing, record } from '../decisions';
import { guardedByAbortAlarms } from './abort';
import { promote, rollBack, withActive } from './exits';
import { standing } from './standing';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import type { DeploymentState, VariantScaling } from './state';

export type HumanChoice = 'abort' | 'promote';

/** `act`: the choice changes the deployment; `already`: it is under way; `refused`: it cannot be done, and why. */
export type HumanVerdict = { outcome: 'act' } | { outcome: 'already' | 'refused'; message: string };

// While the endpoint updates to the canary config (or the replacement), weights cannot change yet: the abort is
// remembered and carried out as soon as the update is in service (progress.ts), as an abort alarm's is.
const UPDATING = new Set(['starting', 'replacing']);

const ENDS = { abort: 'rolled_back', promote: 'promoted' } as const;

/**
 * Whether `choice` can be carried out on the endpoint's deployment now. `deploymentId`: the deployment the human
 * decided about (an approval link names one); another one in its place makes the word stale.
 */
export function humanVerdict(state: DeploymentState, choice: HumanChoice, deploymentId?: string): HumanVerdict {
  const active = state.active;
  const last = state.history.at(-1);
  if (deploymentId && active?.id !== deploymentId) {
    // A package deployed again keeps its id (history is oldest first): its latest run is what the word is about.
    const ended = state.history.findLast((h) => h.id === deploymentId);
    if (!ended)
      return { outcome: 'refused', message: `deployment ${deploymentId} is not in progress on ${state.endpoint}` };
    const message = `deployment ${deploymentId} already ended ${ended.outcome} at ${ended.at}`;
    return { outcome: ended.outcome === ENDS[choice] ? 'already' : 'refused', message };
  }
  if (!active) {
    const after = last ? ` (the last one, ${last.modelPackageArn}, ended ${last.outcome} at ${last.at})` : '';
    return {
      outcome: 'refused',
      message: `nothing to ${choice} on ${state.endpoint}: no deployment in progress${after}`,
    };
  }
  const where = standing(active);
  if (active.kind === 'create') {
    return {
      outcome: 'refused',
      message: `cannot ${choice}: ${where}, with no model before it to compare or go back to`,
    };
  }
  if (choice === 'promote') {
    if (active.status === 'promoting') return { outcome: 'already', message: `already promoting: ${where}` };
    if (active.status === 'baking' || active.status === 'held') return { outcome: 'act' };
    if (active.status === 'draining' || active.status === 'rolling_back') {
      return {
        outcome: 'refused',
        message: `cannot promote: ${where}, being rolled back (${active.reason ?? 'no reason'})`,
      };
    }
    return {
      outcome: 'refused',
      message: `cannot promote yet: ${where}; try again once the step is applied and baking`,
    };
  }
  if (active.abortRequested || active.status === 'draining' || active.status === 'rolling_back') {
    const why = active.abortRequested ?? active.reason ?? 'no reason';
    return { outcome: 'already', message: `already rolling back: ${where} (${why})` };
  }
  if (guardedByAbortAlarms(active)) return { outcome: 'act' };
  return { outcome: 'refused', message: `too late to abort: ${where}` };
}

/** A human's word: abort or promote now, recorded with who and why; nothing when it cannot be carried out. */
export function onHumanDecision(
  state: DeploymentState,
  line: DeployedLine,
  choice: HumanChoice,
  who: string,
  why: string,
  now: Date,
  scaling?: VariantScaling | null,
  deploymentId?: string,
  baselineInstances?: number,
): DeploymentDecision {
  const verdict = humanVerdict(state, choice, deploymentId);
  if (verdict.outcome !== 'act') return nothing(verdict.message, { status: state.active?.status });
  const active = state.active!;
  const at = now.toISOString();
  const type = choice === 'abort' ? 'DeploymentAborted' : 'DeploymentPromotedByHuman';
  const id = `human-${active.id}-${choice}-${at}`;
  const note = record(line.name, at, id, type, `${who} chose to ${choice}: ${why}`, { who, why });
  if (choice === 'promote') return promote(state, line, now, [note], scaling, baselineInstances);
  const reason = `aborted by ${who}: ${why}`;
  if (!UPDATING.has(active.status)) return rollBack(state, line, reason, now, [note]);
  return {
    state: withActive(state, { ...active, abortRequested: reason }),
    actions: [note],
    metrics: [],
    log: { message: 'abort while the candidate starts: rolled back once in service', data: { who } },
  };
}
