import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Decider } from '../../shared/app/decider';
import { useClock } from '../../shared/clock';
import type { Action } from '../../shared/domain/actions';
import { logger, metrics } from '../../shared/observability/logger';
import { StateStore } from '../../shared/state/store';
import { LEASE_MS, trainingKey } from '../../shared/state/keys';
import { clearTable, createTable } from '../helpers/dynamo';

// Shepherd's clock as the local cloud sets it: virtual time that runs apart from the wall clock.
let virtual = Date.parse('2026-11-27T06:00:00Z');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const store = new StateStore(doc, process.env.TABLE_NAME!);
const key = trainingKey('churn');
const note: Action = { type: 'record', entry: { model: 'churn', at: '', id: 'n', type: 'T', message: 'm' } };

// What the table holds, read past the store: the lease AWS would judge the next claim by.
const leaseOf = async (id: string) => {
  const { Item } = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME!, Key: key }));
  return Item?.outbox[id].leaseUntil;
};

beforeAll(createTable);
beforeEach(async () => {
  await clearTable();
  virtual = Date.parse('2026-11-27T06:00:00Z');
  useClock(() => new Date(virtual));
});
afterAll(() => useClock(() => new Date()));

describe('outbox leases', () => {
  it('run out on the clock Shepherd decides by: a crashed invocation leaves entries taken over later', async () => {
    // Prepare: an invocation wrote its decision and died before performing it
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));

    // Act: no wall time passes, but more than a lease of Shepherd's
    const early = await store.claimOutboxEntry(key, entry!);
    virtual += LEASE_MS + 1_000;
    const late = await store.claimOutboxEntry(key, entry!);

    // Assess
    expect(early).toBeUndefined();
    expect(late).toEqual({ ...entry, leaseUntil: virtual + LEASE_MS });
    expect(await leaseOf(entry!.id)).toBe(virtual + LEASE_MS);
  });

  it('are held again by whoever took the entry over, for a whole lease', async () => {
    // Prepare
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));
    virtual += LEASE_MS + 1_000;
    await store.claimOutboxEntry(key, entry!);

    // Act
    virtual += LEASE_MS - 1_000;
    const again = await store.claimOutboxEntry(key, entry!);

    // Assess
    expect(again).toBeUndefined();
  });

  it('are given back at once by the invocation that holds them, after it failed', async () => {
    // Prepare
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));

    // Act
    await store.releaseOutboxEntries(key, [entry!]);
    const retry = await store.claimOutboxEntry(key, entry!);

    // Assess
    expect(retry).toBeDefined();
  });

  it('are not given back by an invocation that outlived its lease: the one that took over keeps it', async () => {
    // Prepare: the writer ran past its lease, and another invocation took the entry over
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));
    virtual += LEASE_MS + 1_000;
    const takeover = await store.claimOutboxEntry(key, entry!);

    // Act: the late writer fails and gives back what it believes it holds
    await store.releaseOutboxEntries(key, [entry!]);
    const third = await store.claimOutboxEntry(key, entry!);

    // Assess
    expect(third).toBeUndefined();
    expect(await leaseOf(entry!.id)).toBe(takeover!.leaseUntil);
  });

  it('are given back at once by an invocation that took a leftover over and failed to perform it', async () => {
    // Prepare: an invocation died after deciding; a later one takes the entry over and AWS throttles it
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));
    virtual += LEASE_MS + 1_000;
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const decider = new Decider({ store, logger, metrics, clock: () => new Date(virtual) }, () =>
      Promise.reject(throttled),
    );

    // Act
    const failure = await decider.finishLeftovers(key, [entry!]).catch((err: Error) => err);

    // Assess: Lambda retries, and its retry need not wait out the lease the failed invocation took
    expect(failure).toBe(throttled);
    expect(await leaseOf(entry!.id)).toBe(0);
  });
});
