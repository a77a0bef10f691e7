// What a function answers when the state item it needs is corrupt (shared/app/corrupt.ts): an ignored event, not a
// retry, since a retry reads the same item; the alert names the model line the item belongs to.
import { reportCorrupt } from '../app/corrupt';
import { now } from '../clock';
import { logger, metrics } from '../observability/logger';
import type { Ignored } from '../observability/results';
import { isCorruptState, type CorruptStateError } from '../state/corrupt';
import { notifications, runClaims, timelines } from './clients';
import { config } from './config';
import { stack } from './env';

/** The line of a `MODEL#<line>` item, or of the endpoint of an `ENDPOINT#<name>` item; else the name in the key. */
function lineOf(pk: string): string {
  const [prefix, name = ''] = pk.split(/#(.*)/s);
  if (prefix !== 'ENDPOINT') return name;
  return config.models.find((m) => m.deployment?.endpointName === name)?.name ?? name;
}

async function answerCorrupt(err: CorruptStateError): Promise<Ignored> {
  const deps = {
    timeline: timelines(),
    claims: runClaims(),
    notifications: notifications(),
    logger,
    metrics,
    clock: now,
    stack,
  };
  await reportCorrupt(deps, err, lineOf(err.key.pk));
  return { status: 'ignored', reason: `state item ${err.key.pk}/${err.key.sk} is corrupt: not acted on` };
}

/** What `work` gives; for work that met a corrupt state item, its alert and `ignored`. Any other failure is thrown. */
export const orCorrupt = <T>(work: Promise<T>): Promise<T | Ignored> =>
  work.catch(async (err: unknown) => {
    if (!isCorruptState(err)) throw err;
    return answerCorrupt(err);
  });

export const isIgnored = (outcome: unknown): outcome is Ignored =>
  typeof outcome === 'object' && outcome !== null && (outcome as Ignored).status === 'ignored';
