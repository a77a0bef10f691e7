// A run's claim kept by a short lease that the live run renews: the retry of a run that died (its timer died with
// it) takes the claim over as soon as the lease lapses, while a live run's never lapses.
import { leaseNow } from '../state/keys';
import type { HeldClaim } from '../state/run-claim-terms';
import type { RunClaimRenewals } from '../state/run-claim-renewals';

export interface LeaseTerms {
  leaseMs: number;
  /** Well under `leaseMs`: a renewal that fails (throttled) leaves the lease to the next one before it lapses. */
  renewEveryMs: number;
}

/** Calls `tick` every `ms` until the returned stop is called. */
export type Every = (ms: number, tick: () => void) => () => void;

export const everyInterval: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  // The run's own work keeps the invocation alive, never its renewals.
  timer.unref();
  return () => clearInterval(timer);
};

export class RenewedLease {
  private lost = false;
  /** The end of the lease last written, or earlier: measured before the write. */
  private until: number;
  private renewing: Promise<unknown> = Promise.resolve();
  private stopTimer: () => void = () => undefined;

  constructor(
    private readonly claims: RunClaimRenewals,
    private readonly held: HeldClaim,
    private readonly terms: LeaseTerms,
    /** A renewal that failed other than by its condition (throttled): reported, and tried again at the next. */
    private readonly renewalFailed: (error: unknown) => void,
    private readonly now: () => number = leaseNow,
  ) {
    this.until = held.leaseUntil;
  }

  start(every: Every = everyInterval): void {
    // A failed tick was reported; the next tick, or the run's own next keep(), tries again.
    this.stopTimer = every(this.terms.renewEveryMs, () => void this.keep().catch(() => undefined));
  }

  /**
   * Renews the lease now, one renewal at a time. False once the claim is another run's: the run must stop before it
   * does more. A renewal that failed otherwise still answers true while the last lease written lasts, and is thrown
   * once it may have lapsed: the run cannot know whether another took it over, and Lambda's retry will.
   */
  keep(): Promise<boolean> {
    const renewal = this.renewing.then(() => this.renew());
    this.renewing = renewal.catch(() => undefined);
    return renewal;
  }

  private async renew(): Promise<boolean> {
    if (this.lost) return false;
    const at = this.now();
    try {
      this.lost = !(await this.claims.renew(this.held, this.terms.leaseMs));
      if (!this.lost) this.until = at + this.terms.leaseMs;
      return !this.lost;
    } catch (error) {
      this.renewalFailed(error);
      if (this.now() < this.until) return true;
      throw error;
    }
  }

  /** Stops renewing, once the renewal under way (if any) is over: the run is about to finish or give back its claim. */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.renewing;
  }
}
