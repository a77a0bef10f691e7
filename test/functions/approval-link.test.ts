// approvalLink as a browser, a mail scanner or a forger reaches it: GET and HEAD change nothing, only the page's
// POST acts, once, and every bad link gets a 4xx page with why.
import {
  approvalClaims,
  KEY,
  LINK_NOW,
  LINK_PACKAGE,
  callLink,
  linkToken,
  pageNonce,
  resetSecrets,
  urlRequest,
} from '../helpers/approval-links';
import {
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { formNonce, type LinkClaims } from '../../shared/domain/approval/token';
import { sagemaker } from '../helpers/aws';
import { createTable, linkUse, timeline } from '../helpers/dynamo';
import { packageArn } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const approve = approvalClaims('abcdefghijklmnop0123');

/** churn-models/7, pending, with the metadata Shepherd registers; `overrides` change what SageMaker says. */
const pendingDescription = (overrides: Record<string, unknown> = {}) => ({
  ModelPackageArn: LINK_PACKAGE,
  ModelPackageGroupName: 'churn-models',
  ModelPackageVersion: 7,
  ModelApprovalStatus: 'PendingManualApproval' as const,
  CreationTime: new Date('2026-11-27T02:35:54Z'),
  CustomerMetadataProperties: {
    'shepherd:objective': 'validation:auc',
    'shepherd:metric:validation:auc': '0.91',
    'shepherd:productionValue': '0.88',
    'shepherd:trigger': 'data',
    'shepherd:windowObjects': '5',
    'shepherd:windowBytes': '2621440',
    'shepherd:trainingJob': 'churn-20261127t0008-3752029a',
  },
  ...overrides,
});
function pendingPackage(overrides: Record<string, unknown> = {}): void {
  sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: LINK_PACKAGE }).resolves(pendingDescription(overrides));
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [newest(LINK_PACKAGE)] });
}
const newest = (arn: string) => ({
  ModelPackageArn: arn,
  ModelPackageName: 'churn-models',
  CreationTime: new Date(),
  ModelPackageStatus: 'Completed' as const,
});
const updates = () => sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input);

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: LINK_NOW, alsoReset: [resetSecrets] }));

