// An Approved event that never arrived (EventBridge lost it, or Shepherd was down past its retries): the reconcilers
// ask the registry for the group's newest approved package and handle it as its event would have been, when Shepherd
// never handled it nor a later version, and it was approved between 15 minutes and a day ago (domain/approval/lost).
import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import { approvalToCatchUp, unhandled } from '../domain/approval/lost';
import { isNotApproved, type ApprovedPackage } from '../domain/deployment/state';

/**
 * The group's newest approved package when its approval was lost: one ListModelPackages per call, and one
 * DescribeModelPackage (its status and last change now) only for a package `handled` does not rule out.
 */
export async function unheardApproval(
  packages: ApprovedPackagesAdapter,
  group: string,
  now: Date,
  handled: string[],
): Promise<ApprovedPackage | undefined> {
  const newest = await packages.newestApproved(group);
  if (!newest || !unhandled(newest.arn, handled)) return undefined;
  // Approvals are ordered by their events' times, EventBridge's whole seconds: this one is heard of now.
  const found = await packages.approval(newest.arn, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  if (!found || isNotApproved(found.pkg)) return undefined;
  return approvalToCatchUp(found.changedAt ?? newest.createdAt, now) ? found.pkg : undefined;
}
