// The scheduled sweep's hold on its run (shared/runtime/renewed-lease.ts): asked before each step that must not be
// done twice, so a sweep another invocation took over stops instead of acting or mailing beside it.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

export interface SweepLease {
  /** Renews the lease; false once another invocation holds it. */
  keep(): Promise<boolean>;
}

/** The sweep stopped: another invocation took its run over and sweeps now. */
export class SweepLeaseLost extends Error {
  constructor(step: string) {
    super(`cost sweep lost its lease before ${step}: another invocation took it over`);
    this.name = 'SweepLeaseLost';
  }
}

/** Goes on when the lease is still this sweep's (or the sweep has none: the CLI's); else logs, counts and stops. */
export async function holdOrStop(
  lease: SweepLease | undefined,
  step: string,
  { logger, metrics }: { logger: Logger; metrics: Metrics },
): Promise<void> {
  if (!lease || (await lease.keep())) return;
  const lost = new SweepLeaseLost(step);
  logger.warn(lost.message, { step });
  metrics.addMetric('SweepLeaseLost', MetricUnit.Count, 1);
  throw lost;
}