describe('approvalLink GET and HEAD', () => {
  it('shows the line, version, gate against production, trigger and data window, with strict headers', async () => {
    // Prepare
    pendingPackage();

    // Act
    const reply = await callLink(urlRequest('GET', 'approve', linkToken(approve)));

    // Assess
    expect(reply.statusCode).toBe(200);
    for (const shown of ['churn', 'churn-models version 7', 'validation:auc = 0.91 against 0.88 in production']) {
      expect(reply.body).toContain(shown);
    }
    expect(reply.body).toContain('data');
    expect(reply.body).toContain('5 object(s), 2.5 MiB');
    expect(reply.body).toContain('ml-leads@example.com');
    expect(reply.body).not.toMatch(/<script/i);
    expect(reply.headers['Content-Security-Policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(reply.headers['Referrer-Policy']).toBe('no-referrer');
    expect(reply.headers['Cache-Control']).toBe('no-store');
    expect(Object.keys(reply.headers).filter((h) => /^access-control-/i.test(h))).toEqual([]);
    expect(updates()).toEqual([]);
  });

  it('says which production model had no metric to compare, rather than that there was none', async () => {
    // Prepare
    const production = packageArn(3);
    const metadata = { ...pendingDescription().CustomerMetadataProperties, 'shepherd:productionPackage': production };
    delete (metadata as Record<string, string>)['shepherd:productionValue'];
    pendingPackage({ CustomerMetadataProperties: metadata });

    // Act
    const reply = await callLink(urlRequest('GET', 'approve', linkToken(approve)));

    // Assess
    expect(reply.body).toContain(`validation:auc = 0.91 against production model ${production} records no`);
    expect(reply.body).not.toContain('no production model to compare');
  });

  it('changes nothing however often a scanner opens or HEADs the link', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);

    // Act
    const heads = [
      await callLink(urlRequest('HEAD', 'approve', token)),
      await callLink(urlRequest('HEAD', 'approve', token)),
    ];
    const gets = [
      await callLink(urlRequest('GET', 'approve', token)),
      await callLink(urlRequest('GET', 'approve', token)),
    ];

    // Assess
    expect(heads.map((r) => [r.statusCode, r.body])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    expect(gets.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(updates()).toEqual([]);
    expect(await timeline('churn')).toEqual([]);
  });

  it('escapes what it shows, so registry metadata cannot inject markup', async () => {
    // Prepare
    pendingPackage({ CustomerMetadataProperties: { 'shepherd:trigger': '<script>alert(1)</script>' } });

    // Act
    const reply = await callLink(urlRequest('GET', 'approve', linkToken(approve)));

    // Assess
    expect(reply.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(reply.body).not.toContain('<script>');
  });
});

describe('approvalLink POST', () => {
  it('approves with the page’s nonce: UpdateModelPackage names the approver and link; timeline too', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);
    const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;

    // Act
    const reply = await callLink(urlRequest('POST', 'approve', token, { nonce, reason: 'better AUC, checked' }));

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(updates()).toEqual([
      {
        ModelPackageArn: LINK_PACKAGE,
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: expect.stringMatching(/ml-leads@example\.com via approval link abcdefgh.*better AUC/),
      },
    ]);
    expect((await timeline('churn')).map((e) => e.type)).toEqual(['ModelApprovedByHuman']);
  });

  it('sends a reason written on several lines as one line: ApprovalDescription takes no line break', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);
    const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;

    // Act
    const reply = await callLink(
      urlRequest('POST', 'approve', token, { nonce, reason: 'better AUC\r\nchecked the drift report\n\nship it' }),
    );

    // Assess
    expect(reply.statusCode).toBe(200);
    const [sent] = updates();
    expect(sent!.ApprovalDescription).toMatch(/: better AUC \/ checked the drift report \/ ship it$/);
    expect(sent!.ApprovalDescription).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
  });

  it('keeps a reason to 500 characters without cutting a character in two, in SageMaker and the use', async () => {
    // Prepare: the browser sends each line break as CRLF, two characters its 500-character limit counted as one
    pendingPackage();
    const token = linkToken(approve);
    const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;
    const reason = `${'checked\r\n'.repeat(10)}${'a'.repeat(409)}😀 ship it`;

    // Act
    const reply = await callLink(urlRequest('POST', 'approve', token, { nonce, reason }));

    // Assess
    expect(reply.statusCode).toBe(200);
    const [sent] = updates();
    expect(sent!.ApprovalDescription).toMatch(/checked \/ a+$/);
    expect((await linkUse(approve.nonce))!.reason).toBe(reason.slice(0, 499));
  });

  it('is safe to repeat: a second POST acts no more and says the link was used', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);
    const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;
    await callLink(urlRequest('POST', 'approve', token, { nonce }));
    pendingPackage({ ModelApprovalStatus: 'Approved' });

    // Act
    const again = await callLink(urlRequest('POST', 'approve', token, { nonce }));
    const opened = await callLink(urlRequest('GET', 'approve', token));

    // Assess
    expect([again.statusCode, opened.statusCode]).toEqual([409, 409]);
    expect(again.body).toContain('already used');
    expect(again.body).toContain('ml-leads@example.com used this link to approve');
    expect(updates()).toHaveLength(1);
  });

  it('refuses a POST without the page’s nonce, or with a forged one, and changes nothing', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);

    // Act
    const without = await callLink(urlRequest('POST', 'approve', token, { reason: 'scanner' }));
    const forged = await callLink(urlRequest('POST', 'approve', token, { nonce: 'A'.repeat(43) }));
    const empty = await callLink(urlRequest('POST', 'approve', token));

    // Assess
    expect([without.statusCode, forged.statusCode, empty.statusCode]).toEqual([400, 403, 400]);
    expect(without.body).toContain('use the button on the confirmation page');
    expect(updates()).toEqual([]);
  });

  it('shows a page when SageMaker refuses the decision; the same link works once that is fixed', async () => {
    // Prepare
    pendingPackage();
    const token = linkToken(approve);
    const nonce = pageNonce((await callLink(urlRequest('GET', 'approve', token))).body)!;
    const denied = { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } };
    const secret = 'User: arn:aws:sts::123456789012:assumed-role/shepherd-approvalLink is not authorized';
    sagemaker.on(UpdateModelPackageCommand).rejectsOnce(Object.assign(new Error(secret), denied));

    // Act
    const refused = await callLink(urlRequest('POST', 'approve', token, { nonce }));
    const again = await callLink(urlRequest('POST', 'approve', token, { nonce }));

    // Assess
    expect(refused.statusCode).toBe(502);
    expect(refused.headers['Cache-Control']).toBe('no-store');
    expect(refused.body).toContain('SageMaker refused');
    expect(refused.body).toContain('AccessDeniedException');
    expect(refused.body).toContain('Nothing was decided');
    expect(refused.body).not.toContain('assumed-role');
    expect(again.statusCode).toBe(200);
    expect(updates().map((u) => u.ModelApprovalStatus)).toEqual(['Approved', 'Approved']);
  });

  it('says, when opened again, that it did nothing because someone decided first, not that it acted', async () => {
    // Prepare: the package waits when the page is shown and when its button is pressed, then SageMaker says it was
    // approved in Studio in between
    const token = linkToken({ ...approve, action: 'reject' });
    pendingPackage();
    const studio = { ModelApprovalStatus: 'Approved', ApprovalDescription: 'approved in Studio by bob' };
    sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: LINK_PACKAGE })
      .resolvesOnce(pendingDescription())
      .resolvesOnce(pendingDescription())
      .resolves(pendingDescription(studio));
    const nonce = pageNonce((await callLink(urlRequest('GET', 'reject', token))).body)!;
    const refused = await callLink(urlRequest('POST', 'reject', token, { nonce }));

    // Act
    const opened = await callLink(urlRequest('GET', 'reject', token));

    // Assess
    expect([refused.statusCode, opened.statusCode]).toEqual([409, 409]);
    expect(refused.body).toContain('Approved');
    expect(opened.body).toContain('did nothing');
    expect(opened.body).toContain('is Approved');
    expect(updates()).toEqual([]);
  });
});

