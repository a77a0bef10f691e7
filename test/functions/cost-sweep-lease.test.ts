// The scheduled sweep's claim on its run: a short lease the live sweep keeps renewing, so Lambda's retry of a sweep
// that died takes it over a minute later, a duplicate of a live one does nothing, and a sweep whose lease another
// invocation took over stops. Dying is hanging here: a dead invocation renews nothing, as its timer is not advanced.
import { listenToMetrics } from '../helpers/emf';
import { SearchCommand } from '@aws-sdk/client-sagemaker';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler } from '../../functions/cost-sweep';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { mockAccount, type MockEndpoint, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';

const emf = listenToMetrics();
const START = '2026-11-30T06:00:00Z';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

beforeAll(createTable);
beforeEach(async () => {
  await resetCostAccount();
  emf.clear();
  // The clock and the renewal timer are fake; the SDK's own timers (setTimeout) keep running.
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'],
  });
  jest.setSystemTime(new Date(START));
});
afterEach(() => jest.useRealTimers());
afterAll(() => emf.stop());

const busy: MockEndpoint = { name: 'ok-one', variants: [{ name: 'v1', count: 2, invocations: 5000, cpu: 60 }] };
const scheduled = () => fixture('scheduled-event', { id: 'tick-1' });
/** The costSweep function's invocation: ten minutes to run, its timeout. */
const invocation = () => ({ ...context(), getRemainingTimeInMillis: () => 600_000 });
const at = (seconds: number) => jest.setSystemTime(new Date(Date.parse(START) + seconds * 1000));
const realPause = () => new Promise((resolve) => setTimeout(resolve, 10));

async function until(what: string, holds: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++)
    if (await holds()) return;
    else await realPause();
  throw new Error(`never: ${what}`);
}

const leaseUntil = async (): Promise<number> => {
  const key = { pk: 'RUN#costSweep', sk: 'tick-1' };
  const { Item } = await doc.send(
    new GetCommand({ TableName: process.env.TABLE_NAME!, Key: key, ConsistentRead: true }),
  );
  return Number(Item?.leaseUntil);
};

/**
 * The first delivery's sweep, claimed and stopped in its first Search until released (with no endpoint); the rest
 * of the account, read beside it, is mocked first. `mockAccount` answers Search again for the deliveries after it.
 */
async function sweepHeldInSearch() {
  mockAccount([busy]);
  let release!: () => void;
  const released = new Promise<{ Results: [] }>((resolve) => (release = () => resolve({ Results: [] })));
  sagemaker.on(SearchCommand).callsFake(() => released);
  const run = handler(scheduled(), invocation());
  // A run left hanging ends at its timeout: that end must not surface in a later test file.
  run.catch(() => undefined);
  await until('the first sweep searches', () => sagemaker.commandCalls(SearchCommand).length === 1);
  return { run, release };
}

/** The sweep lives on for `seconds`: its renewal timer fires, and its lease stays ahead of the clock. */
async function livesFor(seconds: number) {
  for (let s = 0; s < seconds; s += 5) {
    jest.advanceTimersByTime(5_000);
    await until('the lease is renewed', async () => (await leaseUntil()) > Date.now());
  }
}

describe('the scheduled sweep’s lease', () => {
  it('is taken over by Lambda’s retry a minute after a sweep died early, and the retry sweeps', async () => {
    // Prepare: the first sweep claims the run and dies in its first minute (out of memory), renewing nothing
    await sweepHeldInSearch();
    mockAccount([busy]);

    // Act: Lambda's first retry, a minute after the death
    at(70);
    const retried = await handler(scheduled(), invocation());

    // Assess
    expect(retried).toMatchObject({ status: 'done' });
    expect(notificationsSent()).toHaveLength(1);
  });

  it('keeps a duplicate delivery from sweeping while the first sweep runs and renews its lease', async () => {
    // Prepare
    const first = await sweepHeldInSearch();
    await livesFor(120);

    // Act
    const duplicate = handler(scheduled(), invocation());

    // Assess: refused (thrown, so Lambda retries it should the first die), no second search, no mail yet
    await expect(duplicate).rejects.toThrow('costSweep of event tick-1 is running in another invocation');
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(1);
    first.release();
    await expect(first.run).resolves.toMatchObject({ status: 'done' });
    expect(notificationsSent()).toHaveLength(1);
  });

  it('stops a sweep that lost its lease to a retry before it acts or mails, logging and counting it', async () => {
    // Prepare: the first sweep stalls past its lease, unrenewed; the retry takes over and sweeps
    const first = await sweepHeldInSearch();
    mockAccount([busy]);
    at(70);
    await expect(handler(scheduled(), invocation())).resolves.toMatchObject({ status: 'done' });
    emf.clear();

    // Act: the first sweep's search answers at last
    first.release();
    const stopped = await first.run;

    // Assess
    expect(stopped).toMatchObject({ status: 'ignored', reason: 'another invocation took this sweep over' });
    expect(notificationsSent()).toHaveLength(1);
    expect(emf.metrics()).toMatchObject({ SweepLeaseLost: 1 });
  });
});
