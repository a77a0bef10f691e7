// An Approved event that never arrived (EventBridge lost it, or Shepherd was down past its retries): the reconcilers
// ask the registry for the group's newest approved package and handle it as its event would have been, unless
// Shepherd already heard of it. Only a recent one: an approved package older than a day (one from before Shepherd
// ran the line) is not Shepherd's to deploy or build unasked.
import type { ApprovedPackagesAdapter } from '../aws/sagemaker-packages';
import { isNotApproved, type ApprovedPackage } from '../domain/deployment/state';

const CATCH_UP_MS = 24 * 3_600_000;
// An approval's event arrives within seconds: a package younger than this is left to its event, so the reconcilers
// do not race the event handler for an approval that is merely on its way.
const GRACE_MS = 15 * 60_000;

/** The group's newest approved package when it is recent and `heard` says Shepherd never handled it. */
export async function unheardApproval(
  packages: ApprovedPackagesAdapter,
  group: string,
  now: Date,
  heard: (arn: string) => boolean,
): Promise<ApprovedPackage | undefined> {
  const newest = await packages.newestApproved(group);
  const age = newest ? now.getTime() - newest.createdAt.getTime() : 0;
  if (!newest || heard(newest.arn) || age > CATCH_UP_MS || age < GRACE_MS) return undefined;
  // Approvals are ordered by their events' times, EventBridge's whole seconds: this one is heard of now.
  const pkg = await packages.approvedPackage(newest.arn, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  return isNotApproved(pkg) ? undefined : pkg;
}
