import {
  driftTrigger,
  lostDriftChanges,
  sameTrigger,
  uncountedObjects,
  windowOpened,
  type ListedObject,
} from '../../shared/domain/retraining/lost';
import { emptyTrainingState } from '../../shared/domain/retraining/state';
import { onTrigger } from '../../shared/domain/retraining/triggers';
import { objectFingerprint } from '../../shared/domain/retraining/window';
import { line } from '../helpers/config';

const churn = line('churn');
const ALARM = 'churn-feature-drift';
const now = new Date('2026-11-27T07:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('drift alarm changes whose event was lost', () => {
  it('owes a trigger for a drift alarm in ALARM since a few minutes, keyed by its state-change time', () => {
    // Act
    const owed = lostDriftChanges([{ name: ALARM, state: 'ALARM', changedAt: minutesAgo(5) }], [ALARM], now);

    // Assess
    expect(owed).toEqual([
      {
        alarm: ALARM,
        changedAt: minutesAgo(5),
        trigger: expect.objectContaining({
          reason: 'drift',
          id: `drift:${ALARM}@${minutesAgo(5)}`,
          at: now.toISOString(),
        }),
      },
    ]);
  });

  it('owes nothing for an alarm out of ALARM, another line’s alarm, a change on its way or one long past', () => {
    // Prepare
    const alarms = [
      { name: ALARM, state: 'OK', changedAt: minutesAgo(5) },
      { name: 'fraud-drift', state: 'ALARM', changedAt: minutesAgo(5) },
      { name: ALARM, state: 'ALARM', changedAt: minutesAgo(1) },
      { name: ALARM, state: 'ALARM', changedAt: minutesAgo(25 * 60) },
      { name: ALARM, state: 'ALARM' },
    ];

    // Act
    const owed = lostDriftChanges(alarms, [ALARM], now);

    // Assess
    expect(owed).toEqual([]);
  });

  it('takes the event and the reconciler’s reading of one change as the same trigger, whatever their spelling', () => {
    // Prepare
    const fromEvent = driftTrigger(ALARM, '2026-11-27T06:05:40.118Z', '2026-11-27T06:05:40Z', 'alarm');
    const fromEventTime = driftTrigger(ALARM, '2026-11-27T06:05:42.000Z', '2026-11-27T06:05:42Z', 'alarm');
    const read = lostDriftChanges(
      [{ name: ALARM, state: 'ALARM', changedAt: '2026-11-27T06:05:40.118Z' }],
      [ALARM],
      new Date('2026-11-27T06:10:00Z'),
    )[0]!.trigger;

    // Assess
    expect(sameTrigger(fromEvent.id, read.id)).toBe(true);
    expect(sameTrigger(fromEventTime.id, read.id)).toBe(true);
    expect(sameTrigger(read.id, driftTrigger(ALARM, '2026-11-27T07:05:40.118Z', 'x', 'alarm').id)).toBe(false);
    expect(sameTrigger(read.id, driftTrigger('other-alarm', '2026-11-27T06:05:40.118Z', 'x', 'alarm').id)).toBe(false);
  });

  it('starts no second training when the reconciler reads back a change its event already started', () => {
    // Prepare
    const event = driftTrigger(ALARM, '2026-11-27T06:05:40.118Z', '2026-11-27T06:05:40Z', `alarm ${ALARM}`);
    const started = onTrigger(emptyTrainingState('churn'), churn, event, new Date('2026-11-27T06:05:41Z')).state!;
    const ended = { ...started, inFlight: undefined };
    const read = lostDriftChanges(
      [{ name: ALARM, state: 'ALARM', changedAt: '2026-11-27T06:05:40.118Z' }],
      [ALARM],
      new Date('2026-11-27T06:09:00Z'),
    )[0]!.trigger;

    // Act
    const during = onTrigger(started, churn, read, new Date('2026-11-27T06:09:00Z'));
    const after = onTrigger(ended, churn, read, new Date('2026-11-27T08:09:00Z'));

    // Assess
    for (const decision of [during, after]) {
      expect(decision.state).toBeUndefined();
      expect(decision).toMatchObject({ actions: [], metrics: ['DuplicatesIgnored'] });
    }
  });

  it('refuses a read-back change in the cooldown as its event would have, once', () => {
    // Prepare
    const state = { ...emptyTrainingState('churn'), starts: ['2026-11-27T06:30:00.000Z'] };
    const read = lostDriftChanges([{ name: ALARM, state: 'ALARM', changedAt: minutesAgo(5) }], [ALARM], now)[0]!
      .trigger;

    // Act
    const refused = onTrigger(state, churn, read, now);
    const again = onTrigger(refused.state!, churn, read, new Date(now.getTime() + 60_000));

    // Assess
    expect(refused.metrics).toEqual(['TriggersRefused']);
    expect(again.metrics).toEqual(['DuplicatesIgnored']);
  });
});

