// A training item edited by hand in the middle of a run, on the local cloud: Shepherd alerts once, leaves that line
// alone (its training's end is neither registered nor written over) and the other line's run carries on to its
// registration. Nothing reaches the dead-letter queue.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Cloud } from '../../local/cloud';
import { TABLE_NAME } from '../../local/cloud/stack';
import { domainEvents, quietCloud, waitFor } from '../helpers/e2e';

let cloud: Cloud;
let table: DynamoDBDocumentClient;
beforeAll(async () => {
  const completed = (auc: number) => ({ outcome: 'Completed', metrics: { 'validation:auc': auc } });
  cloud = await quietCloud({
    setup: { modelPackageGroups: ['churn-models', 'upsell-models'], alarms: ['churn-prod-latency-p99'] },
    // churn's one training, and the children of upsell's tuning job
    trainings: {
      churn: [completed(0.91)],
      upsell: [completed(0.81), completed(0.87), completed(0.84), completed(0.8)],
    },
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  table = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloud.dynamoUrl, region: 'us-east-1', credentials }),
  );
});
afterAll(() => cloud.stop());

const trainingKey = (model: string) => ({ pk: `MODEL#${model}`, sk: 'TRAINING' });
const readTraining = async (model: string) =>
  (await table.send(new GetCommand({ TableName: TABLE_NAME, Key: trainingKey(model), ConsistentRead: true }))).Item!;
const corruptAlerts = () => cloud.sns.outbox().filter((m) => /is corrupt/.test(m.subject ?? ''));

describe('a state item edited by hand mid-run', () => {
  it('is alerted once and left alone, while the other line carries on', async () => {
    // Prepare: both lines start a run on their schedule
    const time = cloud.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    await cloud.lambda.invoke('retrainSchedule', { model: 'churn', id: 'firing-churn', time });
    await cloud.lambda.invoke('retrainSchedule', { model: 'upsell', id: 'firing-upsell', time });
    const churn = await readTraining('churn');
    const job = churn.inFlight.jobName as string;

    // Act: someone sets churn's run to a kind Shepherd never writes
    const edited = { ...churn, inFlight: { ...churn.inFlight, kind: 'notebook' } };
    await table.send(new PutCommand({ TableName: TABLE_NAME, Item: edited }));
    await waitFor(cloud, 'upsell registered', () =>
      domainEvents(cloud, 'Model Registered').some((e) => e.detail.model === 'upsell'),
    );
    await waitFor(cloud, `${job} completed`, () =>
      cloud.timeline.lines.some((l) => l.message.startsWith(`training ${job} Completed`)),
    );
    // Past the reconciler's look at a quiet run (30 minutes) and Lambda's retries, had anything thrown.
    const settled = cloud.clock.now().getTime() + 45 * 60_000;
    await waitFor(cloud, 'the reconciler to pass', () => cloud.clock.now().getTime() > settled && !cloud.lambda.busy);

    // Assess
    expect(corruptAlerts()).toEqual([
      expect.objectContaining({
        subject: '[Shepherd] churn: state item MODEL#churn/TRAINING is corrupt: not acted on',
      }),
    ]);
    expect(corruptAlerts()[0]!.message).toMatch(/inFlight\.kind/);
    expect(cloud.shepherdTimeline.entries.filter((e) => e.type === 'CorruptState')).toHaveLength(1);
    expect(domainEvents(cloud, 'Model Registered').map((e) => e.detail.model)).toEqual(['upsell']);
    expect(await readTraining('churn')).toEqual(edited);
    expect((await readTraining('upsell')).inFlight).toBeUndefined();
    expect(cloud.lambda.errors).toEqual([]);
  });
});
