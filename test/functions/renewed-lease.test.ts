// The renewal of a run's short lease: by its timer and at the run's own checkpoints, throttled or taken over.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Every, type LeaseTerms, RenewedLease } from '../../shared/runtime/renewed-lease';
import { runKey } from '../../shared/state/keys';
import type { HeldClaim } from '../../shared/state/run-claim-terms';
import { RunClaimRenewals } from '../../shared/state/run-claim-renewals';
import { RunClaims } from '../../shared/state/run-claims';
import { throttled } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { freshWorld } from '../helpers/function-world';
import { setClock } from '../helpers/events';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:00:00Z' }));

const KEY = runKey('costSweep', 'event-1');
const TERMS: LeaseTerms = { leaseMs: 50_000, renewEveryMs: 15_000 };

/** Claims on the test table; `throttle` makes every later UpdateItem (renewal, marking done) fail throttled. */
function claimsOnTable() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const send = doc.send.bind(doc);
  const state = { throttle: false, updates: 0 };
  jest.spyOn(doc, 'send').mockImplementation(((command: unknown) => {
    if (!(command instanceof UpdateCommand)) return send(command as never);
    state.updates++;
    return state.throttle ? Promise.reject(throttled()) : send(command as never);
  }) as never);
  const table = process.env.TABLE_NAME!;
  return { claims: new RunClaims(doc, table), renewals: new RunClaimRenewals(doc, table), state };
}

/** Runs `body` under a claim of KEY, with a lease on it that reports its failed renewals. */
async function underLease(
  { claims, renewals }: { claims: RunClaims; renewals: RunClaimRenewals },
  body: (lease: RenewedLease) => Promise<void>,
  every?: Every,
) {
  const failures: unknown[] = [];
  await claims
    .run(KEY, { leaseMs: TERMS.leaseMs, keepDays: 7, afterwards: 'lapse' }, async (held: HeldClaim) => {
      const lease = new RenewedLease(renewals, held, TERMS, (error) => failures.push(error));
      if (every) lease.start(every);
      await body(lease);
    })
    .catch(() => undefined);
  return failures;
}

describe('a renewed lease', () => {
  it('goes on through a throttled renewal while its lease lasts, and throws it once it may be over', async () => {
    // Prepare
    const { state, ...onTable } = claimsOnTable();
    const answers: unknown[] = [];

    // Act
    const failures = await underLease(onTable, async (lease) => {
      state.throttle = true;
      setClock('2026-11-27T03:00:40Z');
      answers.push(await lease.keep());
      setClock('2026-11-27T03:00:51Z');
      answers.push(await lease.keep().catch((err: Error) => err.name));
    });

    // Assess
    expect(answers).toEqual([true, 'ThrottlingException']);
    expect(failures).toHaveLength(2);
  });

  it('stays lost once a renewal found the claim another’s, and writes no more', async () => {
    // Prepare: the run stalls past its lease; another takes the claim over
    const { state, ...onTable } = claimsOnTable();
    const answers: boolean[] = [];

    // Act
    await underLease(onTable, async (lease) => {
      setClock('2026-11-27T03:01:00Z');
      await onTable.claims.run(KEY, { leaseMs: 50_000, keepDays: 7, afterwards: 'lapse' }, async () => undefined);
      answers.push(await lease.keep());
      const updates = state.updates;
      answers.push(await lease.keep());
      answers.push(state.updates === updates);
    });

    // Assess
    expect(answers).toEqual([false, false, true]);
  });

  it('renews on each tick of its timer, and stops its timer when stopped', async () => {
    // Prepare: a timer the test ticks
    const { state, ...onTable } = claimsOnTable();
    const timer = { tick: () => {}, every: 0, stopped: false };
    const every: Every = (ms, tick) => {
      Object.assign(timer, { tick, every: ms });
      return () => void (timer.stopped = true);
    };
    let updatesAfterTick = 0;

    // Act
    await underLease(
      onTable,
      async (lease) => {
        timer.tick();
        await lease.stop();
        updatesAfterTick = state.updates;
      },
      every,
    );

    // Assess
    expect([timer.every, updatesAfterTick, timer.stopped]).toEqual([15_000, 1, true]);
  });
});
