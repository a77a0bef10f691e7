// The one function that signs approval links: what Shepherd's bus hands it becomes one message per approver, once.
import { handedOver, LINK_PACKAGE, KEY, pendingChurnPackage, resetSecrets, secrets } from '../helpers/approval-links';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { handler } from '../../functions/send-approval-links';
import { verifyToken } from '../../shared/domain/approval/token';
import { PublishCommand } from '@aws-sdk/client-sns';
import { notificationsSent, sns, throttled } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context, setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
// The package the links ask about still waits for a decision, as it does when its hand-over comes on time.
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:00:00Z', alsoReset: [resetSecrets] });
  pendingChurnPackage(LINK_PACKAGE, 7);
});

describe('sendApprovalLinks', () => {
  it('sends each approver their own message with signed Approve and Reject links, read with the secret', async () => {
    // Act
    const result = await handler(handedOver('hand-1'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'churn' });
    const sent = notificationsSent();
    expect(sent.map((p) => p.MessageAttributes?.approver?.StringValue)).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    expect(sent[0]!.Message).toMatch(/Approve: https:\/\/\S+\/approve\?t=v1\./);
    expect(secrets.commandCalls(GetSecretValueCommand).length).toBeGreaterThan(0);
  });

  it('signs a held canary’s links for the run of the deployment they were handed over about', async () => {
    // Prepare
    const held = handedOver('hand-held', ['alice@example.com']);
    const startedAt = Date.parse('2026-11-27T02:30:00Z');
    const { links } = held.detail.notification;
    held.detail.notification.links = {
      ...links,
      subject: 'churn-prod-1a2b3c',
      actions: ['promote'],
      deploymentStartedAt: startedAt,
    } as typeof links;

    // Act
    await handler(held, context());

    // Assess
    const token = /promote\?t=(\S+)/.exec(notificationsSent()[0]!.Message!)![1]!;
    expect(verifyToken(token, [KEY], new Date('2026-11-27T03:00:00Z'), 'promote')).toMatchObject({
      ok: true,
      claims: { subject: 'churn-prod-1a2b3c', deploymentStartedAt: startedAt },
    });
  });

  it('sends the links at Lambda’s last retry when the invocation that took the hand-over died', async () => {
    // Prepare: the first invocation hangs sending, until its 60-second timeout ends it without a word
    let dead = true;
    sns.on(PublishCommand).callsFake(() => (dead ? new Promise(() => undefined) : { MessageId: 'm' }));
    // It ends at its timeout, a minute from now: that end is expected, and must not surface in a later test file.
    handler(handedOver('hand-1'), context()).catch(() => undefined);
    while (sns.commandCalls(PublishCommand).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    dead = false;

    // Act: Lambda retries one minute after the timeout, and two minutes after that
    setClock('2026-11-27T03:02:00Z');
    const first = handler(handedOver('hand-1'), context());
    await first.catch(() => undefined);
    setClock('2026-11-27T03:04:00Z');
    const last = await handler(handedOver('hand-1'), context());

    // Assess
    await expect(first).rejects.toThrow('running in another invocation');
    expect(last).toMatchObject({ status: 'done', model: 'churn' });
  });

  it('sends nothing again when the same hand-over is delivered twice', async () => {
    // Prepare
    await handler(handedOver('hand-1'), context());

    // Act
    const again = await handler(handedOver('hand-1'), context());

    // Assess
    expect(again).toMatchObject({ status: 'ignored', reason: 'these links were sent already' });
    expect(notificationsSent()).toHaveLength(2);
  });

  it('sends nothing again when the handing-over function is retried and hands the same links over anew', async () => {
    // Prepare: the function published the hand-over, then failed (its chat card, its outbox entry's removal) and
    // was retried: EventBridge gives each PutEvents a new event id, the notification is the same.
    await handler(handedOver('hand-1'), context());
    const reordered = handedOver('hand-1b');
    const { links, ...rest } = reordered.detail.notification;
    reordered.detail.notification = { links, ...rest } as typeof rest & { links: typeof links };

    // Act
    const again = await handler(reordered, context());

    // Assess
    expect(again).toMatchObject({ status: 'ignored', reason: 'these links were sent already' });
    expect(notificationsSent().map((p) => p.MessageAttributes?.approver?.StringValue)).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
  });

  it('sends a retried hand-over only to the approvers its failed attempt did not reach', async () => {
    // Prepare
    sns.on(PublishCommand).resolvesOnce({ MessageId: 'm-alice' }).rejectsOnce(throttled());
    await expect(
      handler(handedOver('hand-1', ['alice@example.com', 'bob@example.com', 'carol@example.com']), context()),
    ).rejects.toThrow('Rate exceeded');
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });

    // Act
    const retried = await handler(
      handedOver('hand-1', ['alice@example.com', 'bob@example.com', 'carol@example.com']),
      context(),
    );

    // Assess
    expect(retried).toMatchObject({ status: 'done', model: 'churn' });
    expect(notificationsSent().map((p) => p.MessageAttributes?.approver?.StringValue)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
  });

  it('rejects a hand-over without approvers, and sends nothing', async () => {
    // Act
    const result = await handler(handedOver('hand-2', []), context());

    // Assess
    expect(result).toMatchObject({ status: 'rejected' });
    expect(notificationsSent()).toEqual([]);
  });

  it.each([
    ['a century', 24 * 365 * 100],
    ['8/7 hours, which end on no whole second', 8 / 7],
  ])('rejects a hand-over whose links would live %s, and signs nothing', async (_, ttlHours) => {
    // Act
    const result = await handler(handedOver('hand-3', ['alice@example.com'], ttlHours), context());

    // Assess
    expect(result).toEqual({ status: 'rejected', problems: [expect.stringMatching(/links\.ttlHours: /)] });
    expect(notificationsSent()).toEqual([]);
  });
});
