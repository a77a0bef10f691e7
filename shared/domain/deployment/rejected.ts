// A package rejected in the registry while Shepherd deploys or serves it: a person's word that it must not serve. Only
// the rejection path imports this module (watchDeployments' bundle is at its budget).
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import { guardedByAbortAlarms } from './abort';
import { onRejected } from './approvals';
import { rollBack, withActive } from './exits';
import { standing } from './standing';
import type { DeployedLine } from './line';
import type { DeploymentDecision } from './decision';
import { approvedSince, lastPromotion, type DeploymentState } from './state';

/** While the endpoint updates, weights cannot change: the rollback waits for the update (progress.ts). */
const UPDATING = new Set(['starting', 'replacing']);

/**
 * `arn` was Rejected at `rejectedAt` (the event's time), `why` its ApprovalDescription. Queued: it leaves the queue
 * (approvals.ts). The candidate of a canary or replacement still guarded by the abort alarms: it fails as on an abort
 * alarm, rolled back to the baseline, and the operator is alerted once, when the rollback ends. Being promoted, or
 * promoted and serving: nothing is undone (no baseline is left to go back to), the operator is told once. A first
 * model is left to finish, as an abort alarm leaves it (the timeline says it was rejected). A rejection from before
 * the package's approval is late and changes nothing.
 */
export function onPackageRejected(
  state: DeploymentState,
  line: DeployedLine,
  arn: string,
  now: Date,
  rejectedAt?: string,
  why?: string,
): DeploymentDecision {
  if (state.queued?.arn === arn) return onRejected(state, line.name, arn, now, rejectedAt);
  const active = state.active?.package.arn === arn ? state.active : undefined;
  const last = lastPromotion(state);
  const serving = !active && last?.modelPackageArn === arn;
  if (!active && !serving) return nothing('rejected package is neither deployed nor queued', { arn });
  // As for an abort alarm: a first model has no model before it to compare or go back to.
  if (active?.kind === 'create') return nothing('rejected first model: nothing to go back to', { arn });
  if (approvedSince(active ? active.package.at : last?.approvedAt, rejectedAt)) {
    return nothing('rejection older than the approval of the package deployed', { arn, rejectedAt });
  }
  const said = state.rejectedServing;
  if (said?.arn === arn && said.rejectedAt === rejectedAt) return nothing('rejection already announced', { arn });
  const at = now.toISOString();
  const endpoint = line.deployment.endpointName;
  const what = active?.kind === 'replace' ? 'replacement' : 'canary';
  const reason = `${arn} was rejected in the registry during its ${what}`;
  if (active && guardedByAbortAlarms(active)) {
    if (active.abortRequested) return nothing('rejected candidate: rollback already asked for', { arn });
    // The rollback's reason carries the rejected package and the rejecter's words into the one alert the operator
    // gets, when the rollback ends (finish.ts), as after an abort alarm: an alert now would only say it began.
    const because = why ? `${reason}: ${why}` : reason;
    const seen = standing(active);
    const note = record(line.name, at, `rejected-candidate-${active.id}`, 'CandidateRejected', `${because} (${seen})`);
    // Counted once, when the rollback is decided: a duplicate delivery finds it asked for or under way.
    if (!UPDATING.has(active.status)) {
      return { ...rollBack(state, line, because, now, [note]), metrics: ['RejectionsActedOn'] };
    }
    return {
      state: withActive(state, { ...active, abortRequested: because }),
      actions: [note],
      metrics: ['RejectionsActedOn'],
      log: { message: 'rejected while the candidate starts: rolled back once in service', data: { arn } },
    };
  }
  if (active && (active.status === 'draining' || active.status === 'rolling_back')) {
    return nothing('rejected candidate is already rolled back', { arn, status: active.status });
  }
  // Promoting or promoted: its baseline is gone, so undoing it would leave the endpoint nothing to serve.
  const where = active ? standing(active) : `it serves ${endpoint} since its promotion at ${last?.at}`;
  const facts = { Endpoint: endpoint, Rejected: arn, 'Rejection reason': why };
  const headline =
    `${arn} was rejected in the registry, but ${where}. Shepherd does not take it off the endpoint: no model is left ` +
    'to go back to. To replace it, approve the package that should serve instead: it is deployed as a canary, ' +
    'unless Shepherd took up its approval before (an earlier model: register it again as a new version).';
  return {
    state: { ...state, rejectedServing: { arn, ...(rejectedAt ? { rejectedAt } : {}) } },
    actions: [
      record(line.name, at, `rejected-serving-${arn}-${rejectedAt ?? at}`, 'RejectedModelServes', headline),
      { type: 'notify', notification: alert(line.name, 'warning', 'rejected model serves', headline, facts) },
    ],
    // A rejection Shepherd cannot act on, counted with its one alert: a model a person rejected still serves.
    metrics: ['RejectedModelsServing'],
    log: { message: 'rejected package serves the endpoint: operator told', data: { arn, status: active?.status } },
  };
}
