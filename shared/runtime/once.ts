// Work that must happen once per event, though EventBridge may deliver it twice: claimed in the table by the event's
// id (leased, expiring after a week), given back when the work fails so that Lambda's retry does it again.
import { logger } from '../observability/logger';
import { runKey } from '../state/keys';
import type { HeldClaim } from '../state/run-claim-terms';
import { runClaimRenewals, runClaims } from './clients';
import { type LeaseTerms, RenewedLease } from './renewed-lease';

const KEEP_DAYS = 7;

/**
 * The lease of a function that runs a minute at most (the stack's default timeout): longer than it can run, so a live
 * invocation is never taken over, and shorter than the three minutes after a failure at which Lambda makes its last
 * retry (docs/aws-events.md), so the retry of an invocation that died, holding the claim, takes it over instead of
 * finding it running and ending in the dead-letter queue.
 */
export const ONE_MINUTE_RUN_LEASE_MS = 2 * 60_000;

export type Once<T> = { ran: true; result: T } | { ran: false };

/** Whether the work of this event was claimed already: done, or running in an invocation that holds it. */
export const claimed = (job: string, eventId: string): Promise<boolean> => runClaims().held(runKey(job, eventId));

/** `leaseMs`: longer than the function can run, so a live invocation is never taken over. */
export async function oncePerEvent<T>(
  job: string,
  eventId: string,
  leaseMs: number,
  work: (held: HeldClaim) => Promise<T>,
): Promise<Once<T>> {
  const run = await runClaims().run(runKey(job, eventId), { leaseMs, keepDays: KEEP_DAYS, afterwards: 'finish' }, work);
  if (run.claim === 'claimed' && run.notDone) {
    const message = 'work done but not marked done: a duplicate delivered after its lease would run it again';
    logger.error(message, { job, eventId, error: run.notDone });
  }
  // Thrown, so Lambda retries: the invocation holding the claim may still fail and give it back.
  if (run.claim === 'running') throw new Error(`${job} of event ${eventId} is running in another invocation`);
  return run.claim === 'claimed' ? { ran: true, result: run.result } : { ran: false };
}

/**
 * `oncePerEvent` for work that may run longer than Lambda's first retry comes after a failure: its lease is short
 * and renewed while it runs (docs/aws-events.md). `work` asks `lease.keep()` before each step that must not be done
 * twice, and stops when it answers false: another invocation took the work over.
 */
export function oncePerEventRenewed<T>(
  job: string,
  eventId: string,
  terms: LeaseTerms,
  work: (lease: RenewedLease) => Promise<T>,
): Promise<Once<T>> {
  return oncePerEvent(job, eventId, terms.leaseMs, async (held) => {
    const lease = new RenewedLease(runClaimRenewals(), held, terms, (error) =>
      logger.warn('lease not renewed: renewed again before it lapses', { job, eventId, error }),
    );
    lease.start();
    try {
      return await work(lease);
    } finally {
      await lease.stop();
    }
  });
}

/**
 * Runs `work` unless it ran in the last `leaseMs` for this key: the claim is never marked done, so it lapses and the
 * work may run again, and a failed run gives it back at once. True when the work ran now.
 */
export async function atMostOncePer(job: string, key: string, leaseMs: number, work: () => Promise<void>) {
  const terms = { leaseMs, keepDays: KEEP_DAYS, afterwards: 'lapse' } as const;
  return (await runClaims().run(runKey(job, key), terms, work)).claim === 'claimed';
}
