// A claim renewed by the run that holds it, and the claims the code before renewals wrote (no claim token).
import { runKey } from '../../shared/state/keys';
import type { HeldClaim, RunTerms } from '../../shared/state/run-claim-terms';
import { createTable, putItem, runClaimRenewals, runClaims } from '../helpers/dynamo';
import { setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:00:00Z' }));

const KEY = runKey('costSweep', 'event-1');
const SHORT: RunTerms = { leaseMs: 50_000, keepDays: 7, afterwards: 'finish' };
const counted = () => jest.fn(async () => 'ran');

/** A run that claims KEY and works until told to finish; its held claim, for renewing. */
async function holdingRun() {
  let finish!: () => void;
  let held!: HeldClaim;
  const claims = runClaims();
  const run = claims.run(KEY, SHORT, (claim) => {
    held = claim;
    return new Promise<void>((resolve) => (finish = resolve));
  });
  while (!held) await new Promise((resolve) => setImmediate(resolve));
  return { claims, run, held, finish: () => finish() };
}

describe('a claim', () => {
  it('is not taken over past its first lease while its run renews it', async () => {
    // Prepare
    const { claims, held } = await holdingRun();
    const work = counted();

    // Act: renewed at 40 s; a duplicate at 80 s, past the first lease's end (50 s)
    setClock('2026-11-27T03:00:40Z');
    const renewed = await runClaimRenewals().renew(held, SHORT.leaseMs);
    setClock('2026-11-27T03:01:20Z');
    const duplicate = await claims.run(KEY, SHORT, work);

    // Assess
    expect([renewed, duplicate]).toEqual([true, { claim: 'running' }]);
    expect(work).not.toHaveBeenCalled();
  });

  it('cannot be renewed by a run whose claim another took over, and is left to that one', async () => {
    // Prepare: the first run stalls past its lease, unrenewed; a retry takes the claim over
    const { claims, held, run, finish } = await holdingRun();
    setClock('2026-11-27T03:01:00Z');
    const takeover = await holdingRun();

    // Act
    const renewed = await runClaimRenewals().renew(held, SHORT.leaseMs);
    finish();
    await run;

    // Assess: the takeover's claim still runs, and is still its own to renew
    expect(renewed).toBe(false);
    expect(await claims.status(KEY)).toBe('running');
    expect(await runClaimRenewals().renew(takeover.held, SHORT.leaseMs)).toBe(true);
  });

  it('written before renewals (no token) runs until its recorded lease end, then is taken over', async () => {
    // Prepare: a claim as that code wrote it, its lease ending at 03:10:30
    const leaseUntil = Date.parse('2026-11-27T03:10:30Z');
    await putItem({ ...KEY, status: 'running', leaseUntil, expiration: 1_764_817_200 });
    const claims = runClaims();
    const work = counted();

    // Act
    setClock('2026-11-27T03:10:29Z');
    const before = await claims.run(KEY, SHORT, work);
    setClock('2026-11-27T03:10:31Z');
    const after = await claims.run(KEY, SHORT, work);

    // Assess
    expect([before, after]).toEqual([{ claim: 'running' }, { claim: 'claimed', result: 'ran' }]);
  });
});
