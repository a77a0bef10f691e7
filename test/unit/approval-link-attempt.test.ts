// A held canary's Promote and Abort links act only on the deployment attempt they were sent about: the same package
// deployed again on the endpoint has the same deployment id, but another start.
import { checkLink, type SubjectNow } from '../../shared/domain/approval/check';
import { type LinkClaims, signToken, verifyToken } from '../../shared/domain/approval/token';

const KEY = 'k'.repeat(48);
const NOW = new Date('2026-11-27T10:00:00Z');
const FIRST_START = '2026-11-26T20:00:00.000Z';
const RERUN_START = '2026-11-27T09:00:00.000Z';
const promote: LinkClaims = {
  action: 'promote',
  subject: 'churn-prod-7-abc',
  model: 'churn',
  approver: 'alice@example.com',
  expiresAt: NOW.getTime() / 1000 + 24 * 3600,
  nonce: 'n0nce-abcdefghijklmnop',
};
const APPROVERS = ['alice@example.com'];
/** The re-run of the same package, held again. */
const rerun: SubjectNow = {
  kind: 'deployment',
  activeId: promote.subject,
  activeStatus: 'held',
  outcome: `rolled_back at 2026-11-27T08:00:00.000Z`,
  activeRun: { startedAt: RERUN_START, package: 'churn-models version 7', endpoint: 'churn-prod' },
};

describe('a held canary’s link bound to its deployment attempt', () => {
  it('refuses a link from the first hold on a re-run of the same package, saying when each started', () => {
    // Prepare
    const old = { ...promote, deploymentStartedAt: Date.parse(FIRST_START) };

    // Act
    const check = checkLink(old, APPROVERS, rerun, undefined);

    // Assess
    expect(check).toEqual({
      ok: false,
      reason: 'superseded',
      detail:
        'this link was sent about an earlier deployment of churn-models version 7 on churn-prod, started at ' +
        `${FIRST_START}; this one started at ${RERUN_START}`,
    });
  });

  it('lets the re-run’s own link act, and one issued before links named their attempt', () => {
    // Act
    const current = checkLink(
      { ...promote, deploymentStartedAt: Date.parse(RERUN_START) },
      APPROVERS,
      rerun,
      undefined,
    );
    const unbound = checkLink(promote, APPROVERS, rerun, undefined);

    // Assess
    expect(current).toEqual({ ok: true, resumes: false });
    expect(unbound).toEqual({ ok: true, resumes: false });
  });

  it('signs the attempt into the token, and still reads a token that names none', () => {
    // Prepare
    const bound = { ...promote, deploymentStartedAt: Date.parse(RERUN_START) };

    // Act
    const withAttempt = verifyToken(signToken(bound, KEY), [KEY], NOW, 'promote');
    const without = verifyToken(signToken(promote, KEY), [KEY], NOW, 'promote');

    // Assess
    expect(withAttempt).toEqual({ ok: true, claims: bound, key: KEY });
    expect(without).toEqual({ ok: true, claims: promote, key: KEY });
  });
});
