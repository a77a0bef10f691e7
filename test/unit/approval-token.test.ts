// Approval link tokens and whether a link may still act: nothing forged, changed, expired, used or stale passes.
import { checkLink, type LinkUse, type SubjectNow } from '../../shared/domain/approval/check';
import {
  formNonce,
  formNonceMatches,
  type LinkClaims,
  signToken,
  verifyToken,
} from '../../shared/domain/approval/token';

const KEY = 'k'.repeat(48);
const OLD_KEY = 'o'.repeat(48);
const NOW = new Date('2026-11-27T10:00:00Z');
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7';
const claims: LinkClaims = {
  action: 'approve',
  subject: ARN,
  model: 'churn',
  approver: 'alice@example.com',
  expiresAt: NOW.getTime() / 1000 + 24 * 3600,
  nonce: 'n0nce-abcdefghijklmnop',
};
const pending: SubjectNow = {
  kind: 'package',
  status: 'PendingManualApproval',
  newest: { arn: ARN, status: 'PendingManualApproval' },
};
const APPROVERS = ['alice@example.com', 'bob@example.com'];

/** The token with its claims part replaced by these claims, its signature left as it was. */
function withClaims(token: string, changed: Partial<LinkClaims>): string {
  const [version, , signature] = token.split('.');
  const body = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  const c = { ...claims, ...changed };
  const next = { ...body, a: c.action, s: c.subject, p: c.approver, e: c.expiresAt };
  return `${version}.${Buffer.from(JSON.stringify(next)).toString('base64url')}.${signature}`;
}

