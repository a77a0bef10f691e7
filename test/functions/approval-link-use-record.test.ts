// An approval link whose use item (`APPROVAL#<nonce>`) is damaged or vanished: the approver gets a Shepherd page that
// says what happened, the operators an alert naming the item; any other failure still fails the request.
import {
  approvalClaims,
  callLink,
  freshLinkWorld,
  KEY,
  LINK_PACKAGE,
  linkToken,
  openApproveLink,
  urlRequest,
} from '../helpers/approval-links';
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { formNonce } from '../../shared/domain/approval/token';
import { LinkUses } from '../../shared/state/link-uses';
import { notificationsSent, sagemaker, throttled } from '../helpers/aws';
import { createTable, linkUse, putItem, removeLinkUse, timeline } from '../helpers/dynamo';

const approve = approvalClaims('use-record-nonce-0001');
const USE_KEY = `APPROVAL#${approve.nonce}/USE`;
const updates = () => sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input);
const post = () =>
  callLink(urlRequest('POST', 'approve', linkToken(approve), { nonce: formNonce(approve, KEY), reason: 'ship it' }));

/** The link's use as someone left it by hand: an action no link has. */
async function handEditedUse(): Promise<Record<string, unknown>> {
  const item = {
    pk: `APPROVAL#${approve.nonce}`,
    sk: 'USE',
    nonce: approve.nonce,
    action: 'delete',
    subject: LINK_PACKAGE,
    approver: approve.approver,
    at: '2026-11-27T03:00:00.000Z',
  };
  await putItem(item);
  return item;
}

beforeAll(createTable);
beforeEach(async () => {
  jest.restoreAllMocks();
  await freshLinkWorld();
});

describe('a link whose use item is corrupt', () => {
  it('shows a damaged-record page when opened, and alerts once, naming the item and what is wrong', async () => {
    // Prepare
    await handEditedUse();

    // Act: a mail scanner opens it, then the approver
    const scanned = await openApproveLink(approve);
    const opened = await openApproveLink(approve);

    // Assess
    expect([scanned.statusCode, opened.statusCode]).toEqual([500, 500]);
    expect(opened.headers['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(opened.headers['Cache-Control']).toBe('no-store');
    expect(opened.body).toContain('record is damaged');
    expect(opened.body).toContain('operators were alerted');
    expect(opened.body).not.toMatch(/arn:|123456789012|APPROVAL#/);
    const alerts = notificationsSent();
    expect(alerts.map((a) => a.Subject)).toEqual([`[Shepherd] churn: state item ${USE_KEY} is corrupt: not acted on`]);
    expect(alerts[0]!.Message).toMatch(/problem 1 +action: Invalid type/);
    expect(alerts[0]!.MessageAttributes!.severity!.StringValue).toBe('critical');
  });

  it('acts on nothing when posted: the package is untouched, the item not written over', async () => {
    // Prepare
    const item = await handEditedUse();

    // Act
    const reply = await post();

    // Assess
    expect(reply.statusCode).toBe(500);
    expect(reply.body).toContain('Nothing was changed');
    expect(updates()).toEqual([]);
    expect(await linkUse(approve.nonce)).toEqual(item);
    expect(notificationsSent()).toHaveLength(1);
  });

  it('still fails the request when the use cannot be read at all (throttled), for Lambda’s error alarm', async () => {
    // Prepare
    jest.spyOn(LinkUses.prototype, 'get').mockRejectedValue(throttled());

    // Act
    const opening = openApproveLink(approve);

    // Assess
    await expect(opening).rejects.toThrow('Rate exceeded');
    expect(notificationsSent()).toEqual([]);
  });
});

describe('a link whose use vanished while its action was performed', () => {
  it('tells the approver it was done, as it was, and alerts that the use is not recorded', async () => {
    // Prepare: the use is deleted by hand while SageMaker approves
    sagemaker.on(UpdateModelPackageCommand).callsFake(async () => {
      await removeLinkUse(approve.nonce);
      return { ModelPackageArn: LINK_PACKAGE };
    });

    // Act
    const reply = await post();

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain('Approve: done');
    expect(updates().map((u) => u.ModelApprovalStatus)).toEqual(['Approved']);
    const alerts = notificationsSent();
    expect(alerts.map((a) => a.Subject)).toEqual([`[Shepherd] churn: approval link use ${USE_KEY} vanished`]);
    expect(alerts[0]!.Message).toMatch(/approver +ml-leads@example\.com/);
    expect(alerts[0]!.Message).toContain(LINK_PACKAGE);
    expect((await timeline('churn')).map((e) => e.type)).toContain('ApprovalLinkUseVanished');
    expect(await linkUse(approve.nonce)).toBeUndefined();
  });

  it('still fails the request when the use cannot be completed for another reason (throttled)', async () => {
    // Prepare
    jest.spyOn(LinkUses.prototype, 'complete').mockRejectedValue(throttled());

    // Act
    const posting = post();

    // Assess
    await expect(posting).rejects.toThrow('Rate exceeded');
    expect(notificationsSent().filter((a) => /vanished|corrupt/.test(a.Subject ?? ''))).toEqual([]);
  });
});
