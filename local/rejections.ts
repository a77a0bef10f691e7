// How a scripted person rejects a package later, as they would in the registry (a scenario step's `reject`): at the
// step's time, or, with `once: serving`, as soon as from then on the package serves a share of an endpoint's traffic.
// The second does not depend on how fast the machine plays the run up to the canary.
import type { Cloud } from './cloud';

export interface Rejection {
  /** `group/version` */
  package: string;
  reason: string;
  once?: 'serving';
}

/** How often a `once: serving` rejection looks at the endpoints, in virtual time. */
const LOOK_MS = 60_000;

/** Whether `ref` (a scenario's `group/version`) names the package; groups, as SageMaker's names, ignore case. */
export const names = (ref: string, pkg: { group: string; version: number }): boolean =>
  ref.toLowerCase() === `${pkg.group}/${pkg.version}`.toLowerCase();

const registered = (cloud: Cloud, ref: string) => cloud.sagemaker.modelPackages().find((p) => names(ref, p));

const serving = (cloud: Cloud, arn: string): boolean =>
  cloud.sagemaker
    .endpoints()
    .some((e) => e.variants.some((v) => v.currentWeight > 0 && cloud.sagemaker.modelPackageOf(v.modelName) === arn));

/** A step's rejection, at its time; one `once: serving` waits for the package to serve, until `deadline`. */
export function scheduleRejection(cloud: Cloud, rejection: Rejection, deadline: Date): void {
  const { package: ref, reason, once } = rejection;
  if (once !== 'serving') return void rejectPackage(cloud, ref, reason);
  const look = () => {
    const pkg = registered(cloud, ref);
    if (pkg && serving(cloud, pkg.arn)) return void rejectPackage(cloud, ref, reason);
    if (cloud.clock.now() >= deadline) return cloud.timeline.log('scenario', `${ref} not rejected: it never served`);
    cloud.clock.after(LOOK_MS, look);
  };
  look();
}

/** A person rejects `ref` (group/version) in the registry, whatever its approval status; a step's `reject`. */
export async function rejectPackage(cloud: Cloud, ref: string, reason: string): Promise<void> {
  const pkg = registered(cloud, ref);
  if (!pkg) return cloud.timeline.log('scenario', `${ref} not rejected: no such package is registered yet`);
  const was = pkg.approvalStatus;
  try {
    await cloud.sagemaker.handle('UpdateModelPackage', {
      ModelPackageArn: pkg.arn,
      ModelApprovalStatus: 'Rejected',
      ApprovalDescription: reason,
    });
    cloud.timeline.log('scenario', `a person rejected ${pkg.arn} (it was ${was}): ${reason}`);
  } catch (err) {
    cloud.timeline.log('scenario', `rejecting ${ref} failed: ${(err as Error).message}`);
  }
}
