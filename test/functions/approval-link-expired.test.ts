// An approval link opened after its lifetime: no new link can be issued for it, so its page says how the approver
// can still decide (the CLI command for exactly this stack and subject, or the Model Registry) and asks for nothing
// that does not exist.
import { approvalClaims, callLink, LINK_NOW, linkToken, resetSecrets, urlRequest } from '../helpers/approval-links';
import { sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { freshWorld } from '../helpers/function-world';

const expired = { expiresAt: Date.parse(LINK_NOW) / 1000 - 1 };
const decodeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: LINK_NOW, alsoReset: [resetSecrets] }));

describe('an expired approval link', () => {
  it('names the CLI command that approves the same package on this stack, and no new link to ask for', async () => {
    // Prepare
    const token = linkToken({ ...approvalClaims('abcdefghijklmnop0123'), ...expired });

    // Act
    const reply = await callLink(urlRequest('GET', 'approve', token));

    // Assess
    expect(reply.statusCode).toBe(410);
    const page = decodeHtml(reply.body);
    expect(page).toContain('npx shepherd --stage test --region us-east-1 approve churn --version 7 --reason "…"');
    expect(page).toContain('SageMaker Studio');
    expect(page).not.toMatch(/new approval request|for a new link/);
    expect(sagemaker.calls()).toEqual([]);
  });

  it('names the CLI command that aborts the canary on the line’s endpoint', async () => {
    // Prepare
    const claims = { ...approvalClaims('abcdefghijklmnop0124'), action: 'abort' as const, subject: 'a1b2c3' };
    const token = linkToken({ ...claims, ...expired });

    // Act
    const reply = await callLink(urlRequest('GET', 'abort', token));

    // Assess
    expect(reply.statusCode).toBe(410);
    const page = decodeHtml(reply.body);
    expect(page).toContain('npx shepherd --stage test --region us-east-1 abort churn-prod --reason "…"');
    expect(page).not.toContain('SageMaker Studio');
  });

  it('names no CLI command for a line no longer configured, which the CLI would refuse as unknown', async () => {
    // Prepare
    const retired = { ...approvalClaims('abcdefghijklmnop0125'), model: 'retired-line' };
    const approve = linkToken({ ...retired, ...expired });
    const abort = linkToken({
      ...retired,
      action: 'abort',
      subject: 'a1b2c3',
      nonce: 'abcdefghijklmnop0126',
      ...expired,
    });

    // Act
    const approvePage = decodeHtml((await callLink(urlRequest('GET', 'approve', approve))).body);
    const abortPage = decodeHtml((await callLink(urlRequest('GET', 'abort', abort))).body);

    // Assess
    for (const page of [approvePage, abortPage]) {
      expect(page).not.toContain('npx shepherd');
      expect(page).not.toContain('Decide with the');
      expect(page).toContain('retired-line is no longer configured');
    }
    expect(sagemaker.calls()).toEqual([]);
  });
});
