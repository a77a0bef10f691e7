// Renewing the lease of a run's claim: the cost sweep's alone (shared/runtime/renewed-lease.ts), so apart from
// RunClaims, which every function carries whole.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { leaseNow } from './keys';
import { writeAsHolder } from './run-claim-holder';
import type { HeldClaim } from './run-claim-terms';

export class RunClaimRenewals {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Moves the end of the lease this run holds to `leaseMs` from now; false when the claim is no longer this run's
   * (taken over, or finished by the run that took it over), and the run must stop.
   */
  renew(held: HeldClaim, leaseMs: number): Promise<boolean> {
    return writeAsHolder(this.doc, this.table, held, 'SET leaseUntil = :until', { ':until': leaseNow() + leaseMs });
  }
}
