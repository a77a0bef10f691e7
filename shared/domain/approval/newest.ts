// Which of two approvals is the newer: the deployment deploys, and the edge builds, only the newest approved model.
import type { ApprovedPackage } from '../deployment/state';

export type Approval = Pick<ApprovedPackage, 'arn' | 'group' | 'version' | 'at'>;

/**
 * Later approval first; at the same instant, the higher version of the same group (registered later) first. By
 * instant, not by text: an event's time has no milliseconds, the clock's has.
 */
export const newerFirst = (first: Approval, second: Approval): number =>
  Date.parse(second.at) - Date.parse(first.at) ||
  (first.group.toLowerCase() === second.group.toLowerCase() ? second.version - first.version : 0);
