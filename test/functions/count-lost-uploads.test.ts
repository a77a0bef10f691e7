// countLostUploads: uploads whose Object Created never arrived, listed under the data prefixes and counted once; the
// reconciler opens a line's window on its first tick and releases it once due, as for the events' counts.
import { ListObjectsV2Command, type ListObjectsV2CommandInput, type _Object } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { handler as countLostUploads } from '../../functions/count-lost-uploads';
import { handler as dataArrived } from '../../functions/data-arrived';
import { handler as reconcile } from '../../functions/reconcile';
import { objectFingerprint } from '../../shared/domain/retraining/window';
import { DataWindows } from '../../shared/state/data-windows';
import { s3Listing, sagemaker } from '../helpers/aws';
import { createTable, openWindow, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock, tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

const SOURCE = 'shepherd-example-data/churn/incoming/';

beforeAll(createTable);
beforeEach(() => freshWorld({ noApprovedPackages: true, trainingJobStarts: true }));
afterEach(() => jest.restoreAllMocks());

/** A reconciler tick: opens a line's window the first time, starts a training once a window is due. */
const tick = tickOf(reconcile, 'reconcile');
/** A listing tick of countLostUploads. */
const list = tickOf(countLostUploads, 'countLostUploads');
const trainings = () => sagemaker.commandCalls(CreateTrainingJobCommand);
const churnListings = () =>
  s3Listing.commandCalls(ListObjectsV2Command).filter((c) => c.args[0].input.Prefix === 'churn/incoming/');

describe('countLostUploads: uploads whose events were lost', () => {
  const object = (n: number, hhmm: string, etag = `etag-${n}`): _Object => ({
    Key: `churn/incoming/2026-11-27/part-${n}.csv`,
    Size: 524288,
    ETag: `"${etag}"`,
    LastModified: new Date(`2026-11-27T${hhmm}:00Z`),
  });
  const listingIs = (objects: _Object[]) =>
    s3Listing.on(ListObjectsV2Command).resolves({ Contents: objects, IsTruncated: false, KeyCount: objects.length });
  const upload = (n: number) =>
    fixture('s3-object-created.churn', {
      id: `upload-${n}`,
      detail: { object: { key: `churn/incoming/2026-11-27/part-${n}.csv`, etag: `etag-${n}` } },
    });

  it('lists nothing of a line whose window the reconciler has not opened: all of it predates Shepherd', async () => {
    // Prepare
    listingIs([object(1, '01:01')]);

    // Act
    const result = await list('2026-11-27T01:05:00Z');

    // Assess
    expect(result).toMatchObject({ status: 'done' });
    expect(churnListings()).toHaveLength(0);
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('counts the listed uploads the window never heard of, once, and trains on them', async () => {
    // Prepare: the window opens at the first tick; three uploads follow, one announced by its event
    await tick('2026-11-27T01:00:00Z');
    setClock('2026-11-27T01:01:00Z');
    await dataArrived(upload(1), context('dataArrived'));
    listingIs([object(1, '01:01'), object(2, '01:02'), object(3, '01:03'), object(9, '00:59')]);

    // Act
    await list('2026-11-27T01:05:00Z');
    await list('2026-11-27T01:06:00Z');

    // Assess
    expect(churnListings()[0]!.args[0].input).toEqual({ Bucket: 'shepherd-example-data', Prefix: 'churn/incoming/' });
    // part-9 was there before the window opened: not new data.
    expect((await openWindow('churn')).sources[SOURCE]).toMatchObject({ objects: 3, bytes: 3 * 524288 });
    expect(trainings()).toHaveLength(0);
    const late = await dataArrived(upload(2), context('dataArrived')); // its event came after all
    expect(late).toMatchObject({ outcome: 'object already counted' });
    await tick('2026-11-27T01:11:00Z'); // quiet for 5 minutes since the last count
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight.window).toEqual({ objects: 3, bytes: 3 * 524288 });
  });

  it('counts no folder marker the listing finds', async () => {
    // Prepare
    await tick('2026-11-27T01:00:00Z');
    const folder: _Object = { Key: 'churn/incoming/2026-11-28/', Size: 0, LastModified: new Date('2026-11-27T01:02Z') };
    listingIs([folder, object(1, '01:01')]);

    // Act
    await list('2026-11-27T01:05:00Z');

    // Assess
    expect((await openWindow('churn')).sources[SOURCE]).toMatchObject({ objects: 1, bytes: 524288 });
  });

  it('counts no empty object nor hidden file the listing finds, as the events do not', async () => {
    // Prepare: a Spark job's output beside one data file
    await tick('2026-11-27T01:00:00Z');
    const written = (key: string, size: number): _Object => ({
      Key: `churn/incoming/2026-11-27/${key}`,
      Size: size,
      ETag: `"etag-${key}"`,
      LastModified: new Date('2026-11-27T01:02Z'),
    });
    listingIs([
      written('_SUCCESS', 0),
      written('part-00007.csv', 0),
      written('_common_metadata', 812),
      written('.part-00000.csv.crc', 12),
      written('_temporary/0/part-00001.csv', 4096),
      object(1, '01:01'),
    ]);

    // Act
    await list('2026-11-27T01:05:00Z');

    // Assess
    expect((await openWindow('churn')).sources[SOURCE]).toMatchObject({ objects: 1, bytes: 524288 });
  });

  it('does not count again what a run took: the next window lists from the run’s start', async () => {
    // Prepare
    await tick('2026-11-27T01:00:00Z');
    listingIs([object(1, '01:01'), object(2, '01:02'), object(3, '01:03')]);
    await list('2026-11-27T01:05:00Z');
    await tick('2026-11-27T01:10:00Z'); // the run takes the three

    // Act
    await list('2026-11-27T01:11:00Z');
    await tick('2026-11-27T01:12:00Z');

    // Assess
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.window).toMatchObject({ gen: 1, openedAt: '2026-11-27T01:10:00.000Z' });
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('does not count again an upload counted as the run took its window, though S3 timed it after', async () => {
    // Prepare: three uploads; a fourth one's event read the open window before the run started and counted into it
    // as the run closed it. S3's clock, a fraction of a second ahead of Lambda's, says it came after the start.
    await tick('2026-11-27T01:00:00Z');
    setClock('2026-11-27T01:01:00Z');
    for (let n = 1; n <= 3; n++) await dataArrived(upload(n), context('dataArrived'));
    const close = DataWindows.prototype.close;
    jest.spyOn(DataWindows.prototype, 'close').mockImplementationOnce(async function (this: DataWindows, ...args) {
      const key = 'churn/incoming/2026-11-27/part-4.csv';
      const fourth = { bucket: 'shepherd-example-data', key, size: 524288, etag: 'etag-4' };
      await this.count('churn', 0, SOURCE, { fingerprint: objectFingerprint(fourth), size: fourth.size }, new Date());
      return close.apply(this, args);
    });
    await tick('2026-11-27T01:07:00Z'); // the run starts, and takes the four
    const fourth = { ...object(4, '01:07'), LastModified: new Date('2026-11-27T01:07:00.400Z') };
    listingIs([object(1, '01:01'), object(2, '01:01'), object(3, '01:01'), fourth]);

    // Act
    await list('2026-11-27T01:09:00Z');

    // Assess
    expect((await trainingItem('churn'))?.inFlight.window).toEqual({ objects: 4, bytes: 4 * 524288 });
    expect((await openWindow('churn')).sources).toEqual({});
  });

  it('lists a long prefix over several ticks, five pages each, going on after the last key it read', async () => {
    // Prepare
    await tick('2026-11-27T01:00:00Z');
    const asked: ListObjectsV2CommandInput[] = [];
    s3Listing.on(ListObjectsV2Command).callsFake((input: ListObjectsV2CommandInput) => {
      if (input.Prefix !== 'churn/incoming/') return { Contents: [], IsTruncated: false };
      asked.push(input);
      const page = asked.length;
      return { Contents: [object(page, '01:01')], IsTruncated: page < 7, NextContinuationToken: `token-${page}` };
    });

    // Act
    await list('2026-11-27T01:05:00Z');
    await list('2026-11-27T01:06:00Z');
    await list('2026-11-27T01:07:00Z');

    // Assess
    expect(asked.map((a) => a.ContinuationToken ?? a.StartAfter ?? null)).toEqual([
      null,
      'token-1',
      'token-2',
      'token-3',
      'token-4',
      'churn/incoming/2026-11-27/part-5.csv',
      'token-6',
      null,
    ]);
    expect((await openWindow('churn')).sources[SOURCE]).toMatchObject({ objects: 8 });
  });
});
