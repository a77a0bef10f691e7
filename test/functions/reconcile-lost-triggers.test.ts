import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, type ListObjectsV2CommandInput, type _Object } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker';
import { handler as dataArrived } from '../../functions/data-arrived';
import { handler as driftAlarm } from '../../functions/drift-alarm';
import { handler as reconcile } from '../../functions/reconcile';
import { cloudwatchAlarms, resetAws, s3Listing, sagemaker } from '../helpers/aws';
import { clearTable, createTable, openWindow, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';

const ALARM = 'churn-feature-drift';
const CHANGED = '2026-11-27T06:05:40.118Z';
const SOURCE = 'shepherd-example-data/churn/incoming/';

beforeAll(createTable);
beforeEach(async () => {
  resetAws();
  await clearTable();
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
  sagemaker
    .on(CreateTrainingJobCommand)
    .resolves({ TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/x' });
});
afterEach(() => jest.useRealTimers());

const tick = (iso: string) => {
  setClock(iso);
  return reconcile(fixture('scheduled-event', { id: `tick-${iso}`, time: iso }), context('reconcile'));
};
const alarmsAre = (alarms: MetricAlarm[]) =>
  cloudwatchAlarms.on(DescribeAlarmsCommand).resolves({ MetricAlarms: alarms, CompositeAlarms: [] });
const driftInAlarm = (changedAt = CHANGED): MetricAlarm => ({
  AlarmName: ALARM,
  StateValue: 'ALARM',
  StateTransitionedTimestamp: new Date(changedAt),
  StateUpdatedTimestamp: new Date(changedAt),
});
const trainings = () => sagemaker.commandCalls(CreateTrainingJobCommand);

describe('reconcile: a drift alarm change whose event was lost', () => {
  it('starts the retraining the event would have started, reading every drift alarm in one call', async () => {
    // Prepare
    alarmsAre([driftInAlarm()]);

    // Act
    await tick('2026-11-27T06:09:00Z');

    // Assess
    const asked = cloudwatchAlarms.commandCalls(DescribeAlarmsCommand);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.args[0].input).toEqual({
      AlarmNames: [ALARM, 'shepherd-drift-churn-prod'],
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
    });
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight.trigger).toMatchObject({
      reason: 'drift',
      id: `drift:${ALARM}@${CHANGED}`,
    });
  });

  it('starts no second training on later ticks or when the late event arrives after all', async () => {
    // Prepare
    alarmsAre([driftInAlarm()]);
    await tick('2026-11-27T06:09:00Z');

    // Act
    await tick('2026-11-27T06:10:00Z');
    setClock('2026-11-27T06:10:30Z');
    const late = await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context('driftAlarm'));

    // Assess
    expect(trainings()).toHaveLength(1);
    expect(late).toMatchObject({ outcome: 'duplicate trigger ignored' });
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
  });

  it('leaves a change its event already acted on alone, and one younger than two minutes to its event', async () => {
    // Prepare
    setClock('2026-11-27T06:05:41Z');
    await driftAlarm(fixture('cloudwatch-alarm-state-change.drift-alarm'), context('driftAlarm'));
    alarmsAre([
      driftInAlarm(),
      { ...driftInAlarm('2026-11-27T06:08:30.000Z'), AlarmName: 'shepherd-drift-churn-prod' },
    ]);

    // Act
    await tick('2026-11-27T06:09:00Z');

    // Assess
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.pending).toBeUndefined();
  });

  it('throws a failed DescribeAlarms after the rest of the tick has run', async () => {
    // Prepare
    cloudwatchAlarms.on(DescribeAlarmsCommand).rejects(new Error('boom'));
    s3Listing.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });

    // Act
    const result = tick('2026-11-27T06:09:00Z');

    // Assess
    await expect(result).rejects.toThrow(/reconcile failed for churn \(Error: boom\)/);
    expect((await trainingItem('churn'))?.window.openedAt).toBe('2026-11-27T06:09:00.000Z');
  });
});

describe('reconcile: uploads whose events were lost', () => {
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

  it('counts the listed uploads the window never heard of, once, and trains on them', async () => {
    // Prepare: the window opens at the first tick; three uploads follow, one announced by its event
    await tick('2026-11-27T01:00:00Z');
    setClock('2026-11-27T01:01:00Z');
    await dataArrived(upload(1), context('dataArrived'));
    listingIs([object(1, '01:01'), object(2, '01:02'), object(3, '01:03'), object(9, '00:59')]);

    // Act
    await tick('2026-11-27T01:05:00Z');
    await tick('2026-11-27T01:06:00Z');

    // Assess
    const churnListings = s3Listing
      .commandCalls(ListObjectsV2Command)
      .filter((c) => c.args[0].input.Prefix === 'churn/incoming/');
    expect(churnListings[0]!.args[0].input).toEqual({ Bucket: 'shepherd-example-data', Prefix: 'churn/incoming/' });
    // part-9 was there before the window opened: not new data.
    expect((await openWindow('churn')).sources[SOURCE]).toMatchObject({ objects: 3, bytes: 3 * 524288 });
    expect(trainings()).toHaveLength(0);
    const late = await dataArrived(upload(2), context('dataArrived')); // its event came after all
    expect(late).toMatchObject({ outcome: 'object already counted' });
    await tick('2026-11-27T01:11:00Z'); // quiet for 5 minutes since the last count
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight.window).toEqual({ objects: 3, bytes: 3 * 524288 });
  });

  it('does not count again what a run took: the next window lists from the run’s start', async () => {
    // Prepare
    await tick('2026-11-27T01:00:00Z');
    listingIs([object(1, '01:01'), object(2, '01:02'), object(3, '01:03')]);
    await tick('2026-11-27T01:05:00Z');
    await tick('2026-11-27T01:10:00Z'); // the run takes the three

    // Act
    await tick('2026-11-27T01:11:00Z');

    // Assess
    expect(trainings()).toHaveLength(1);
    expect((await trainingItem('churn'))?.window).toMatchObject({ gen: 1, openedAt: '2026-11-27T01:10:00.000Z' });
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
    await tick('2026-11-27T01:05:00Z');
    await tick('2026-11-27T01:06:00Z');
    await tick('2026-11-27T01:07:00Z');

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
