// Opening an approval link: its token verified (a rotated key re-read once) and what it names read as it stands now,
// for both of its requests. Apart from the requests themselves (./approval-links.ts): GET shows what opening found,
// POST acts on it.
import type { PackageReviewAdapter } from '../aws/model-package-review';
import type { ModelLine } from '../config/schema';
import { type LinkCheck, type SubjectNow, checkLink, isApprover } from '../domain/approval/check';
import { deploymentFacts, expiryFact, packageFacts } from '../domain/approval/facts';
import { type HttpPage, refusalPage } from '../domain/approval/page';
import { decideElsewhere } from '../domain/approval/elsewhere';
import { type LinkAction, type LinkClaims, type Verified, verifyToken } from '../domain/approval/token';
import type { StackTarget } from '../domain/cli-command';
import type { Deployment, DeploymentState } from '../domain/deployment/state';
import type { LinkUses } from '../state/link-uses';

/** What opening a link reads. */
export interface LinkReading {
  keys: { honoured(): Promise<string[]>; reread(): Promise<string[] | undefined> };
  uses: LinkUses;
  packages: PackageReviewAdapter;
  lineNamed: (model: string) => ModelLine | undefined;
  deploymentState: (endpoint: string) => Promise<DeploymentState>;
  clock: () => Date;
  /** The stack these functions are, which a CLI command on an expired link's page names. */
  stack: StackTarget;
}

export interface Opened {
  claims: LinkClaims;
  key: string;
  line?: ModelLine;
  now: SubjectNow;
  check: LinkCheck;
  facts: [string, string][];
  evidence?: string;
}

export type Refused = { refused: HttpPage };

export async function openLink(deps: LinkReading, action: LinkAction, token: string): Promise<Opened | Refused> {
  let verified = verifyToken(token, await deps.keys.honoured(), deps.clock(), action);
  // Signed with a key this container has not read yet (a rotation within the cache's lifetime), or forged.
  const reread = verified.ok || verified.reason !== 'tampered' ? undefined : await deps.keys.reread();
  if (reread) verified = verifyToken(token, reread, deps.clock(), action);
  if (!verified.ok) return { refused: refusalPage(verified.reason, tokenDetail(deps, verified)) };
  const { claims, key } = verified;
  const line = deps.lineNamed(claims.model);
  const approvers = line?.approval.approvers;
  const use = await deps.uses.get(claims.nonce, claims.model);
  // Nothing is read about the subject for a link that names no approver of a configured line.
  const seen =
    line && approvers && isApprover(approvers, claims.approver)
      ? await subject(deps, claims, line)
      : { now: { kind: 'missing' as const }, facts: [] };
  const check = checkLink(claims, approvers, seen.now, use);
  return { claims, key, ...(line ? { line } : {}), ...seen, check, facts: [...seen.facts, expiryFact(claims)] };
}

async function subject(
  deps: LinkReading,
  claims: LinkClaims,
  line: ModelLine,
): Promise<Omit<Opened, 'claims' | 'key' | 'line' | 'check'>> {
  const facts: [string, string][] = [['Model line', line.name]];
  if (claims.action === 'approve' || claims.action === 'reject') {
    const pkg = await deps.packages.describe(claims.subject);
    if (!pkg) return { now: { kind: 'missing' }, facts };
    // The line's config names another group since the link was sent: the decision would be refused as not the line's.
    const group = line.modelPackageGroup;
    if (pkg.group.toLowerCase() !== group.toLowerCase())
      return { now: { kind: 'missing', why: `${pkg.arn} is not in ${group}, the group of ${line.name}` }, facts };
    const newest = await deps.packages.newestStanding(pkg.group);
    return {
      now: { kind: 'package', status: pkg.status, ...(newest ? { newest } : {}) },
      facts: [...facts, ...packageFacts(pkg)],
    };
  }
  const endpoint = line.deployment?.endpointName;
  // Taken out of the config since the link was sent: the deployment may well go on, but Shepherd no longer runs it.
  const unmanaged = `${line.name} has no deployment configured any more: Shepherd decides nothing on its endpoint`;
  if (!endpoint) return { now: { kind: 'missing', why: unmanaged }, facts };
  const state = await deps.deploymentState(endpoint);
  // The same package deployed again keeps its deployment id: the latest of its runs is the one to name.
  const ended = state.history.findLast((h) => h.id === claims.subject);
  const active = state.active;
  const pkg = active?.id === claims.subject ? await deps.packages.describe(active.package.arn) : undefined;
  return {
    now: {
      kind: 'deployment',
      ...(active ? { activeId: active.id, activeStatus: active.status, activeRun: runOf(active, endpoint) } : {}),
      ...(ended ? { outcome: `${ended.outcome} at ${ended.at}` } : {}),
    },
    facts: [...facts, ...deploymentFacts(state, claims.subject), ...(pkg ? packageFacts(pkg).slice(1, 4) : [])],
    ...(active?.id === claims.subject && active.evidence ? { evidence: active.evidence } : {}),
  };
}

/** The active deployment's run, as a link's refusal names it. */
const runOf = ({ startedAt, package: p }: Deployment, endpoint: string) => ({
  startedAt,
  package: `${p.group} version ${p.version}`,
  endpoint,
});

const TOKEN_DETAIL = {
  malformed: 'The link is cut short or was changed; open it again from the message you received.',
  // A genuine link fails so once two rotations passed since it was sent: its holder must not read it as forged.
  tampered:
    'The link’s signature matches no key Shepherd honours: it was changed, it was not issued by this Shepherd, or ' +
    'the key it was signed with was rotated out (links stay valid through one rotation of the signing key).',
  expired: 'The link’s lifetime is over, and no new link can be issued for it.',
  'wrong-action': 'The link was issued for another action than this page’s.',
} as const;

/** Why the token cannot act; an expired one, still signed by Shepherd, also says how to decide without it. */
function tokenDetail(deps: LinkReading, verified: Extract<Verified, { ok: false }>): string {
  const { reason, claims } = verified;
  if (reason !== 'expired' || !claims) return TOKEN_DETAIL[reason];
  const line = deps.lineNamed(claims.model);
  // The CLI refuses a line it does not know, and Shepherd acts on no registry decision for one: name neither.
  const gone = `The model line ${claims.model} is no longer configured: Shepherd decides nothing for it.`;
  if (!line) return `${TOKEN_DETAIL.expired} ${gone}`;
  return `${TOKEN_DETAIL.expired} ${decideElsewhere(claims, line.deployment?.endpointName, deps.stack)}`;
}
