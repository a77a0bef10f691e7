// A run's claim kept by a short lease that the live run renews: the retry of a run that died (its timer died with
// it) takes the claim over as soon as the lease lapses, while a live run's never lapses.
import type { HeldClaim, RunClaims } from '../state/run-claims';

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
  private renewing: Promise<boolean> = Promise.resolve(true);
  private stopTimer: () => void = () => undefined;

  constructor(
    private readonly claims: RunClaims,
    private readonly held: HeldClaim,
    private readonly terms: LeaseTerms,
    /** A renewal that failed other than by its condition: the lease stands until it lapses, and is renewed again. */
    private readonly renewalFailed: (error: unknown) => void,
  ) {}

  start(every: Every = everyInterval): void {
    this.stopTimer = every(this.terms.renewEveryMs, () => void this.keep());
  }

  /**
   * Renews the lease now (one renewal at a time); false once the claim is another run's, which the run must take as
   * the order to stop before it does more.
   */
  keep(): Promise<boolean> {
    this.renewing = this.renewing.then(async () => {
      if (this.lost) return false;
      try {
        this.lost = !(await this.claims.renew(this.held, this.terms.leaseMs));
      } catch (error) {
        this.renewalFailed(error);
      }
      return !this.lost;
    });
    return this.renewing;
  }

  /** Stops renewing, once the renewal under way (if any) is over: the run is about to finish or give back its claim. */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.renewing;
  }
}
