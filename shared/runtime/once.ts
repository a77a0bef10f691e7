// Work that must happen once per event, though EventBridge may deliver it twice: claimed in the table by the event's
// id (leased, expiring after a week), given back when the work fails so that Lambda's retry does it again.
import { runKey } from '../state/keys';
import { runClaims } from './clients';

const KEEP_DAYS = 7;

export type Once<T> = { ran: true; result: T } | { ran: false };

/** Whether the work of this event was claimed already: done, or running in an invocation that holds it. */
export const claimed = async (job: string, eventId: string): Promise<boolean> =>
  (await runClaims().status(runKey(job, eventId))) !== undefined;

/** `leaseMs`: longer than the function can run, so a live invocation is never taken over. */
export async function oncePerEvent<T>(
  job: string,
  eventId: string,
  leaseMs: number,
  work: () => Promise<T>,
): Promise<Once<T>> {
  const run = runKey(job, eventId);
  const claim = await runClaims().claim(run, leaseMs, KEEP_DAYS);
  if (claim === 'done') return { ran: false };
  // Thrown, so Lambda retries: the invocation holding the claim may still fail and give it back.
  if (claim === 'running') throw new Error(`${job} of event ${eventId} is running in another invocation`);
  let result: T;
  try {
    result = await work();
  } catch (err) {
    await runClaims().release(run);
    throw err;
  }
  await runClaims().finish(run);
  return { ran: true, result };
}

/**
 * Runs `work` unless it ran in the last `leaseMs` for this key: the claim is never marked done, so it lapses and the
 * work may run again, and a failed run gives it back at once. True when the work ran now.
 */
export async function atMostOncePer(job: string, key: string, leaseMs: number, work: () => Promise<void>) {
  const run = runKey(job, key);
  if ((await runClaims().claim(run, leaseMs, KEEP_DAYS)) !== 'claimed') return false;
  try {
    await work();
  } catch (err) {
    await runClaims().release(run);
    throw err;
  }
  return true;
}
