// A human approves or rejects a registered model: from the CLI or an approval link, either of which may be repeated,
// race the other, or come after someone decided in SageMaker Studio. The first word on a package wins: it is claimed
// by a conditional write of its own item before SageMaker is told, so an approval and a rejection racing can not
// both reach the registry.
import { nothing, record } from '../decisions';
import { asApprovalDescription } from './approval-description';
import type { Decision } from '../decisions';

export type PackageStatus = 'Approved' | 'Rejected' | 'PendingManualApproval';
export type PackageVerdict = 'Approved' | 'Rejected';

/** A registered package as the registry shows it. */
export interface PackageView {
  arn: string;
  group: string;
  version: number;
  status: PackageStatus | string;
  description?: string;
  createdAt?: string;
}

/** Who decided, why, and through what (`shepherd CLI`, or the approval link). */
export interface HumanWord {
  who: string;
  why: string;
  via: string;
}

/** The claim on one package: the first human word on it. */
export interface PackageDecisionState {
  arn: string;
  version: number;
  decided?: HumanWord & { status: PackageVerdict; at: string };
}

export type PackageDecision = Decision<PackageDecisionState>;

export const emptyPackageDecision = (arn: string): PackageDecisionState => ({ arn, version: 0 });

const VERB: Record<PackageVerdict, string> = { Approved: 'approve', Rejected: 'reject' };
const name = (pkg: PackageView) => `${pkg.group}/${pkg.version}`;

/**
 * The package a command names: version `version` of the group, else the newest. `packages`: the group's, in any
 * order. A message when there is none to decide on.
 */
export function packageToDecide(
  packages: PackageView[],
  group: string,
  version?: number,
): { pkg: PackageView } | { message: string } {
  if (version !== undefined) {
    const pkg = packages.find((p) => p.version === version);
    return pkg ? { pkg } : { message: `${group} has no version ${version}` };
  }
  const newest = [...packages].sort((a, b) => b.version - a.version)[0];
  return newest ? { pkg: newest } : { message: `nothing to decide: ${group} has no registered model` };
}

export type PackageVerdictOutcome = { outcome: 'act' } | { outcome: 'already' | 'refused'; message: string };

/** Whether `verdict` can be given on `pkg` now, given the claim on it. */
export function packageVerdict(
  claim: PackageDecisionState,
  pkg: PackageView,
  verdict: PackageVerdict,
): PackageVerdictOutcome {
  const decided = claim.decided;
  if (decided) {
    const by = `${decided.status.toLowerCase()} by ${decided.who} at ${decided.at} (${decided.why})`;
    return decided.status === verdict
      ? { outcome: 'already', message: `${name(pkg)} is already ${by}` }
      : { outcome: 'refused', message: `cannot ${VERB[verdict]} ${name(pkg)}: it was ${by}` };
  }
  if (pkg.status === verdict) {
    const how = pkg.description ? ` (${pkg.description})` : '';
    return { outcome: 'already', message: `${name(pkg)} is already ${verdict.toLowerCase()}${how}` };
  }
  if (pkg.status !== 'PendingManualApproval') {
    return {
      outcome: 'refused',
      message: `nothing to ${VERB[verdict]}: ${name(pkg)} is ${pkg.status}, not PendingManualApproval`,
    };
  }
  return { outcome: 'act' };
}

/** The approval description SageMaker keeps with the package: one line of at most 1024 characters. */
export const approvalDescription = (verdict: PackageVerdict, word: HumanWord): string =>
  asApprovalDescription(`${verdict} by ${word.who} via ${word.via}: ${word.why}`);

/** Claims the package for `verdict`, tells the registry, and records who and why on the line's timeline. */
export function onPackageDecision(
  claim: PackageDecisionState,
  model: string,
  pkg: PackageView,
  verdict: PackageVerdict,
  word: HumanWord,
  now: Date,
): PackageDecision {
  const can = packageVerdict(claim, pkg, verdict);
  if (can.outcome !== 'act') return nothing(can.message, { arn: pkg.arn });
  const at = now.toISOString();
  const type = verdict === 'Approved' ? 'ModelApprovedByHuman' : 'ModelRejectedByHuman';
  const text = `${word.who} chose to ${VERB[verdict]} ${name(pkg)} via ${word.via}: ${word.why}`;
  return {
    state: { ...claim, decided: { ...word, status: verdict, at } },
    actions: [
      { type: 'decideModelPackage', arn: pkg.arn, status: verdict, description: approvalDescription(verdict, word) },
      record(model, at, `human-${VERB[verdict]}-${pkg.arn}`, type, text, { ...word, arn: pkg.arn }),
    ],
    metrics: [],
    log: { message: `model package ${verdict.toLowerCase()} by a human`, data: { arn: pkg.arn, who: word.who } },
  };
}

/**
 * The registry refused the word for good (no permission to update the package, a request it cannot take): the claim
 * is released, so nothing was decided and anyone allowed to may decide. The timeline keeps who tried, and why not.
 */
export function onDecisionRefused(
  claim: PackageDecisionState,
  model: string,
  pkg: PackageView,
  reason: string,
  now: Date,
): PackageDecision {
  const tried = claim.decided;
  const what = `the ${tried?.status === 'Rejected' ? 'rejection' : 'approval'} of ${name(pkg)} by ${tried?.who}`;
  const at = now.toISOString();
  return {
    state: { ...claim, decided: undefined },
    actions: [
      record(
        model,
        at,
        `refused-${at}-${pkg.arn}`,
        'ModelDecisionRefused',
        `the registry refused ${what}: ${reason}; nothing was decided`,
        {
          arn: pkg.arn,
          who: tried?.who,
          reason,
        },
      ),
    ],
    metrics: [],
    log: { message: 'the registry refused the decision: claim released', data: { arn: claim.arn, reason } },
  };
}
