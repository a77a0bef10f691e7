// How the corrupt-item alert tells an operator to recover: what fits the item's kind, since deleting a model line's
// state item forgets its work in flight while deleting a link's use lets the link act again.
import { corruptStateAlert } from '../../shared/app/corrupt';
import { CorruptStateError } from '../../shared/state/corrupt';
import type { Key } from '../../shared/state/keys';

const stack = { stage: 'test', region: 'us-east-1' };

/** The alert's fact `name`, as the operator reads it. */
function fact(key: Key, name: string): string {
  const err = new CorruptStateError(key, { version: 3 }, ['model: missing'], 'churn');
  const line = corruptStateAlert(err, 'churn', stack)
    .message.split('\n')
    .find((l) => l.startsWith(`${name} `));
  return line?.slice(name.length).trim() ?? '';
}

describe('the corrupt-item alert’s recovery', () => {
  it('tells to keep a line item’s version above its outbox, and that deleting it forgets its run in flight', () => {
    // Act
    const recovery = fact({ pk: 'MODEL#churn', sk: 'TRAINING' }, 'to recover');

    // Assess
    expect(recovery).toMatch(/^put back the last good copy of the item \(point-in-time recovery\)/);
    expect(recovery).toContain('keeping version at or above its newest outbox entry');
    expect(recovery).toMatch(/delete the item: Shepherd then no longer follows a run in flight/);
    expect(fact({ pk: 'MODEL#churn', sk: 'TRAINING' }, 'then check')).toContain('status churn');
  });

  it('tells that deleting a deployment item stops following its deployment in flight', () => {
    // Act
    const recovery = fact({ pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' }, 'to recover');

    // Assess
    expect(recovery).toContain('keeping version at or above its newest outbox entry');
    expect(recovery).toMatch(/delete the item: Shepherd then no longer follows a deployment in flight/);
  });

  it('tells that deleting a link’s use lets the link act again until it expires, with no version to keep', () => {
    // Act
    const recovery = fact({ pk: 'APPROVAL#n0nce', sk: 'USE' }, 'to recover');
    const check = fact({ pk: 'APPROVAL#n0nce', sk: 'USE' }, 'then check');

    // Assess
    expect(recovery).toMatch(/^put back the last good copy of the item \(point-in-time recovery\)/);
    expect(recovery).not.toMatch(/version|outbox|in flight/);
    expect(recovery).toMatch(/delete the item: the link then reads as unused until it expires/);
    expect(check).not.toContain('status');
    expect(check).toContain('link');
  });
});
