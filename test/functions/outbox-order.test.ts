import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Decider } from '../../shared/app/decider';
import type { OutboxOrder } from '../../shared/app/outbox-order';
import { useClock } from '../../shared/clock';
import type { Action } from '../../shared/domain/actions';
import { logger, metrics } from '../../shared/observability/logger';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import { StateStore } from '../../shared/state/store';
import { LEASE_MS, deploymentKey } from '../../shared/state/keys';
import { DEPLOYMENT_ITEM } from '../../shared/state/kinds/deployment';
import { clearTable, createTable } from '../helpers/dynamo';

let virtual = Date.parse('2026-11-27T06:00:00Z');
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const store = new StateStore(doc, process.env.TABLE_NAME!);
const key = deploymentKey('churn-prod');
const empty = emptyDeploymentState('churn-prod');
const at = (version: number) => ({ ...empty, version });
const note = (id: string): Action => ({
  type: 'record',
  entry: { model: 'churn', at: '', id, type: 'T', message: id },
});
const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

/** What the table's outbox holds: each entry's timeline id and lease end. */
const outbox = async () => {
  const { Item } = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME!, Key: key }));
  const entries = Object.values(Item!.outbox as Record<string, { id: string; action: Action; leaseUntil: number }>);
  return entries
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) => ({ id: e.action.type === 'record' ? e.action.entry.id : e.id, leaseUntil: e.leaseUntil }));
};

/** Two decisions left by invocations that died: `stuck` (AWS throttles it every time) and `later`. */
async function leftovers(): Promise<void> {
  await store.save(key, at(0), [], at(1), [note('stuck'), note('after-stuck')], new Date(virtual));
  const { outbox: first } = await store.get(key, empty, DEPLOYMENT_ITEM);
  await store.save(key, at(1), first, at(2), [note('later')], new Date(virtual));
  virtual += LEASE_MS + 1_000;
}

/** A Decider of the given order whose requests AWS throttles for `stuck`; returns what it performed. */
function deciderOf(order: OutboxOrder): { decider: Decider; performed: string[] } {
  const performed: string[] = [];
  const perform = async (action: Action) => {
    const id = action.type === 'record' ? action.entry.id : action.type;
    if (id === 'stuck') throw throttled;
    performed.push(id);
  };
  return {
    decider: new Decider({ store, logger, metrics, clock: () => new Date(virtual) }, perform, order),
    performed,
  };
}

const event = (s: typeof empty) => ({
  state: s,
  actions: [note('event')],
  metrics: [],
  log: { message: 'an event decided' },
});

beforeAll(createTable);
beforeEach(async () => {
  await clearTable();
  jest.restoreAllMocks();
  virtual = Date.parse('2026-11-27T06:00:00Z');
  useClock(() => new Date(virtual));
});
afterAll(() => useClock(() => new Date()));

describe('an outbox entry that keeps failing', () => {
  it('holds back only its own decision where decisions are apart: the rest is done, its error thrown', async () => {
    // Prepare
    await leftovers();
    const { decider, performed } = deciderOf('decision');

    // Act
    const result = decider.apply(key, empty, DEPLOYMENT_ITEM, event);

    // Assess
    await expect(result).rejects.toBe(throttled);
    expect(performed).toEqual(['later', 'event']);
    expect(await outbox()).toEqual([
      { id: 'stuck', leaseUntil: 0 },
      { id: 'after-stuck', leaseUntil: 0 },
    ]);
  });

  it('holds back everything after it where the item keeps order, and says which entry it waits for', async () => {
    // Prepare
    await leftovers();
    const { decider, performed } = deciderOf('item');
    const warn = jest.spyOn(logger, 'warn');
    const addMetric = jest.spyOn(metrics, 'addMetric');

    // Act
    const result = decider.apply(key, empty, DEPLOYMENT_ITEM, event);

    // Assess: nothing overtakes it, all is given back for the retry, and the stuck entry is named
    await expect(result).rejects.toBe(throttled);
    expect(performed).toEqual([]);
    expect(await outbox()).toEqual(['stuck', 'after-stuck', 'later', 'event'].map((id) => ({ id, leaseUntil: 0 })));
    expect(warn).toHaveBeenCalledWith('outbox held back by a failing entry', {
      key,
      stuck: '0000000001-000',
      action: 'record',
      since: '2026-11-27T06:00:00.000Z',
      error: { name: 'ThrottlingException', message: 'Rate exceeded' },
      waiting: ['0000000001-001', '0000000002-000', '0000000003-000'],
    });
    expect(addMetric).toHaveBeenCalledWith('OutboxBlocked', 'Count', 1);
  });
});
