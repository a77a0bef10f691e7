import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { useClock } from '../../shared/clock';
import type { Action } from '../../shared/domain/actions';
import { StateStore } from '../../shared/state/store';
import { LEASE_MS, trainingKey } from '../../shared/state/keys';
import { clearTable, createTable } from '../helpers/dynamo';

// Shepherd's clock as the local cloud sets it: virtual time that runs apart from the wall clock.
let virtual = Date.parse('2026-11-27T06:00:00Z');
const store = new StateStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), process.env.TABLE_NAME!);
const key = trainingKey('churn');
const note: Action = { type: 'record', entry: { model: 'churn', at: '', id: 'n', type: 'T', message: 'm' } };

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
    const early = await store.claimOutboxEntry(key, entry!.id);
    virtual += LEASE_MS + 1_000;
    const late = await store.claimOutboxEntry(key, entry!.id);

    // Assess
    expect(early).toBe(false);
    expect(late).toBe(true);
  });

  it('are held again by whoever took the entry over, for a whole lease', async () => {
    // Prepare
    const [entry] = await store.save(key, { version: 0 }, [], { version: 1 }, [note], new Date(virtual));
    virtual += LEASE_MS + 1_000;
    await store.claimOutboxEntry(key, entry!.id);

    // Act
    virtual += LEASE_MS - 1_000;
    const again = await store.claimOutboxEntry(key, entry!.id);

    // Assess
    expect(again).toBe(false);
  });
});
