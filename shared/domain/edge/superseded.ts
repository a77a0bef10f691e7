// Edge devices get the newest approved model: an approval older than one the edge already builds (its event delivered
// late, or two approvals racing) is not built, as the deployment does not deploy it (deployment/approvals.ts), so its
// artifacts are never announced after the newer package's.
import type { ModelLine } from '../../config/schema';
import { packageVersion } from '../approval/lost';
import { newerFirst } from '../approval/newest';
import { nothing, record } from '../decisions';
import type { ApprovedPackage } from '../deployment/state';
import { remember } from '../recent';
import { onApprovedForEdge, type Build, type EdgeDecision, type EdgeState } from './builds';
import { onNoArtifact } from './no-artifact';
import { modelArtifact } from './requests';
import { onApprovedAgain } from './withdrawn';

/** Approved after `pkg`: by ../approval/newest.ts, as the deployment orders approvals. */
function approvedAfter(build: Build, pkg: ApprovedPackage): boolean {
  if (!build.approvedAt || build.modelPackageArn === pkg.arn) return false;
  const version = packageVersion(build.modelPackageArn) ?? { group: '', version: 0 };
  return newerFirst({ arn: build.modelPackageArn, ...version, at: build.approvedAt }, pkg) < 0;
}

/**
 * The newest approval the edge builds (or built) that is newer than `pkg`. A withdrawn build's package was rejected:
 * it supersedes nothing. A failed build's package is still the newest approved one.
 */
const newerBuilt = (state: EdgeState, pkg: ApprovedPackage): Build | undefined =>
  state.builds.filter((build) => build.status !== 'WITHDRAWN' && approvedAfter(build, pkg)).at(-1);

/**
 * An approved package on an edge line: not built without a model artifact (./no-artifact.ts), nor when a newer
 * approval is (said once on the timeline, the package remembered in `recent`), built anew after a rejection withdrew
 * its builds, else built for each target.
 */
export function edgeApproval(state: EdgeState, line: ModelLine, pkg: ApprovedPackage, now: Date): EdgeDecision {
  if (!modelArtifact(pkg)) return onNoArtifact(state, line, pkg, now);
  const newer = newerBuilt(state, pkg);
  if (!newer) return onApprovedAgain(state, line, pkg, now) ?? onApprovedForEdge(state, line, pkg, now);
  if (state.recent.includes(pkg.arn)) return nothing('edge builds superseded already', { arn: pkg.arn });
  const message = `${pkg.arn} is not built for the edge: ${newer.modelPackageArn} was approved after it`;
  return {
    state: { ...state, recent: remember(state.recent, pkg.arn) },
    actions: [record(line.name, now.toISOString(), `edge-superseded-${pkg.arn}`, 'EdgeBuildsSuperseded', message)],
    metrics: [],
    log: { message: 'edge builds superseded', data: { arn: pkg.arn, newer: newer.modelPackageArn } },
  };
}
