import { CreateTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/data-arrived';
import { handler as reconcile } from '../../functions/reconcile';
import { published, sagemaker } from '../helpers/aws';
import { DataWindows } from '../../shared/state/data-windows';
import { createTable, openWindow, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(() => freshWorld({ trainingJobStarts: true }));
afterEach(() => jest.restoreAllMocks());

const upload = (n: number, extra: Record<string, unknown> = {}) =>
  fixture('s3-object-created.churn', {
    id: `upload-${n}-${JSON.stringify(extra).length}`,
    detail: { object: { key: `churn/incoming/2026-11-27/part-${n}.csv`, etag: `etag-${n}`, ...extra } },
  });
const LEFT_TO_RUN = 'object created before the run that took its window started: in that run’s data';
const tick = (iso: string) => fixture('scheduled-event', { id: `tick-${iso}`, time: iso });

describe('dataArrived', () => {
  it('counts objects and bytes per model line without training below the threshold', async () => {
    // Prepare
    setClock('2026-11-27T01:00:00Z');

    // Act
    await handler(upload(1), context());
    await handler(upload(2), context());

    // Assess
    expect((await openWindow('churn')).sources['shepherd-example-data/churn/incoming/']).toMatchObject({
      objects: 2,
      bytes: 2 * 524288,
    });
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('turns a burst of uploads with duplicates into one training after the quiet period', async () => {
    // Prepare: five uploads a minute apart, each delivered twice, one re-sent under a new event id
    for (let n = 1; n <= 5; n++) {
      setClock(`2026-11-27T01:0${n}:00Z`);
      await handler(upload(n), context());
      await handler(upload(n), context());
    }
    await handler({ ...upload(3), id: 'same-object-new-event' }, context());

    // Act
    setClock('2026-11-27T01:09:00Z'); // 4 min after the last upload: still settling (quiet period 5 min)
    await reconcile(tick('2026-11-27T01:09:00Z'), context());
    const whileSettling = sagemaker.commandCalls(CreateTrainingJobCommand).length;
    setClock('2026-11-27T01:10:30Z');
    await reconcile(tick('2026-11-27T01:10:30Z'), context());
    setClock('2026-11-27T01:11:30Z');
    await reconcile(tick('2026-11-27T01:11:30Z'), context());

    // Assess
    expect(whileSettling).toBe(0);
    const calls = sagemaker.commandCalls(CreateTrainingJobCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.Tags).toContainEqual({ Key: 'shepherd:trigger', Value: 'data' });
    expect(published()).toEqual([
      expect.objectContaining({
        detailType: 'Retraining Started',
        detail: expect.objectContaining({ window: { objects: 5, bytes: 5 * 524288 } }),
      }),
    ]);
  });

  it('counts the same object (key and etag) once however often delivered, and a rewrite of it again', async () => {
    // Prepare
    setClock('2026-11-27T01:00:00Z');

    // Act
    const first = await handler(upload(1), context());
    const again = await handler({ ...upload(1), id: 'redelivered' }, context());
    const rewritten = await handler(upload(1, { etag: 'other-etag' }), context());

    // Assess
    expect([first, again, rewritten]).toEqual([
      { status: 'done', model: 'churn', outcome: 'data object counted' },
      { status: 'done', model: 'churn', outcome: 'object already counted' },
      { status: 'done', model: 'churn', outcome: 'data object counted' },
    ]);
    expect((await openWindow('churn')).sources['shepherd-example-data/churn/incoming/']).toMatchObject({ objects: 2 });
  });

  it('counts an upload after a run took the window into the next window, and the run keeps its own count', async () => {
    // Prepare: three uploads, released by the reconciler after the quiet period
    setClock('2026-11-27T01:00:00Z');
    for (let n = 1; n <= 3; n++) await handler(upload(n), context());
    setClock('2026-11-27T01:06:00Z');
    await reconcile(tick('2026-11-27T01:06:00Z'), context());

    // Act: the fourth made after the run started
    await handler({ ...upload(4), time: '2026-11-27T01:06:30Z' }, context());

    // Assess
    const state = await trainingItem('churn');
    expect(state?.inFlight?.window).toEqual({ objects: 3, bytes: 3 * 524288 });
    expect(state?.window.gen).toBe(1);
    expect((await openWindow('churn')).sources['shepherd-example-data/churn/incoming/']).toMatchObject({ objects: 1 });
  });

  it('leaves to the run an upload made before it started whose event came only after: the run read it', async () => {
    // Prepare: three uploads released by the reconciler; a fourth, made a minute before, not yet announced
    setClock('2026-11-27T01:00:00Z');
    for (let n = 1; n <= 3; n++) await handler(upload(n), context());
    setClock('2026-11-27T01:06:00Z');
    await reconcile(tick('2026-11-27T01:06:00Z'), context());
    setClock('2026-11-27T01:09:00Z');

    // Act
    const late = await handler({ ...upload(4), time: '2026-11-27T01:05:00Z' }, context());

    // Assess
    expect(late).toEqual({ status: 'done', model: 'churn', outcome: LEFT_TO_RUN });
    expect((await trainingItem('churn'))?.window.gen).toBe(1);
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('leaves to the run an upload whose event found its window taken: it was there when the run started', async () => {
    // Prepare: three uploads; the run starts between the fourth's reading of the window and its count. S3's clock,
    // a little ahead of Lambda's, times the fourth after the run's start.
    setClock('2026-11-27T01:00:00Z');
    for (let n = 1; n <= 3; n++) await handler(upload(n), context());
    setClock('2026-11-27T01:06:00Z');
    const count = DataWindows.prototype.count;
    jest.spyOn(DataWindows.prototype, 'count').mockImplementationOnce(async function (this: DataWindows, ...args) {
      await reconcile(tick('2026-11-27T01:06:00Z'), context());
      return count.apply(this, args);
    });

    // Act
    const late = await handler({ ...upload(4), time: '2026-11-27T01:06:20Z' }, context());

    // Assess
    expect(late).toEqual({ status: 'done', model: 'churn', outcome: LEFT_TO_RUN });
    expect((await trainingItem('churn'))?.inFlight?.window).toEqual({ objects: 3, bytes: 3 * 524288 });
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('counts an upload once when its event is delivered again after a run took the window it counted in', async () => {
    // Prepare: three uploads, released by the reconciler after the quiet period
    setClock('2026-11-27T01:00:00Z');
    for (let n = 1; n <= 3; n++) await handler(upload(n), context());
    setClock('2026-11-27T01:06:00Z');
    await reconcile(tick('2026-11-27T01:06:00Z'), context());

    // Act
    const again = await handler(upload(2), context());

    // Assess
    expect(again).toMatchObject({ status: 'done', outcome: 'object already counted' });
    expect((await trainingItem('churn'))?.inFlight?.window).toEqual({ objects: 3, bytes: 3 * 524288 });
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('counts an upload once when its event comes again after the run, however far ahead S3 timed it', async () => {
    // Prepare: S3's clock, which times the event, two minutes ahead of Lambda's, which times the run's start
    setClock('2026-11-27T01:00:00Z');
    const skewed = (n: number) => ({ ...upload(n), time: '2026-11-27T01:08:00Z' });
    for (let n = 1; n <= 3; n++) await handler(skewed(n), context());
    setClock('2026-11-27T01:06:00Z');
    await reconcile(tick('2026-11-27T01:06:00Z'), context());
    setClock('2026-11-27T01:07:00Z');

    // Act
    const again = await handler({ ...skewed(2), id: 'redelivered' }, context());

    // Assess
    expect(again).toMatchObject({ status: 'done', outcome: 'object already counted' });
    expect((await trainingItem('churn'))?.inFlight?.window).toEqual({ objects: 3, bytes: 3 * 524288 });
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('counts into the run an upload that reached its window while the window closed', async () => {
    // Prepare: three uploads; a fourth counts into the window as the reconciler closes it
    setClock('2026-11-27T01:00:00Z');
    for (let n = 1; n <= 3; n++) await handler(upload(n), context());
    const close = DataWindows.prototype.close;
    const closing = jest.spyOn(DataWindows.prototype, 'close').mockImplementationOnce(async function (
      this: DataWindows,
      ...args
    ) {
      const late = { fingerprint: 'ffff000011112222', size: 10 };
      await this.count('churn', 0, 'shepherd-example-data/churn/incoming/', late, new Date());
      return close.apply(this, args);
    });
    setClock('2026-11-27T01:06:00Z');

    // Act
    await reconcile(tick('2026-11-27T01:06:00Z'), context());

    // Assess
    expect(closing).toHaveBeenCalledTimes(1);
    expect((await trainingItem('churn'))?.inFlight?.window).toEqual({ objects: 4, bytes: 3 * 524288 + 10 });
  });

  it('accepts keys with spaces and plus signs as EventBridge delivers them (not URL-encoded)', async () => {
    // Prepare
    setClock('2026-11-27T01:00:00Z');

    // Act
    const result = await handler(fixture('s3-object-created.url-encoded-key'), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', model: 'churn' });
  });

  it('ignores objects outside every configured prefix', async () => {
    // Act
    const result = await handler(fixture('s3-object-created.unconfigured-prefix'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'object outside every configured bucket and prefix' });
    expect(await trainingItem('churn')).toBeUndefined();
  });

  it('counts no folder marker: the empty key ending in a slash that the S3 console makes', async () => {
    // Prepare
    setClock('2026-11-27T01:00:00Z');
    const folder = fixture('s3-object-created.churn', {
      id: 'folder-1',
      detail: { object: { key: 'churn/incoming/2026-11-28/', size: 0, etag: 'd41d8cd98f00b204e9800998ecf8427e' } },
    });

    // Act
    const result = await handler(folder, context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'a folder marker, not data' });
    expect(await trainingItem('churn')).toBeUndefined();
  });

  it('counts no marker or hidden file that Spark or Hadoop writes beside data: _SUCCESS, _metadata, .crc', async () => {
    // Prepare
    setClock('2026-11-27T01:00:00Z');
    const written = (key: string, size: number) =>
      fixture('s3-object-created.churn', { id: `job-${key}`, detail: { object: { key, size, etag: `etag-${key}` } } });

    // Act
    const results = [
      await handler(written('churn/incoming/2026-11-27/_SUCCESS', 0), context()),
      await handler(written('churn/incoming/2026-11-27/part-00007.csv', 0), context()),
      await handler(written('churn/incoming/2026-11-27/_common_metadata', 812), context()),
      await handler(written('churn/incoming/2026-11-27/.part-00000.csv.crc', 12), context()),
      await handler(written('churn/incoming/_temporary/0/part-00000.csv', 524288), context()),
    ];

    // Assess
    const empty = { status: 'ignored', reason: 'an empty object (a marker such as _SUCCESS), not data' };
    const hidden = { status: 'ignored', reason: 'a hidden file or folder (its name starts with _ or .), not data' };
    expect(results).toEqual([empty, empty, hidden, hidden, hidden]);
    expect(await trainingItem('churn')).toBeUndefined();
  });

  it('rejects an event without an object size', async () => {
    // Prepare
    const event = fixture('s3-object-created.churn');
    delete event.detail.object.size;

    // Act
    const result = await handler(event, context());

    // Assess
    expect(result).toEqual({
      status: 'rejected',
      problems: ['detail.object.size: required, but missing'],
    });
  });
});
