// Which findings a sweep may act on: only where the config enables it, the resource opted in by tag, nothing
// protects it, and within the run's cap. Everything else stays a report.
import type { Finding } from './findings';

export const ACTION_TAG = 'shepherd:cost-action';
export const PROTECT_TAG = 'shepherd:protect';
/** Set by `shepherd restore` on the endpoint it recreates: when, so that a later deletion's evidence can say so. */
export const RESTORED_TAG = 'shepherd:restored-at';

export interface EnforcementPolicy {
  enabled: boolean;
  maxActionsPerRun: number;
}
export interface Planned {
  finding: Finding;
  action: 'stop' | 'delete';
}
export interface Skipped {
  finding: Finding;
  why: string;
}

/** Largest saving first, so the cap keeps the actions that matter most. */
export function planActions(
  findings: Finding[],
  tagsOf: (finding: Finding) => Record<string, string>,
  policy: EnforcementPolicy,
): { planned: Planned[]; skipped: Skipped[] } {
  const planned: Planned[] = [];
  const skipped: Skipped[] = [];
  const actionable = findings.filter((f) => f.action !== 'report');
  const bySaving = [...actionable].sort((a, b) => (b.monthlySavingUsd ?? 0) - (a.monthlySavingUsd ?? 0));
  for (const finding of bySaving) {
    const tags = tagsOf(finding);
    const optIn = tags[ACTION_TAG];
    const why = !policy.enabled
      ? 'enforcement is off'
      : tags[PROTECT_TAG] !== undefined
        ? `tagged ${PROTECT_TAG}`
        : optIn !== finding.action
          ? `not tagged ${ACTION_TAG}=${finding.action}`
          : planned.length >= policy.maxActionsPerRun
            ? `the run's cap of ${policy.maxActionsPerRun} action(s) is reached`
            : undefined;
    if (why) skipped.push({ finding, why });
    else planned.push({ finding, action: finding.action as 'stop' | 'delete' });
  }
  return { planned, skipped };
}
