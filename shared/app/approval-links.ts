// An approval link's two requests: GET shows what it would do (never changing anything), POST does it once.
import type { PackageReviewAdapter } from '../aws/model-package-review';
import type { ModelLine } from '../config/schema';
import { type LinkCheck, type LinkRefusal, type SubjectNow, checkLink } from '../domain/approval/check';
import { deploymentFacts, expiryFact, packageFacts } from '../domain/approval/facts';
import { confirmPage, donePage, failurePage, type HttpPage, refusalPage } from '../domain/approval/page';
import { formNonce, formNonceMatches, type LinkAction, type LinkClaims, verifyToken } from '../domain/approval/token';
import type { DeploymentState } from '../domain/deployment/state';
import type { LinkUses } from '../state/link-uses';
import { classifyError } from './errors';
import type { Operator, OperatorResult } from './operator';

export interface ApprovalLinkDeps {
  keys: { honoured(): Promise<string[]>; reread(): Promise<string[] | undefined> };
  uses: LinkUses;
  packages: PackageReviewAdapter;
  lineNamed: (model: string) => ModelLine | undefined;
  deploymentState: (endpoint: string) => Promise<DeploymentState>;
  /** The operator's human actions (shared with the CLI): each recorded on the timeline with who, why and how. */
  operator: Pick<Operator, 'decidePackage' | 'decideDeployment'>;
  clock: () => Date;
}

interface Opened {
  claims: LinkClaims;
  key: string;
  line?: ModelLine;
  now: SubjectNow;
  check: LinkCheck;
  facts: [string, string][];
  evidence?: string;
}

type Refused = { refused: HttpPage };

const STATUS = { approve: 'Approved', reject: 'Rejected' } as const;

export class ApprovalLinkService {
  constructor(private readonly deps: ApprovalLinkDeps) {}

  /** GET (and HEAD): the confirmation page, or why the link cannot act. Reads only. */
  async show(action: LinkAction, token: string): Promise<HttpPage> {
    const opened = await this.open(action, token);
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
    const opened = await this.open(action, token);
    if ('refused' in opened) return opened.refused;
    const { claims, key, check, line } = opened;
    if (!form.nonce) return this.refuse('missing-form-nonce', 'the request did not come from the confirmation page');
    if (!formNonceMatches(form.nonce, claims, key))
      return this.refuse('wrong-form-nonce', 'the form’s nonce does not belong to this link');
    if (!check.ok) return refusalPage(check.reason, check.detail);
    const at = this.deps.clock().toISOString();
    const reason = (form.reason ?? '').trim().slice(0, 500) || 'no reason given';
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
      if (classifyError(err) !== 'permanent') throw err;
      return failurePage(`SageMaker refused to ${action} it (${(err as Error).name}).`);
    }
    await this.deps.uses.complete(
      claims.nonce,
      this.deps.clock().toISOString(),
      `${result.outcome}: ${result.message}`,
    );
    // Someone decided first (the CLI, Studio, another approver): the link did nothing, and says so.
    if (result.outcome === 'refused') return refusalPage('decided', result.message);
    return donePage(action, claims.model, result.message);
  }

  private refuse(reason: LinkRefusal, detail: string): HttpPage {
    return refusalPage(reason, detail);
  }

  private async open(action: LinkAction, token: string): Promise<Opened | Refused> {
    let verified = verifyToken(token, await this.deps.keys.honoured(), this.deps.clock(), action);
    // Signed with a key this container has not read yet (a rotation within the cache's lifetime), or forged.
    const reread = verified.ok || verified.reason !== 'tampered' ? undefined : await this.deps.keys.reread();
    if (reread) verified = verifyToken(token, reread, this.deps.clock(), action);
    if (!verified.ok) return { refused: refusalPage(verified.reason, TOKEN_DETAIL[verified.reason]) };
    const { claims, key } = verified;
    const line = this.deps.lineNamed(claims.model);
    const approvers = line?.approval.approvers;
    const use = await this.deps.uses.get(claims.nonce);
    // Nothing is read about the subject for a link that names no approver of a configured line.
    const seen =
      line && approvers?.includes(claims.approver)
        ? await this.subject(claims, line)
        : { now: { kind: 'missing' as const }, facts: [] };
    const check = checkLink(claims, approvers, seen.now, use);
    return { claims, key, ...(line ? { line } : {}), ...seen, check, facts: [...seen.facts, expiryFact(claims)] };
  }

  private async subject(
    claims: LinkClaims,
    line: ModelLine,
  ): Promise<Omit<Opened, 'claims' | 'key' | 'line' | 'check'>> {
    const facts: [string, string][] = [['Model line', line.name]];
    if (claims.action === 'approve' || claims.action === 'reject') {
      const pkg = await this.deps.packages.describe(claims.subject);
      if (!pkg) return { now: { kind: 'missing' }, facts };
      const newest = await this.deps.packages.newestStanding(pkg.group);
      return {
        now: { kind: 'package', status: pkg.status, ...(newest ? { newest } : {}) },
        facts: [...facts, ...packageFacts(pkg)],
      };
    }
    const endpoint = line.deployment?.endpointName;
    if (!endpoint) return { now: { kind: 'missing' }, facts };
    const state = await this.deps.deploymentState(endpoint);
    const ended = state.history.find((h) => h.id === claims.subject);
    const active = state.active;
    const pkg = active?.id === claims.subject ? await this.deps.packages.describe(active.package.arn) : undefined;
    return {
      now: {
        kind: 'deployment',
        ...(active ? { activeId: active.id, activeStatus: active.status } : {}),
        ...(ended ? { outcome: `${ended.outcome} at ${ended.at}` } : {}),
      },
      facts: [...facts, ...deploymentFacts(state, claims.subject), ...(pkg ? packageFacts(pkg).slice(1, 4) : [])],
      ...(active?.id === claims.subject && active.evidence ? { evidence: active.evidence } : {}),
    };
  }

  private perform(claims: LinkClaims, line: ModelLine, why: string): Promise<OperatorResult> {
    // The link is named by the start of its nonce: enough to find it in the logs, useless to replay it.
    const word = { who: claims.approver, why, via: `approval link ${claims.nonce.slice(0, 8)} (${claims.action})` };
    if (claims.action === 'promote' || claims.action === 'abort')
      return this.deps.operator.decideDeployment(line, claims.action, word, claims.subject);
    return this.deps.operator.decidePackage(line, STATUS[claims.action], word, { arn: claims.subject });
  }
}

const TOKEN_DETAIL = {
  malformed: 'The link is cut short or was changed; open it again from the message you received.',
  tampered: 'The link’s signature does not match: it was changed, or it was not issued by this Shepherd.',
  expired: 'The link’s lifetime is over; use the CLI or ask for a new approval request.',
  'wrong-action': 'The link was issued for another action than this page’s.',
} as const;
