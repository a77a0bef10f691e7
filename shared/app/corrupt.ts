// A state item Shepherd did not write as it is: said once per item version (an alert), counted and logged every time
// it is met, never decided on nor written over. The alert's "once" is a run claim of its own (RUN#CorruptStateAlert,
// keyed by the item and a fingerprint of its content), so the corrupt item itself is never touched.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Notification } from '../domain/actions';
import { shepherdCommand, type StackTarget } from '../domain/cli-command';
import { alert } from '../domain/notify';
import type { CorruptStateError } from '../state/corrupt';
import { runKey } from '../state/keys';
import type { RunClaims } from '../state/run-claims';
import type { TimelineStore } from '../state/timeline';

export interface CorruptDeps {
  timeline: TimelineStore;
  claims: RunClaims;
  notifications: { notify(n: Notification): Promise<unknown> };
  logger: Logger;
  metrics: Metrics;
  clock: () => Date;
  /** The stack these functions are: the command the alert prints must act on it (cli-command.ts). */
  stack: StackTarget;
}

// Longer than any Shepherd function runs; the marker expires after a week, when an unfixed item is alerted again.
const LEASE_MS = 180_000;
const KEEP_DAYS = 7;
// An item wrong everywhere (a list of hundreds of bad entries) still makes a message that reads, far below SNS's size.
const SAID = 10;

/**
 * How to recover an item of each kind, by its sort key. `versioned`: a line's state item, whose outbox entries are
 * numbered by its version (shared/state/item-check.ts). `deleted`: what follows from deleting the item. `check`:
 * where to see it read again, for an item that is not a line's (the line's status reads on without it).
 */
const KINDS: Record<string, { versioned: boolean; deleted: string; check?: string }> = {
  TRAINING: {
    versioned: true,
    deleted:
      'Shepherd then no longer follows a run in flight and drops a waiting trigger; finish or stop the run by hand',
  },
  DEPLOYMENT: {
    versioned: true,
    deleted: 'Shepherd then no longer follows a deployment in flight and drops a queued package; finish it by hand',
  },
  EDGE: {
    versioned: true,
    deleted: 'Shepherd then no longer follows its builds in flight, and may build the newest approved package again',
  },
  MONITORING: {
    versioned: true,
    deleted: 'Shepherd then looks the schedule up afresh, puts the drift alarm again and asks again what AWS refused',
  },
  USE: {
    versioned: false,
    deleted: 'the link then reads as unused until it expires, and acts if its subject waits for a decision again',
    check: 'open the link again: its page answers once the item is sound or gone',
  },
};

/** The alert's `to recover` and `then check` as fit the item's kind; for a kind not listed, no more than is sure. */
function recovery({ sk }: CorruptStateError['key'], line: string, stack: StackTarget) {
  const kind = KINDS[sk];
  const restore = 'put back the last good copy of the item (point-in-time recovery), or correct the fields named above';
  const keep = kind?.versioned ? ', keeping version at or above its newest outbox entry' : '';
  const deleting = kind ? `; or delete the item: ${kind.deleted}` : '';
  return {
    'to recover': `${restore}${keep}${deleting}`,
    'then check':
      kind?.check ?? `${shepherdCommand(stack, `status ${line}`)} (the line reads again once the item is sound)`,
  };
}

/** The alert: which item, what is wrong with which field, and how to recover. `line`: the model line it belongs to. */
export function corruptStateAlert(err: CorruptStateError, line: string, stack: StackTarget): Notification {
  const { pk, sk } = err.key;
  return alert(
    line,
    'critical',
    `state item ${pk}/${sk} is corrupt: not acted on`,
    `Shepherd read the state item ${pk}/${sk} and found it is not what Shepherd writes (hand-edited, or restored ` +
      'from an older copy). It takes no action for it and does not write over it; the other model lines carry on.',
    {
      item: `pk=${pk} sk=${sk} version=${String(err.version)}`,
      ...Object.fromEntries(err.problems.slice(0, SAID).map((problem, i) => [`problem ${i + 1}`, problem])),
      ...(err.problems.length > SAID ? { 'and more': `${err.problems.length - SAID} problem(s), in the log` } : {}),
      ...recovery(err.key, line, stack),
    },
  );
}

/**
 * Logs and counts the corrupt item, and alerts once per content of it (and says it on the line's timeline). A failed
 * alert gives its claim back and is thrown, so Lambda's retry (or the next tick) says it.
 */
export async function reportCorrupt(deps: CorruptDeps, err: CorruptStateError, line: string): Promise<void> {
  const { key, version, problems, fingerprint } = err;
  deps.logger.error('state item is corrupt: not acted on', { key, version, problems, model: line });
  deps.metrics.addMetric('CorruptStateItems', MetricUnit.Count, 1);
  const alertRun = runKey('CorruptStateAlert', `${key.pk}/${key.sk}@${String(version)}#${fingerprint}`);
  // Held by another invocation or said already: not said again.
  const terms = { leaseMs: LEASE_MS, keepDays: KEEP_DAYS, afterwards: 'finish' } as const;
  const run = await deps.claims.run(alertRun, terms, async () => {
    await deps.notifications.notify(corruptStateAlert(err, line, deps.stack));
    // On the line's timeline too (`shepherd timeline`), once with the alert.
    const message = `state item ${key.pk}/${key.sk} is corrupt, not acted on: ${problems.slice(0, SAID).join('; ')}`;
    const at = deps.clock().toISOString();
    await deps.timeline.put({ model: line, at, id: `corrupt-${fingerprint}`, type: 'CorruptState', message });
  });
  if (run.claim === 'claimed' && run.notDone) {
    deps.logger.error('corrupt item alerted but not marked so: it may be alerted again', { key, error: run.notDone });
  }
}