describe('approvalLink refuses', () => {
  const other = { ...approve, subject: packageArn(8) };
  const body = (claims: LinkClaims) => linkToken(claims).split('.')[1]!;
  const signature = (claims: LinkClaims) => linkToken(claims).split('.')[2]!;
  const cases: [string, string, () => string, number, RegExp][] = [
    ['a forged signature', 'approve', () => linkToken(approve, 'x'.repeat(48)), 403, /not valid/],
    ['a token for another action', 'approve', () => linkToken({ ...approve, action: 'reject' }), 400, /another action/],
    ['a tampered subject', 'approve', () => `v1.${body(other)}.${signature(approve)}`, 403, /not valid/],
    [
      'another approver’s token',
      'approve',
      () => `v1.${body({ ...approve, approver: 'mallory@example.com' })}.${signature(approve)}`,
      403,
      /not valid/,
    ],
    [
      'a token of someone who is not an approver',
      'approve',
      () => linkToken({ ...approve, approver: 'mallory@example.com' }),
      403,
      /no longer an approver/,
    ],
    [
      'an expired token',
      'approve',
      () => linkToken({ ...approve, expiresAt: Date.parse(LINK_NOW) / 1000 - 1 }),
      410,
      /expired/,
    ],
    ['a truncated token', 'approve', () => linkToken(approve).slice(0, 60), 400, /malformed/],
    ['no token at all', 'approve', () => '', 400, /malformed/],
    // `t` given twice: a Function URL joins the two with a comma.
    ['two tokens', 'approve', () => `${linkToken(approve)},${linkToken(approve)}`, 400, /malformed/],
  ];

  it.each(cases)('%s, on GET and POST, without a SageMaker call', async (_, action, token, status, says) => {
    // Prepare
    pendingPackage();
    const form = { nonce: 'A'.repeat(43) };

    // Act
    const get = await callLink(urlRequest('GET', action, token()));
    const post = await callLink(urlRequest('POST', action, token(), form));

    // Assess
    expect([get.statusCode, post.statusCode]).toEqual([status, status]);
    expect(get.body).toMatch(says);
    expect(sagemaker.calls()).toEqual([]);
  });

  it('a link whose package a newer one superseded, or someone decided, without a SageMaker change', async () => {
    // Prepare
    pendingPackage();
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [newest(packageArn(8))] });
    const token = linkToken(approve);

    // Act
    const superseded = await callLink(urlRequest('POST', 'approve', token, { nonce: formNonce(approve, KEY) }));
    pendingPackage({ ModelApprovalStatus: 'Rejected' });
    const decided = await callLink(urlRequest('POST', 'approve', token, { nonce: formNonce(approve, KEY) }));

    // Assess
    expect([superseded.statusCode, decided.statusCode]).toEqual([410, 409]);
    expect(superseded.body).toContain(packageArn(8));
    expect(decided.body).toContain('already Rejected');
    expect(updates()).toEqual([]);
  });

  it('a link whose package only a rejected newer one followed still acts: a rejection supersedes nothing', async () => {
    // Prepare: v8 came after v7 and was rejected; v3 is the approved one in production.
    pendingPackage();
    const summary = (version: number, status: string, at: string) => ({
      ...newest(packageArn(version)),
      ModelPackageVersion: version,
      ModelApprovalStatus: status as 'Approved',
      CreationTime: new Date(at),
    });
    const [v3, v7, v8] = [
      summary(3, 'Approved', '2026-11-20T00:00:00Z'),
      summary(7, 'PendingManualApproval', '2026-11-27T02:35:54Z'),
      summary(8, 'Rejected', '2026-11-27T03:00:00Z'),
    ];
    const listed: Record<string, (typeof v3)[]> = { Approved: [v3], PendingManualApproval: [v7], Rejected: [v8] };
    sagemaker.on(ListModelPackagesCommand).callsFake((input: { ModelApprovalStatus?: string }) => ({
      ModelPackageSummaryList: input.ModelApprovalStatus ? listed[input.ModelApprovalStatus] : [v8],
    }));
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: LINK_PACKAGE });
    const token = linkToken(approve);

    // Act
    const page = await callLink(urlRequest('GET', 'approve', token));
    const post = await callLink(urlRequest('POST', 'approve', token, { nonce: formNonce(approve, KEY) }));

    // Assess
    expect([page.statusCode, post.statusCode]).toEqual([200, 200]);
    expect(page.body).not.toContain('superseded');
    expect(updates()).toEqual([
      expect.objectContaining({ ModelPackageArn: LINK_PACKAGE, ModelApprovalStatus: 'Approved' }),
    ]);
  });

  it('says a newer package, approved or waiting for a decision, supersedes the link, and which it is', async () => {
    // Prepare
    pendingPackage();
    const v8 = { ...newest(packageArn(8)), ModelPackageVersion: 8, ModelApprovalStatus: 'Approved' as const };
    sagemaker.on(ListModelPackagesCommand).callsFake((input: { ModelApprovalStatus?: string }) => ({
      ModelPackageSummaryList: input.ModelApprovalStatus === 'PendingManualApproval' ? [newest(LINK_PACKAGE)] : [v8],
    }));

    // Act
    const page = await callLink(urlRequest('GET', 'approve', linkToken(approve)));

    // Assess
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain(`a newer model package was registered and is Approved: ${packageArn(8)}`);
    expect(updates()).toEqual([]);
  });

  it('offers no button for a package of a group the line no longer names, and leaves the link unused', async () => {
    // Prepare: the link was sent while churn registered into churn-legacy; its config now names churn-models.
    const legacy = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-legacy/4';
    const claims = { ...approve, subject: legacy };
    sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: legacy })
      .resolves(pendingDescription({ ModelPackageArn: legacy, ModelPackageGroupName: 'churn-legacy' }));
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [newest(legacy)] });
    const token = linkToken(claims);

    // Act
    const page = await callLink(urlRequest('GET', 'approve', token));
    const post = await callLink(urlRequest('POST', 'approve', token, { nonce: formNonce(claims, KEY) }));

    // Assess
    expect([page.statusCode, post.statusCode]).toEqual([410, 410]);
    expect(page.body).not.toContain('<form');
    expect(post.body).toContain('is not in churn-models, the group of churn');
    expect(post.body).not.toContain('already decided');
    expect(await linkUse(claims.nonce)).toBeUndefined();
    expect(updates()).toEqual([]);
  });

  it('any other method and any other path, with no CORS', async () => {
    // Act
    const options = await callLink(urlRequest('OPTIONS', 'approve', linkToken(approve)));
    const elsewhere = await callLink(urlRequest('GET', 'delete', linkToken(approve)));

    // Assess
    expect([options.statusCode, elsewhere.statusCode]).toEqual([405, 404]);
    expect(options.headers.Allow).toBe('GET, HEAD, POST');
    expect(Object.keys(options.headers).filter((h) => /^access-control-/i.test(h))).toEqual([]);
  });
});
