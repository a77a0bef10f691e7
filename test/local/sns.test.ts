// The SNS emulator behind the local server, driven by the real SNS client over awsQuery/XML.
import {
  CreateTopicCommand,
  InvalidParameterException,
  InvalidParameterValueException,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { startLocalServer, type LocalServer } from '../../local/server';
import { SnsEmulator } from '../../local/sns';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:shepherd-local-notifications';

describe('SNS emulator', () => {
  let server: LocalServer;
  let sns: SnsEmulator;
  let client: SNSClient;
  let timeline: Timeline;

  beforeEach(async () => {
    const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 1);
    timeline = new Timeline(clock, false);
    sns = new SnsEmulator({ clock, timeline, topics: [TOPIC] });
    server = await startLocalServer({ services: { sns: sns.handle } });
    client = new SNSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  const publish = (input: Partial<ConstructorParameters<typeof PublishCommand>[0]>) =>
    client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'body', ...input }));

  it('delivers a published message with its subject and attributes to the outbox', async () => {
    // Act
    const out = await publish({
      Subject: 'Model churn promoted',
      Message: 'Line 1\r\nLine 2 <b>&amp;</b>',
      MessageAttributes: {
        kind: { DataType: 'String', StringValue: 'promotion' },
        severity: { DataType: 'String', StringValue: 'info' },
        model: { DataType: 'String', StringValue: 'churn' },
      },
    });

    // Assess
    expect(sns.outbox()).toEqual([
      {
        topicArn: TOPIC,
        subject: 'Model churn promoted',
        message: 'Line 1\r\nLine 2 <b>&amp;</b>',
        attributes: { kind: 'promotion', severity: 'info', model: 'churn' },
        at: expect.any(Date),
        messageId: out.MessageId,
      },
    ]);
    expect(timeline.lines.map((l) => `${l.source} ${l.message}`)).toEqual(['sns promotion/info Model churn promoted']);
  });

  it('rejects a topic that does not exist with NotFoundException', async () => {
    // Act
    const err = await publish({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope' }).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(NotFoundException);
    expect(err).toMatchObject({ message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
    expect(sns.outbox()).toHaveLength(0);
  });

  it.each([
    ['longer than 100 characters', 'x'.repeat(101)],
    ['with a line break', 'Drift\non churn'],
    ['with non-ASCII characters', 'Modèle promu'],
  ])('rejects a subject %s with InvalidParameterException', async (_case, subject) => {
    // Act
    const err = await publish({ Subject: subject }).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err).toMatchObject({ message: 'Invalid parameter: Subject' });
  });

  it('accepts a subject of exactly 100 printable characters', async () => {
    // Act
    await publish({ Subject: 's'.repeat(100) });

    // Assess
    expect(sns.outbox()[0]?.subject).toHaveLength(100);
  });

  it('rejects a message over 256 KB, attributes included', async () => {
    // Act
    const err = await publish({
      Message: 'x'.repeat(256 * 1024 - 10),
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'promotion' } },
    }).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(InvalidParameterException);
    expect(err).toMatchObject({ message: 'Invalid parameter: Message too long' });
  });

  it('rejects a message attribute without a value with InvalidParameterValueException', async () => {
    // Act
    const err = await publish({ MessageAttributes: { kind: { DataType: 'String', StringValue: '' } } }).catch(
      (e: unknown) => e,
    );

    // Assess
    expect(err).toBeInstanceOf(InvalidParameterValueException);
  });

  it('creates topics idempotently and lists them', async () => {
    // Act
    const first = await client.send(new CreateTopicCommand({ Name: 'extra' }));
    const again = await client.send(new CreateTopicCommand({ Name: 'extra' }));
    const listed = await client.send(new ListTopicsCommand({}));

    // Assess
    expect(again.TopicArn).toBe(first.TopicArn);
    expect(listed.Topics?.map((t) => t.TopicArn)).toEqual([TOPIC, 'arn:aws:sns:us-east-1:123456789012:extra']);
  });
});
