// The EventBridge emulator's PutEvents behind the local server, driven by the real EventBridge client: it refuses
// what EventBridge refuses, so a publisher that works locally works on AWS.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { EventBridgeEmulator } from '../../local/eventbridge/bus';
import { startLocalServer, type LocalServer } from '../../local/server';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('EventBridge emulator', () => {
  let server: LocalServer;
  let bus: EventBridgeEmulator;
  let client: EventBridgeClient;

  beforeEach(async () => {
    const clock = new Clock(new Date('2026-11-27T06:00:00Z'), 1);
    bus = new EventBridgeEmulator({
      clock,
      timeline: new Timeline(clock, false),
      rules: [],
      buses: ['default', 'shepherd'],
      invoke: () => undefined,
    });
    server = await startLocalServer({ services: { events: bus.handle } });
    client = new EventBridgeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
  });

  const entry = (detailBytes: number) => ({
    Source: 'shepherd',
    DetailType: 'Cost Sweep Completed',
    EventBusName: 'shepherd',
    Detail: JSON.stringify({ padding: 'x'.repeat(detailBytes - '{"padding":""}'.length) }),
  });

  it('publishes an entry of just under 256 KB', async () => {
    // Act
    const out = await client.send(new PutEventsCommand({ Entries: [entry(256 * 1024 - 100)] }));

    // Assess
    expect(out.FailedEntryCount).toBe(0);
    expect(bus.published).toHaveLength(1);
  });

  it('refuses a request whose entries total more than 256 KB, and publishes none of them', async () => {
    // Prepare: each entry alone is well within the limit
    const entries = [entry(100 * 1024), entry(100 * 1024), entry(100 * 1024)];

    // Act
    const err = await client.send(new PutEventsCommand({ Entries: entries })).catch((e: unknown) => e);

    // Assess
    expect(err).toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
    expect(bus.published).toHaveLength(0);
  });
});
