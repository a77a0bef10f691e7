// A package Shepherd took up before, approved again after the model serving in its place was rejected: the
// rejection's alert (rejected.ts) asked for the package that should serve instead, and an earlier model is the
// natural choice. Shepherd deploys a package once (its names, the canary config's among them, are derived from the
// package and may still exist from its first rollout), so it is not deployed again; the operator is told how to put
// it back rather than left with a silence. Only the approval event's path imports this module.
import { nothing, record } from '../decisions';
import { configName } from '../names';
import { alert } from '../notify';
import { deploymentId } from './requests';
import type { DeploymentDecision } from './decision';
import { approvedSince, lastPromotion, type ApprovedPackage, type DeploymentState } from './state';

/** Undefined unless `pkg` was handled before and approved after the rejection of the package that serves. */
export function approvedBefore(
  state: DeploymentState,
  model: string,
  endpoint: string,
  pkg: ApprovedPackage,
): DeploymentDecision | undefined {
  const rejected = state.rejectedServing;
  if (!rejected || rejected.arn !== lastPromotion(state)?.modelPackageArn || rejected.arn === pkg.arn) return undefined;
  if (!state.recent.includes(pkg.arn) || state.active || state.queued) return undefined;
  if (!approvedSince(pkg.at, rejected.rejectedAt)) return nothing('approval already handled', { arn: pkg.arn });
  // The config its promotion made, while the clean-up keeps it (`deployment.keepPrevious`).
  const kept = configName(endpoint, deploymentId(endpoint, pkg.arn), 'final');
  const back = state.created.configs.includes(kept)
    ? 'update the endpoint to its config, kept for rollback (aws sagemaker update-endpoint ' +
      `--endpoint-name ${endpoint} --endpoint-config-name ${kept}), or `
    : '';
  const headline =
    `${pkg.arn} was approved, but Shepherd took up its approval on ${endpoint} before (deployed, queued or ` +
    `superseded) and deploys a package once: ${rejected.arn} still serves. To serve ${pkg.arn} again, ${back}` +
    'register its model as a new version of the group and approve that: it is deployed as a canary.';
  const facts = { Endpoint: endpoint, Approved: pkg.arn, Serving: rejected.arn };
  return {
    state,
    actions: [
      record(model, pkg.at, `approved-before-${pkg.arn}`, 'ApprovalDeployedBefore', headline),
      { type: 'notify', notification: alert(model, 'warning', 'approved model not deployed again', headline, facts) },
    ],
    metrics: [],
    log: { message: 'approved package handled before: not deployed again', data: { arn: pkg.arn } },
  };
}
