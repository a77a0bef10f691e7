// The SSM Parameter Store emulator behind the local server, driven by the real SSM client.
import {
  GetParameterCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { startLocalServer, type LocalServer } from '../../local/server';
import { SsmEmulator } from '../../local/ssm';

const start = new Date('2026-11-27T06:00:00Z');

describe('SSM emulator', () => {
  let server: LocalServer;
  let client: SSMClient;
  let timeline: Timeline;

  beforeEach(async () => {
    const clock = new Clock(start, 1);
    timeline = new Timeline(clock, false);
    const ssm = new SsmEmulator({ clock, timeline });
    server = await startLocalServer({ services: { ssm: ssm.handle } });
    client = new SSMClient({
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

  it('returns a SecureString in clear only when asked to decrypt', async () => {
    // Prepare
    await client.send(
      new PutParameterCommand({ Name: '/shepherd/local/link-key', Value: 's3cret', Type: 'SecureString' }),
    );

    // Act
    const clear = await client.send(
      new GetParameterCommand({ Name: '/shepherd/local/link-key', WithDecryption: true }),
    );
    const opaque = await client.send(new GetParameterCommand({ Name: '/shepherd/local/link-key' }));

    // Assess
    expect(clear.Parameter).toMatchObject({
      Name: '/shepherd/local/link-key',
      Type: 'SecureString',
      Value: 's3cret',
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/shepherd/local/link-key',
    });
    expect(clear.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(opaque.Parameter?.Value).not.toContain('s3cret');
    expect(timeline.lines.map((l) => l.message).join('\n')).not.toContain('s3cret');
  });

  it('surfaces a missing parameter as ParameterNotFound', async () => {
    // Act
    const err = await client.send(new GetParameterCommand({ Name: '/shepherd/missing' })).catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(ParameterNotFound);
    expect(err).toMatchObject({ name: 'ParameterNotFound' });
  });

  it('refuses to replace a parameter without Overwrite, and versions it with Overwrite', async () => {
    // Prepare
    await client.send(new PutParameterCommand({ Name: 'threshold', Value: '0.1', Type: 'String' }));

    // Act
    const refused = await client
      .send(new PutParameterCommand({ Name: 'threshold', Value: '0.2', Type: 'String' }))
      .catch((e: unknown) => e);
    const replaced = await client.send(new PutParameterCommand({ Name: 'threshold', Value: '0.3', Overwrite: true }));
    const got = await client.send(new GetParameterCommand({ Name: 'threshold' }));

    // Assess
    expect(refused).toBeInstanceOf(ParameterAlreadyExists);
    expect(replaced.Version).toBe(2);
    expect(got.Parameter).toMatchObject({ Value: '0.3', Type: 'String', Version: 2 });
  });

  it('reports names it does not hold as InvalidParameters in GetParameters', async () => {
    // Prepare
    await client.send(new PutParameterCommand({ Name: '/a', Value: '1', Type: 'String' }));

    // Act
    const out = await client.send(new GetParametersCommand({ Names: ['/a', '/b'] }));

    // Assess
    expect(out.Parameters?.map((p) => p.Name)).toEqual(['/a']);
    expect(out.InvalidParameters).toEqual(['/b']);
  });

  it('requires a type when creating a parameter', async () => {
    // Act
    const err = await client.send(new PutParameterCommand({ Name: '/new', Value: 'v' })).catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: 'A parameter type is required when you create a parameter.',
    });
  });
});
