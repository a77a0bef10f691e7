// What an outbox entry that keeps failing holds back. Within one decision, order always matters: a decision's
// requests build on each other (a training job before "Retraining Started" is said, a model before its endpoint
// config). Between decisions it depends on the item: a deployment's decisions drive one endpoint step after step
// (a weight change, then the next, then the config that deletes an old one), so nothing may overtake a stuck one;
// a model line's runs, its Neo builds and a human's word on a package are decided apart, and one event's decision
// must not wait behind another's stuck publication or notification.
import type { OutboxEntry } from '../state/store';
import { decisionOf } from './errors';

/** `item`: every entry of the item in order; `decision`: each decision's entries in order, decisions apart. */
export type OutboxOrder = 'item' | 'decision';

/** The entries grouped by the decision that made them, each group in order, the groups in the order they came. */
export function byDecision(entries: OutboxEntry[]): OutboxEntry[][] {
  const groups = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const group = groups.get(decisionOf(entry));
    if (group) group.push(entry);
    else groups.set(decisionOf(entry), [entry]);
  }
  return [...groups.values()];
}
