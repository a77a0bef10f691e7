// Whether a verified link may still act: its approver is still one of the line's, it was not used, and its subject
// still waits for exactly this decision. Pure: the handler reads the package, deployment and use record first.
import type { LinkAction, LinkClaims, TokenProblem } from './token';

export type LinkRefusal =
  | TokenProblem
  | 'unknown-line'
  | 'not-an-approver'
  | 'used'
  | 'decided'
  | 'superseded'
  | 'missing-form-nonce'
  | 'wrong-form-nonce';

/**
 * What the subject is now, as SageMaker (a package) or the state table (a deployment) says. `newest`: the group's
 * newest package that is Approved or waits for a decision; a Rejected one supersedes nothing.
 */
export type SubjectNow =
  | { kind: 'package'; status: string; newest?: { arn: string; status: string } }
  | {
      kind: 'deployment';
      activeId?: string;
      activeStatus?: string;
      /** The active deployment's start, package (`<group> version <n>`) and endpoint. */
      activeRun?: { startedAt: string; package: string; endpoint: string };
      outcome?: string;
    }
  /** `why`: what became of it, where more is known than that it no longer exists. */
  | { kind: 'missing'; why?: string };

/** The `APPROVAL#<nonce>` item: written by the first POST, completed once its action was performed. */
export interface LinkUse {
  nonce: string;
  action: LinkAction;
  subject: string;
  approver: string;
  at: string;
  reason?: string;
  doneAt?: string;
  /** What its action came to, as `<done|refused>: <message>` (shared/app/approval-links.ts). */
  outcome?: string;
  /** Epoch seconds when the table's TTL removes the item: a day after the link expired, when it is refused anyway. */
  expiration?: number;
}

/**
 * Whether `address` is one of `approvers`. Without case: a domain is case-insensitive (RFC 5321), and mail providers
 * treat the local part so too, so the config's `ML-Leads@example.com` and a link's `ml-leads@example.com` are one
 * approver. Every comparison of approver addresses goes through here.
 */
export const isApprover = (approvers: readonly string[], address: string): boolean =>
  approvers.some((a) => approverKey(a) === approverKey(address));

/** An approver's address as addresses are compared: two that differ only in case are one approver. */
export const approverKey = (address: string): string => address.toLowerCase();

export type LinkCheck = { ok: true; resumes: boolean } | { ok: false; reason: LinkRefusal; detail: string };

// Promote and abort are offered for a held canary; a human may still end one that is baking.
const DECIDABLE = new Set(['held', 'baking']);

/** Whether the subject still waits for the decision a link about it asks (also checked before links are mailed). */
export function waitsForDecision(
  claims: Pick<LinkClaims, 'subject' | 'deploymentStartedAt'>,
  now: SubjectNow,
): LinkCheck {
  if (now.kind === 'missing')
    return { ok: false, reason: 'superseded', detail: now.why ?? `${claims.subject} no longer exists` };
  if (now.kind === 'package') {
    if (now.status !== 'PendingManualApproval')
      return { ok: false, reason: 'decided', detail: `the model package is already ${now.status}` };
    if (now.newest && now.newest.arn !== claims.subject) {
      const { arn, status } = now.newest;
      return {
        ok: false,
        reason: 'superseded',
        detail: `a newer model package was registered and is ${status}: ${arn}`,
      };
    }
    return { ok: true, resumes: false };
  }
  if (now.activeId !== claims.subject) {
    const detail = now.outcome
      ? `the deployment already ended: ${now.outcome}`
      : 'another deployment has taken its place on the endpoint';
    return { ok: false, reason: now.outcome ? 'decided' : 'superseded', detail };
  }
  // The same package deployed again has the same id: a link from an earlier run must not decide this one. A link
  // that names no start was issued before links did; it acts on the active deployment, as it always has: it
  // expires within its lifetime of the change, and a re-run inside that window needs an abort and a new approval.
  const sent = claims.deploymentStartedAt;
  const run = now.activeRun;
  if (sent !== undefined && run && sent !== Date.parse(run.startedAt)) {
    const about = `an earlier deployment of ${run.package} on ${run.endpoint}`;
    const detail = `this link was sent about ${about}, started at ${new Date(sent).toISOString()}`;
    return { ok: false, reason: 'superseded', detail: `${detail}; this one started at ${run.startedAt}` };
  }
  if (!DECIDABLE.has(now.activeStatus ?? ''))
    return { ok: false, reason: 'decided', detail: `the deployment is already ${now.activeStatus}` };
  return { ok: true, resumes: false };
}

const REFUSED = 'refused: ';

/**
 * A link used before is refused as used once its subject moved on; while the subject still waits (the first POST
 * failed half-way), the same link may finish what it started, so a repeated POST is safe.
 */
export function checkLink(
  claims: LinkClaims,
  approvers: string[] | undefined,
  now: SubjectNow,
  use: LinkUse | undefined,
): LinkCheck {
  if (approvers === undefined)
    return { ok: false, reason: 'unknown-line', detail: `no model line named ${claims.model} is configured` };
  if (!isApprover(approvers, claims.approver))
    return { ok: false, reason: 'not-an-approver', detail: `${claims.approver} is not an approver of ${claims.model}` };
  const waiting = waitsForDecision(claims, now);
  // Someone decided first: the link acted on nothing, and must not read as if it had.
  if (use?.outcome?.startsWith(REFUSED)) {
    const why = use.outcome.slice(REFUSED.length);
    return { ok: false, reason: 'decided', detail: `this link did nothing when used at ${use.at}: ${why}` };
  }
  if (use) {
    const did = `${use.approver} used this link to ${use.action} at ${use.at}`;
    return use.doneAt || !waiting.ok ? { ok: false, reason: 'used', detail: did } : { ok: true, resumes: true };
  }
  return waiting;
}

/** The HTTP status of each refusal: all 4xx, so a scanner or a script sees at once the link did nothing. */
export const REFUSAL_STATUS: Record<LinkRefusal, number> = {
  malformed: 400,
  'missing-form-nonce': 400,
  'wrong-action': 400,
  tampered: 403,
  'wrong-form-nonce': 403,
  'not-an-approver': 403,
  'unknown-line': 404,
  used: 409,
  decided: 409,
  expired: 410,
  superseded: 410,
};

export const REFUSAL_TITLE: Record<LinkRefusal, string> = {
  malformed: 'This link is incomplete or malformed',
  tampered: 'This link is not valid',
  expired: 'This link has expired',
  'wrong-action': 'This link is for another action',
  'unknown-line': 'This model line is no longer configured',
  'not-an-approver': 'This link’s approver is no longer an approver',
  used: 'This link was already used',
  decided: 'This was already decided',
  superseded: 'This request was superseded',
  'missing-form-nonce': 'Please use the button on the confirmation page',
  'wrong-form-nonce': 'This form did not come from the confirmation page',
};
