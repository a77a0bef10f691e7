// The keys of the state table's items, and the clock their leases are measured on.
import { now } from '../clock';

/** An item of the state table. */
export interface Key {
  pk: string;
  sk: string;
}

// Longer than any Shepherd function may run (reconcile: 120 s).
export const LEASE_MS = 180_000;

/**
 * The time leases are measured on: the wall clock in Lambda. The local cloud accelerates Shepherd's clock but stops
 * it while any function runs, so a live invocation's lease cannot run out under it there either, while a crashed
 * one's runs out in the scenario's minutes (on the wall clock it would take three real minutes, hours of scenario).
 */
export const leaseNow = (): number => now().getTime();

export const trainingKey = (model: string): Key => ({ pk: `MODEL#${model}`, sk: 'TRAINING' });
export const deploymentKey = (endpoint: string): Key => ({ pk: `ENDPOINT#${endpoint}`, sk: 'DEPLOYMENT' });
export const edgeKey = (model: string): Key => ({ pk: `MODEL#${model}`, sk: 'EDGE' });
/** One delivery's run of a job (a sweep, a hand-over), by the job and its event's id (the same on every duplicate). */
export const runKey = (job: string, eventId: string): Key => ({ pk: `RUN#${job}`, sk: eventId });
/** The actions a scheduled cost sweep took over all the attempts of its run (./action-slots.ts). */
export const sweepActionsKey = (eventId: string): Key => ({ pk: 'RUN#costSweep', sk: `${eventId}#ACTIONS` });
/** What a cost sweep keeps of an endpoint it deletes, so `restore` can bring it back. */
export const endpointSnapshotKey = (endpoint: string): Key => ({ pk: `ENDPOINT#${endpoint}`, sk: 'COST-SNAPSHOT' });
/** The first human word on a registered package (shared/domain/registry/decision.ts). */
export const packageDecisionKey = (model: string, arn: string): Key => ({ pk: `MODEL#${model}`, sk: `PACKAGE#${arn}` });
