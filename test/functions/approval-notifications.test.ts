// What approvers and chat channels receive: one message per approver with their own links and the `approver`
// attribute, and one Chatbot card per notification that carries no link that decides.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { NotificationsAdapter } from '../../shared/aws/sns';
import type { Notification } from '../../shared/domain/actions';
import { linkPublications } from '../../shared/domain/approval/links';
import { verifyToken } from '../../shared/domain/approval/token';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:shepherd-test-notifications';
const CHAT = 'arn:aws:sns:us-east-1:123456789012:shepherd-test-chat';
const KEY = 'k'.repeat(48);
const NOW = new Date('2026-11-27T03:00:00Z');
const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7';

const request: Notification = {
  kind: 'approval',
  severity: 'info',
  model: 'churn',
  subject: '[Shepherd] churn: approve model validation:auc=0.91?',
  message: 'A new model of churn passed its quality gate and awaits approval.',
  links: {
    subject: ARN,
    actions: ['approve', 'reject'],
    approvers: ['alice@example.com', 'bob@example.com'],
    ttlHours: 24,
  },
  chat: {
    title: 'churn: approve model 7?',
    description: 'A new model of churn awaits approval.',
    nextSteps: ['Approve: `npx shepherd approve churn --version 7 --reason "…"`'],
  },
};

let nonces = 0;
const adapter = (chatTopicArn?: string) =>
  new NotificationsAdapter(new SNSClient({}), TOPIC, {
    ...(chatTopicArn ? { chatTopicArn } : {}),
    signLinks: async (n) =>
      linkPublications(n, n.links!, {
        key: KEY,
        baseUrl: 'https://x.lambda-url.us-east-1.on.aws/',
        now: NOW,
        nonce: () => `nonce-${String(++nonces).padStart(16, '0')}`,
      }),
  });
const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('approval notifications', () => {
  it('sends each approver one message, filtered by `approver`, with Approve and Reject links of theirs', async () => {
    // Act
    await adapter().notify(request);

    // Assess
    const sent = published();
    expect(sent.map((p) => [p.TopicArn, p.MessageAttributes?.approver?.StringValue])).toEqual([
      [TOPIC, 'alice@example.com'],
      [TOPIC, 'bob@example.com'],
    ]);
    const links = [...sent[0]!.Message!.matchAll(/(Approve|Reject): (https:\S+)/g)].map((m) => new URL(m[2]!));
    expect(links.map((u) => u.pathname)).toEqual(['/approve', '/reject']);
    const claims = links.map((u) => verifyToken(u.searchParams.get('t')!, [KEY], NOW, u.pathname.slice(1) as never));
    expect(claims.map((c) => (c.ok ? [c.claims.approver, c.claims.subject, c.claims.expiresAt] : c))).toEqual([
      ['alice@example.com', ARN, NOW.getTime() / 1000 + 24 * 3600],
      ['alice@example.com', ARN, NOW.getTime() / 1000 + 24 * 3600],
    ]);
    expect(sent[1]!.Message).not.toContain(links[0]!.searchParams.get('t'));
    expect(sent[0]!.MessageAttributes?.kind?.StringValue).toBe('approval');
  });

  it('gives the chat topic one Chatbot card, with the CLI command and no link that decides', async () => {
    // Act
    await adapter(CHAT).notify(request);

    // Assess
    const chat = published().filter((p) => p.TopicArn === CHAT);
    expect(chat).toHaveLength(1);
    const card = JSON.parse(chat[0]!.Message!);
    expect(card).toMatchObject({ version: '1.0', source: 'custom', content: { textType: 'client-markdown' } });
    expect(card.content.nextSteps[0]).toContain('npx shepherd approve churn --version 7');
    expect(chat[0]!.Message).not.toMatch(/\?t=v1\./);
    expect(chat[0]!.MessageAttributes?.approver).toBeUndefined();
  });

  it('sends a notification without approvers or links once, as before', async () => {
    // Act
    await adapter(CHAT).notify({ ...request, links: { ...request.links!, approvers: [] }, chat: undefined });

    // Assess
    const sent = published();
    expect(sent.map((p) => p.TopicArn)).toEqual([TOPIC, CHAT]);
    expect(sent[0]!.Message).toBe(request.message);
    expect(JSON.parse(sent[1]!.Message!).content.title).toBe(request.subject);
  });

  it('hands a notification with links to the key holder, not to SNS, and still sends the chat card', async () => {
    // Prepare
    const forwarded: Notification[] = [];
    const forwarding = new NotificationsAdapter(new SNSClient({}), TOPIC, {
      chatTopicArn: CHAT,
      forwardLinks: async (n) => {
        forwarded.push(n);
      },
    });

    // Act
    await forwarding.notify(request);

    // Assess
    expect(forwarded).toEqual([request]);
    expect(published().map((p) => p.TopicArn)).toEqual([CHAT]);
  });
});
