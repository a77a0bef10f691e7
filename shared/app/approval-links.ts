// An approval link's two requests: GET shows what it would do (never changing anything), POST does it once.
import type { ModelLine } from '../config/schema';
import type { LinkRefusal } from '../domain/approval/check';
import {
  confirmPage,
  decidedPage,
  donePage,
  failurePage,
  type HttpPage,
  refusalPage,
  underWayPage,
} from '../domain/approval/page';
import { formNonce, formNonceMatches, type LinkAction, type LinkClaims } from '../domain/approval/token';
import { type LinkReading, openLink } from './approval-link-open';
import { classifyError } from './errors';
import type { VanishedUse } from './link-use-vanished';
import type { Operator, OperatorResult } from './operator';
import { isLinkUseGone } from '../state/link-uses';
import { wordThatStands } from '../domain/deployment/word-stands';

export interface ApprovalLinkDeps extends LinkReading {
  /** The operator's human actions (shared with the CLI): each recorded on the timeline with who, why and how. */
  operator: Pick<Operator, 'decidePackage' | 'decideDeployment'>;
  /** Tells the operators that a link's use was removed while its action ran (./link-use-vanished.ts). */
  useVanished(vanished: VanishedUse): Promise<void>;
}

const STATUS = { approve: 'Approved', reject: 'Rejected' } as const;

// The page's 500-character limit counts a line break as one character; the browser sends it as CRLF, two: the cut
// may fall inside a character of two UTF-16 units (an emoji), whose half would reach SageMaker and the table.
function reasonOf(typed: string | undefined): string {
  const cut = (typed ?? '').trim().slice(0, 500);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export class ApprovalLinkService {
  constructor(private readonly deps: ApprovalLinkDeps) {}

  /** GET (and HEAD): the confirmation page, or why the link cannot act. Reads only. */
  async show(action: LinkAction, token: string): Promise<HttpPage> {
    const opened = await openLink(this.deps, action, token);
    if ('refused' in opened) return opened.refused;
    const { claims, key, check, facts, evidence } = opened;
    if (!check.ok) return refusalPage(check.reason, check.detail);
    const page = {
      action,
      model: claims.model,
      approver: claims.approver,
      facts,
      token,
      formNonce: formNonce(claims, key),
    };
    return confirmPage(evidence ? { ...page, evidence } : page);
  }

  /** POST: acts once, as the approver the link names; a repeat says what the first one did. */
  async act(action: LinkAction, token: string, form: { nonce?: string; reason?: string }): Promise<HttpPage> {
    const opened = await openLink(this.deps, action, token);
    if ('refused' in opened) return opened.refused;
    const { claims, key, check, line } = opened;
    if (!form.nonce) return this.refuse('missing-form-nonce', 'the request did not come from the confirmation page');
    if (!formNonceMatches(form.nonce, claims, key))
      return this.refuse('wrong-form-nonce', 'the form’s nonce does not belong to this link');
    if (!check.ok) return refusalPage(check.reason, check.detail);
    const at = this.deps.clock().toISOString();
    const reason = reasonOf(form.reason) || 'no reason given';
    const use = {
      nonce: claims.nonce,
      action,
      subject: claims.subject,
      approver: claims.approver,
      at,
      reason,
      expiration: claims.expiresAt + 24 * 3600,
    };
    if (!check.resumes && !(await this.deps.uses.consume(use))) {
      return this.refuse('used', 'this link is being used or was just used; reload to see what it did');
    }
    let result: OperatorResult;
    try {
      result = await this.perform(claims, line!, reason);
    } catch (err) {
      // Refused for good (no permission, a request SageMaker will not take): the claim was released and the use left
      // open, so the same link may try again. Only the error's name is shown: its message names the account and role.
      // A promote or abort refused once its word was written stands all the same, and the page says so.
      if (classifyError(err) !== 'permanent') throw err;
      const stands = await this.standing(claims, line!, err as Error);
      if (stands) return decidedPage(action, claims.model, stands);
      return failurePage(`SageMaker refused to ${action} it (${(err as Error).name}).`);
    }
    // The same word was given first (by this link's own earlier POST, a button pressed twice, or by another link or
    // the CLI) and may still be carried out: it may yet fail and leave the subject waiting, so the use stays open for
    // the link to finish it (`resumes`), until the subject no longer waits and the link reads as used. Another's word
    // is not this link's doing: its page says who decided, as a 409, and the link is not counted as used.
    if (result.outcome === 'already') {
      if (check.resumes) return underWayPage(action, claims.model, result.message);
      return refusalPage('decided', result.message);
    }
    await this.complete(claims, `${result.outcome}: ${result.message}`);
    // Someone decided first (the CLI, Studio, another approver): the link did nothing, and says so.
    if (result.outcome === 'refused') return refusalPage('decided', result.message);
    return donePage(action, claims.model, result.message);
  }

  private async complete(claims: LinkClaims, outcome: string): Promise<void> {
    try {
      await this.deps.uses.complete(claims.nonce, this.deps.clock().toISOString(), outcome);
    } catch (err) {
      // Removed while the action ran: the action happened, so the page says what it did, and the operators are told
      // the use is not recorded. Writing it back is theirs: the removal was deliberate, or a restore Shepherd cannot
      // see past. Any other failure is thrown, for Lambda's Errors alarm.
      if (!isLinkUseGone(err)) throw err;
      await this.deps.useVanished({ key: err.key, claims, outcome });
    }
  }

  /** A promote or abort refused after it was written stands (shared/domain/deployment/word-stands.ts). */
  private async standing(claims: LinkClaims, line: ModelLine, err: Error): Promise<string | undefined> {
    const endpoint = line.deployment?.endpointName;
    if ((claims.action !== 'promote' && claims.action !== 'abort') || !endpoint) return undefined;
    const state = await this.deps.deploymentState(endpoint);
    return wordThatStands(state, claims.action, 'the approval link', err.name, claims.subject);
  }

  private refuse(reason: LinkRefusal, detail: string): HttpPage {
    return refusalPage(reason, detail);
  }

  private perform(claims: LinkClaims, line: ModelLine, why: string): Promise<OperatorResult> {
    // The link is named by the start of its nonce: enough to find it in the logs, useless to replay it.
    const word = { who: claims.approver, why, via: `approval link ${claims.nonce.slice(0, 8)} (${claims.action})` };
    if (claims.action === 'promote' || claims.action === 'abort')
      return this.deps.operator.decideDeployment(line, claims.action, word, claims.subject);
    return this.deps.operator.decidePackage(line, STATUS[claims.action], word, { arn: claims.subject });
  }
}