describe('uploads whose event was lost', () => {
  const data = churn.triggers.data[0]!;
  const opened = '2026-11-27T06:00:00.000Z';
  const listed = (key: string, lastModified: string, etag = `etag-${key}`): ListedObject => ({
    key: `${data.prefix}${key}`,
    size: 1000,
    etag,
    lastModified,
  });
  const all = () => true;

  it('counts the objects modified since the window opened that the window has not counted', () => {
    // Prepare
    const counted = { bucket: data.bucket, key: `${data.prefix}a.csv`, size: 1000, etag: 'etag-a.csv' };
    const objects = [
      listed('a.csv', minutesAgo(20)),
      listed('b.csv', minutesAgo(10)),
      listed('old.csv', '2026-11-27T05:59:59.000Z'),
    ];

    // Act
    const missing = uncountedObjects(objects, data, all, opened, new Set([objectFingerprint(counted)]), now);

    // Assess
    expect(missing).toEqual([{ bucket: data.bucket, key: `${data.prefix}b.csv`, size: 1000, etag: 'etag-b.csv' }]);
  });

  it('leaves an upload younger than a minute to its own event, and one another trigger counts alone', () => {
    // Prepare
    const objects = [listed('fresh.csv', minutesAgo(0.5)), listed('elsewhere/x.csv', minutesAgo(10))];
    const belongs = (key: string) => !key.includes('elsewhere/');

    // Act
    const missing = uncountedObjects(objects, data, belongs, opened, new Set(), now);

    // Assess
    expect(missing).toEqual([]);
  });

  it('gives a listed object the fingerprint its Object Created event gives it', () => {
    // Prepare
    const event = { bucket: data.bucket, key: `${data.prefix}c.csv`, size: 1000, etag: 'abc', sequencer: '0A1B' };

    // Act
    const [fromListing] = uncountedObjects([listed('c.csv', minutesAgo(5), 'abc')], data, all, opened, new Set(), now);

    // Assess
    expect(objectFingerprint(fromListing!)).toBe(objectFingerprint(event));
  });

  it('opens the listing of a line that never ran at the first tick, and only once', () => {
    // Act
    const first = windowOpened(emptyTrainingState('churn'), now);
    const second = windowOpened(first.state!, new Date(now.getTime() + 60_000));

    // Assess
    expect(first.state?.window).toEqual({ gen: 0, sources: {}, openedAt: now.toISOString() });
    expect(second.state).toBeUndefined();
  });

  it('opens the next window when a run takes this one', () => {
    // Prepare
    const event = driftTrigger(ALARM, minutesAgo(5), now.toISOString(), 'alarm');

    // Act
    const started = onTrigger(emptyTrainingState('churn'), churn, event, now);

    // Assess
    expect(started.state?.window).toEqual({ gen: 1, sources: {}, openedAt: now.toISOString() });
  });
});
