// What a claimed run is promised: the terms it is claimed on, the claim it holds while it runs, and what became of
// it. Apart from how run-claims.ts keeps claims in the table, which those who run work under a claim need not read.
import type { Key } from './keys';

/**
 * What became of a run: it ran under its claim, or another holds the claim (`running`) or ran it (`done`).
 * `notDone`: why a run that succeeded could not be marked done (for the caller to log): its claim lapses with its
 * lease instead.
 */
export type ClaimedRun<T> = { claim: 'claimed'; result: T; notDone?: unknown } | { claim: 'running' | 'done' };

export interface RunTerms {
  /** Longer than the function can run, so a live invocation's claim is never taken over. */
  leaseMs: number;
  /** How long the claim is kept in the table (its TTL). */
  keepDays: number;
  /**
   * After a run that succeeded: `finish` marks it done, so it never runs again while the claim is kept; `lapse`
   * leaves the claim to run out with its lease, so the work may run again after it (at most once per lease).
   */
  afterwards: 'finish' | 'lapse';
}

/** The claim a run holds: its `claimToken`, which a takeover always replaces, so only the holder can write it. */
export interface HeldClaim {
  key: Key;
  token: string;
  /** When the lease this claim was taken with ends (epoch ms, `leaseNow`'s clock). */
  leaseUntil: number;
}
