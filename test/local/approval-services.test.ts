// What the local cloud adds for approval links, driven by the real SDK clients: the inbox file every SNS message
// is appended to, and Secrets Manager's version stages through a rotation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SecretsManagerEmulator } from '../../local/secrets';
import { startLocalServer, type LocalServer } from '../../local/server';
import { SnsEmulator } from '../../local/sns';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:shepherd-local-notifications';
const options = (url: string) => ({
  endpoint: url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

let server: LocalServer;
let dir: string;
let secrets: SecretsManagerEmulator;
const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 1);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shepherd-inbox-'));
  secrets = new SecretsManagerEmulator({ clock });
  const sns = new SnsEmulator({
    clock,
    timeline: new Timeline(clock, false),
    topics: [TOPIC],
    outboxFile: join(dir, 'outbox.jsonl'),
  });
  server = await startLocalServer({ services: { sns: sns.handle, secretsmanager: secrets.handle } });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local inbox', () => {
  it('appends every published message as one JSON line of topic, subject, message and attributes', async () => {
    // Prepare
    const client = new SNSClient(options(server.url));
    const attributes = { approver: { DataType: 'String', StringValue: 'a@example.com' } };

    // Act
    await client.send(new PublishCommand({ TopicArn: TOPIC, Subject: 'one', Message: 'line 1\nline 2' }));
    await client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'two', MessageAttributes: attributes }));
    client.destroy();

    // Assess
    const lines = readFileSync(join(dir, 'outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { topicArn: TOPIC, subject: 'one', message: 'line 1\nline 2', attributes: {} },
      { topicArn: TOPIC, message: 'two', attributes: { approver: 'a@example.com' } },
    ]);
  });
});

describe('Secrets Manager', () => {
  it('generates a key; a new value makes it AWSPREVIOUS, which did not exist before', async () => {
    // Prepare
    const arn = secrets.generate('shepherd-local-approval-link-key');
    const client = new SecretsManagerClient(options(server.url));
    const value = async (stage?: string) =>
      (await client.send(new GetSecretValueCommand({ SecretId: arn, ...(stage ? { VersionStage: stage } : {}) })))
        .SecretString;
    const first = await value();
    const before = await value('AWSPREVIOUS').catch((err: unknown) => err);

    // Act
    await client.send(
      new PutSecretValueCommand({ SecretId: 'shepherd-local-approval-link-key', SecretString: 'n'.repeat(64) }),
    );
    const [current, previous] = [await value(), await value('AWSPREVIOUS')];
    client.destroy();

    // Assess
    expect(first).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(before).toBeInstanceOf(ResourceNotFoundException);
    expect([current, previous]).toEqual(['n'.repeat(64), first]);
  });
});
