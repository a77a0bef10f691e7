// An approval arrives: deploy it now, queue it behind the deployment in progress, or supersede it (or the one
// queued) when a newer model was approved. Approvals race; the latest wins.
import type { Action } from '../actions';
import { nothing, record } from '../decisions';
import { packageVersion } from '../approval/lost';
import { type Approval, newerFirst } from '../approval/newest';
import { alert } from '../notify';
import { remember } from '../recent';
import type { AlarmState } from './judge-types';
import type { DeployedLine, EndpointSnapshot } from './line';
import { startDeployment } from './start';
import type { DeploymentDecision } from './decision';
import { approvedSince, type ApprovedPackage, type DeploymentState } from './state';

/** The approval of the package last promoted, once promotions keep when it was approved. */
function promotedApproval(state: DeploymentState): Approval | undefined {
  const last = state.lastPromoted;
  const version = last?.approvedAt ? packageVersion(last.modelPackageArn) : undefined;
  return last?.approvedAt && version ? { arn: last.modelPackageArn, ...version, at: last.approvedAt } : undefined;
}

const superseded = (model: string, at: string, arn: string, newer: string): Action =>
  record(
    model,
    at,
    `superseded-${arn}`,
    'ApprovalSuperseded',
    `${arn} will not be deployed: ${newer} was approved after it`,
  );

/**
 * A package registered without an InferenceSpecification (it is optional) has no container to deploy: said once, and
 * remembered like any approval handled, so neither a repeat of its event nor the watcher takes it up again.
 */
function nothingToDeploy(state: DeploymentState, model: string, pkg: ApprovedPackage, at: string): DeploymentDecision {
  const headline = `${pkg.arn} was approved, but it has no inference containers: there is nothing to deploy.`;
  const facts = { 'Model package': pkg.arn, Serving: 'unchanged' };
  return {
    state: { ...state, recent: remember(state.recent, pkg.arn) },
    actions: [
      record(model, at, `not-deployable-${pkg.arn}`, 'ApprovalNotDeployable', `${pkg.arn} has no inference containers`),
      { type: 'notify', notification: alert(model, 'warning', 'approved model cannot be deployed', headline, facts) },
    ],
    metrics: [],
    log: { message: 'approved package has nothing to deploy', data: { arn: pkg.arn } },
  };
}

/**
 * An approved package of the line's group: deploy it now, or queue it behind the deployment in progress.
 * `alarms`: the line's abort alarms as read now (a canary does not start while one is in ALARM).
 */
export function onApproved(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
  alarms: AlarmState[] = [],
): DeploymentDecision {
  if (state.recent.includes(pkg.arn) || state.active?.package.arn === pkg.arn) {
    return nothing('approval already handled', { arn: pkg.arn });
  }
  const at = now.toISOString();
  if (pkg.containers.length === 0) return nothingToDeploy(state, line.name, pkg, at);
  // Approvals race (two within a second arrive in any order), and an event may come an hour late (its rule's
  // retries): an approval older than the one deploying, queued or last promoted is superseded on arrival, so an
  // older model never follows a newer one onto the endpoint.
  const newest = [state.active?.package, state.queued, promotedApproval(state)]
    .filter((p): p is Approval => !!p)
    .sort(newerFirst)[0];
  if (newest && newerFirst(pkg, newest) > 0) {
    const headline = `${pkg.arn} was approved, but ${newest.arn} was approved after it and is deployed instead.`;
    const facts = { Superseded: pkg.arn, Deployed: newest.arn };
    return {
      state: { ...state, recent: remember(state.recent, pkg.arn) },
      actions: [
        superseded(line.name, at, pkg.arn, newest.arn),
        { type: 'notify', notification: alert(line.name, 'info', 'approval superseded', headline, facts) },
      ],
      metrics: [],
      log: { message: 'approval superseded on arrival', data: { arn: pkg.arn, newest: newest.arn } },
    };
  }
  // An approval already queued (e.g. held back by abort alarms) is superseded here, not left to start after this.
  const busy = state.active || state.queued || (endpoint.exists && endpoint.status !== 'InService');
  const recent = remember(state.recent, pkg.arn);
  if (!busy) return startDeployment({ ...state, recent }, line, pkg, endpoint, now, alarms);
  const queued = state.queued;
  const why = state.active
    ? `deployment ${state.active.id} is in progress`
    : queued
      ? 'an approval already waits to start'
      : `endpoint is ${endpoint.status}`;
  const actions: Action[] = [record(line.name, at, `queued-${pkg.arn}`, 'ApprovalQueued', `${pkg.arn} waits: ${why}`)];
  if (queued) {
    const headline = `${queued.arn} was approved but a newer model was approved before it could be deployed.`;
    const facts = { Superseded: queued.arn, 'Deployed next': pkg.arn };
    actions.push(superseded(line.name, at, queued.arn, pkg.arn), {
      type: 'notify',
      notification: alert(line.name, 'info', 'approval superseded', headline, facts),
    });
  }
  return {
    state: { ...state, queued: pkg, recent },
    actions,
    metrics: ['ApprovalsQueued'],
    log: { message: 'approval queued', data: { arn: pkg.arn, superseded: queued?.arn } },
  };
}

/** A package Rejected (by a human, or by Shepherd after a rollback): the line's timeline says so, once per package. */
export const rejectionRecorded = (model: string, arn: string, why: string | undefined, at: string): Action =>
  record(model, at, `rejected-${arn}`, 'ModelRejected', `${arn} rejected${why ? `: ${why}` : ''}`);

/**
 * A package Rejected while its approval waits in the queue (a human changed their mind): it leaves the queue, so it
 * is not deployed once the deployment before it ends. Anything else is left as it is, and so is an approval of the
 * package from after the rejection (`rejectedAt`), whose event came late.
 */
export function onRejected(
  state: DeploymentState,
  model: string,
  arn: string,
  now: Date,
  rejectedAt?: string,
): DeploymentDecision {
  if (state.queued?.arn !== arn) return nothing('rejected package is not queued', { arn });
  if (approvedSince(state.queued.at, rejectedAt)) {
    return nothing('rejection older than the queued approval of the package: it stays queued', { arn, rejectedAt });
  }
  const forAlarms = state.waitingForAlarms?.arn === arn ? undefined : state.waitingForAlarms;
  const forOneVariant = state.waitingForOneVariant?.arn === arn ? undefined : state.waitingForOneVariant;
  const why = `${arn} will not be deployed: it was rejected while its approval waited in the queue`;
  return {
    state: { ...state, queued: undefined, waitingForAlarms: forAlarms, waitingForOneVariant: forOneVariant },
    actions: [record(model, now.toISOString(), `withdrawn-${arn}`, 'ApprovalWithdrawn', why)],
    metrics: [],
    log: { message: 'rejected package taken out of the queue', data: { arn } },
  };
}
