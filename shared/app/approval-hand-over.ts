// Whether a hand-over's package links may still be mailed. One redriven late from the dead-letter queue, or delivered
// again after its claim expired (a week), may come after the package was decided (another approver, the CLI, Studio):
// links mailed then could only be refused, and would ask the approvers again about something settled.
import type { PackageReviewAdapter } from '../aws/model-package-review';
import { type SubjectNow, waitsForDecision } from '../domain/approval/check';
import type { LinkAction } from '../domain/approval/token';

/** What a hand-over says its links are about. */
export interface HandedOverLinks {
  subject: string;
  actions: LinkAction[];
}

/**
 * Why the links must not be mailed, in the words their page would use; undefined while the package still waits. A
 * held canary's links are mailed as they come: this function reads no state item (see docs/approval-links.md).
 */
export async function whyNotMailed(
  packages: Pick<PackageReviewAdapter, 'describe' | 'newestStanding'>,
  links: HandedOverLinks,
): Promise<string | undefined> {
  if (!links.actions.includes('approve') && !links.actions.includes('reject')) return undefined;
  const pkg = await packages.describe(links.subject);
  const newest = pkg && (await packages.newestStanding(pkg.group));
  const now: SubjectNow = pkg
    ? { kind: 'package', status: pkg.status, ...(newest ? { newest } : {}) }
    : { kind: 'missing' };
  const check = waitsForDecision(links, now);
  return check.ok ? undefined : check.detail;
}
