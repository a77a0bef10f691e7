// What a function answers when the state item it needs is corrupt (shared/app/corrupt.ts): an ignored event, not a
// retry, since a retry reads the same item (approvalLink: a page that says so); the alert names the item's line.
import { reportCorrupt } from '../app/corrupt';
import { reportLinkUseVanished, type VanishedUse } from '../app/link-use-vanished';
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

// How Shepherd tells its operators about a record it cannot trust: the topic, the line's timeline, logs and metrics.
const reportDeps = () => ({
  timeline: timelines(),
  claims: runClaims(),
  notifications: notifications(),
  logger,
  metrics,
  clock: now,
  stack,
});

/** Logs, counts and alerts the corrupt item once (shared/app/corrupt.ts), naming the line it belongs to. */
const reported = (err: CorruptStateError): Promise<void> =>
  reportCorrupt(reportDeps(), err, err.line ?? lineOf(err.key.pk));

/** approvalLink: a link's use removed while its action ran, said the same way (shared/app/link-use-vanished.ts). */
export const reportVanishedUse = (vanished: VanishedUse): Promise<void> =>
  reportLinkUseVanished(reportDeps(), vanished);

/**
 * What `work` gives; for work that met a corrupt state item, its alert, then what `answer` makes of it (an event
 * ignored, a page for a person). Any other failure is thrown, for Lambda's retries and its Errors alarm.
 */
export const whenCorrupt = <T, A>(work: Promise<T>, answer: (err: CorruptStateError) => A): Promise<T | A> =>
  work.catch(async (err: unknown) => {
    if (!isCorruptState(err)) throw err;
    await reported(err);
    return answer(err);
  });

/** What `work` gives; for work that met a corrupt state item, its alert and `ignored`. Any other failure is thrown. */
export const orCorrupt = <T>(work: Promise<T>): Promise<T | Ignored> =>
  whenCorrupt(
    work,
    (err): Ignored => ({
      status: 'ignored',
      reason: `state item ${err.key.pk}/${err.key.sk} is corrupt: not acted on`,
    }),
  );

export const isIgnored = (outcome: unknown): outcome is Ignored =>
  typeof outcome === 'object' && outcome !== null && (outcome as Ignored).status === 'ignored';
