// When the group's newest approved package is an approval whose event Shepherd missed (shared/app/lost-approvals.ts).
// Judged by when the package was approved, not when it was registered: a link may be used up to its lifetime (at
// most 14 days) after registration, and Studio approves at any time.

// An approval's event arrives within seconds: one younger than this is left to its event, so the reconcilers do not
// race the event handler for an approval that is merely on its way.
export const GRACE_MS = 15 * 60_000;
// Past this, an approval Shepherd never heard of is not its to act on unasked: one from before Shepherd ran the line,
// or from a longer outage. The same day as for the other lost events (drift alarms, uploads).
export const LOOK_BACK_MS = 24 * 3_600_000;

/** A package's group and version, from its ARN (`…:model-package/<group>/<version>`). */
export function packageVersion(arn: string): { group: string; version: number } | undefined {
  const match = /:model-package\/([^/]+)\/(\d+)$/.exec(arn);
  return match ? { group: match[1]!, version: Number(match[2]) } : undefined;
}

/**
 * Whether the newest approved package is one to look at: Shepherd never handled it (`handled`: the ARNs it deployed,
 * queued, superseded or built), and never handled a later version of its group either. A later version handled
 * and no longer Approved (rejected after its rollback, or by a human) means the line moved past this one: it is not
 * brought back unasked.
 */
export function unhandled(newest: string, handled: string[]): boolean {
  if (handled.includes(newest)) return false;
  const version = packageVersion(newest);
  return !handled.some((arn) => {
    const other = packageVersion(arn);
    return version !== undefined && other?.group === version.group && other.version > version.version;
  });
}

/**
 * Whether an approval at `approvedAt` is caught up now. `approvedAt` is the registry's last change of the package:
 * its approval, or an edit since, which its state-change event would have announced as well.
 */
export const approvalToCatchUp = (approvedAt: Date, now: Date): boolean => {
  const age = now.getTime() - approvedAt.getTime();
  return age >= GRACE_MS && age <= LOOK_BACK_MS;
};