describe('approval tokens', () => {
  it('accepts a token signed with the current key, for its own action, before it expires', () => {
    // Prepare
    const token = signToken(claims, KEY);

    // Act
    const verified = verifyToken(token, [KEY], NOW, 'approve');

    // Assess
    expect(verified).toEqual({ ok: true, claims, key: KEY });
  });

  it('accepts a link signed before a rotation under the previous key, and no other', () => {
    // Prepare
    const token = signToken(claims, OLD_KEY);

    // Act
    const during = verifyToken(token, [KEY, OLD_KEY], NOW, 'approve');
    const after = verifyToken(token, [KEY], NOW, 'approve');

    // Assess
    expect(during).toMatchObject({ ok: true, key: OLD_KEY });
    expect(after).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a forged signature', () => {
    // Prepare
    const forged = signToken(claims, 'f'.repeat(48));

    // Act
    const verified = verifyToken(forged, [KEY], NOW, 'approve');

    // Assess
    expect(verified).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([
    ['subject', { subject: `${ARN.slice(0, -1)}8` }],
    ['approver', { approver: 'bob@example.com' }],
    ['action', { action: 'reject' as const }],
    ['expiry', { expiresAt: claims.expiresAt + 7 * 24 * 3600 }],
  ])('refuses a token whose %s was changed as tampered', (_, changed: Partial<LinkClaims>) => {
    // Prepare
    const token = withClaims(signToken(claims, KEY), changed);

    // Act
    const verified = verifyToken(token, [KEY], NOW, changed.action ?? 'approve');

    // Assess
    expect(verified).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a token for another action than the page it is opened on', () => {
    // Prepare
    const token = signToken({ ...claims, action: 'reject' }, KEY);

    // Act
    const verified = verifyToken(token, [KEY], NOW, 'approve');

    // Assess
    expect(verified).toMatchObject({ ok: false, reason: 'wrong-action' });
  });

  it('refuses an expired token, to the second', () => {
    // Prepare
    const token = signToken(claims, KEY);

    // Act
    const verified = verifyToken(token, [KEY], new Date(claims.expiresAt * 1000), 'approve');

    // Assess
    expect(verified).toMatchObject({ ok: false, reason: 'expired' });
  });

  it.each([
    ['cut short', (t: string) => t.slice(0, -5)],
    ['cut in its claims', (t: string) => `${t.slice(0, 20)}.${t.split('.')[2]}`],
    ['empty', () => ''],
    ['not ours', () => 'hello'],
    ['of another version', (t: string) => t.replace(/^v1/, 'v2')],
    ['with a signature too long', (t: string) => `${t}AAAA`],
  ])('refuses a token %s', (_, mangle) => {
    // Prepare
    const token = mangle(signToken(claims, KEY));

    // Act
    const verified = verifyToken(token, [KEY], NOW, 'approve');

    // Assess
    expect(verified.ok).toBe(false);
    expect(['malformed', 'tampered']).toContain(verified.ok ? '' : verified.reason);
  });

  it('refuses claims that are not ours even under a valid signature', () => {
    // Prepare
    const body = Buffer.from(JSON.stringify({ a: 'delete', s: ARN, m: 'churn', p: 'x', e: 1, n: 'n' })).toString(
      'base64url',
    );
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const signature = createHmac('sha256', KEY).update(`v1.${body}`).digest('base64url');

    // Act
    const verified = verifyToken(`v1.${body}.${signature}`, [KEY], NOW, 'approve');

    // Assess
    expect(verified).toEqual({ ok: false, reason: 'malformed' });
  });

  it('derives the form nonce from the key, so a page from another key or link does not match', () => {
    // Prepare
    const nonce = formNonce(claims, KEY);

    // Act
    const matches = [
      formNonceMatches(nonce, claims, KEY),
      formNonceMatches(nonce, claims, OLD_KEY),
      formNonceMatches(nonce, { ...claims, nonce: 'another-nonce-12345' }, KEY),
      formNonceMatches(undefined, claims, KEY),
      formNonceMatches(nonce.slice(1), claims, KEY),
    ];

    // Assess
    expect(matches).toEqual([true, false, false, false, false]);
  });
});

describe('whether a link may still act', () => {
  const used: LinkUse = {
    nonce: claims.nonce,
    action: 'approve',
    subject: ARN,
    approver: 'alice@example.com',
    at: '2026-11-27T09:00:00.000Z',
  };

  it('lets an approver of the line act on a package that still waits', () => {
    expect(checkLink(claims, APPROVERS, pending, undefined)).toEqual({ ok: true, resumes: false });
  });

  it('refuses the token of an address that is not (or no longer) an approver of the line', () => {
    // Act
    const check = checkLink({ ...claims, approver: 'mallory@example.com' }, APPROVERS, pending, undefined);

    // Assess
    expect(check).toMatchObject({ ok: false, reason: 'not-an-approver' });
  });

  it('refuses a replayed link once its first use is done', () => {
    // Act
    const check = checkLink(claims, APPROVERS, pending, { ...used, doneAt: '2026-11-27T09:00:01.000Z' });

    // Assess
    expect(check).toMatchObject({ ok: false, reason: 'used', detail: expect.stringContaining('alice@example.com') });
  });

  it('lets a link finish what its first POST started while the package still waits', () => {
    expect(checkLink(claims, APPROVERS, pending, used)).toEqual({ ok: true, resumes: true });
  });

  it('refuses a link whose package was decided, or superseded by a newer one', () => {
    // Act
    const decided = checkLink(claims, APPROVERS, { ...pending, status: 'Rejected' }, undefined);
    const newer = `${ARN.slice(0, -1)}8`;
    const superseded = checkLink(
      claims,
      APPROVERS,
      { ...pending, newest: { arn: newer, status: 'PendingManualApproval' } },
      undefined,
    );
    const gone = checkLink(claims, APPROVERS, { kind: 'missing' }, undefined);

    // Assess
    expect(decided).toMatchObject({ ok: false, reason: 'decided' });
    expect(superseded).toMatchObject({ ok: false, reason: 'superseded', detail: expect.stringContaining(newer) });
    expect(gone).toMatchObject({ ok: false, reason: 'superseded' });
  });

  it('refuses a promote link once its deployment ended or another took its place', () => {
    // Prepare
    const promote = { ...claims, action: 'promote' as const, subject: 'churn-prod-7-abc' };

    // Act
    const held = checkLink(
      promote,
      APPROVERS,
      { kind: 'deployment', activeId: promote.subject, activeStatus: 'held' },
      undefined,
    );
    const ended = checkLink(promote, APPROVERS, { kind: 'deployment', outcome: 'rolled_back at T' }, undefined);
    const other = checkLink(promote, APPROVERS, { kind: 'deployment', activeId: 'churn-prod-8-def' }, undefined);
    const moving = checkLink(
      promote,
      APPROVERS,
      { kind: 'deployment', activeId: promote.subject, activeStatus: 'promoting' },
      undefined,
    );

    // Assess
    expect(held).toEqual({ ok: true, resumes: false });
    expect(ended).toMatchObject({ ok: false, reason: 'decided' });
    expect(other).toMatchObject({ ok: false, reason: 'superseded' });
    expect(moving).toMatchObject({ ok: false, reason: 'decided' });
  });

  it('refuses a link of a model line no longer configured', () => {
    expect(checkLink(claims, undefined, pending, undefined)).toMatchObject({ ok: false, reason: 'unknown-line' });
  });
});
