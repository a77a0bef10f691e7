import { DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { notificationsSent, resetAws, sagemaker } from '../helpers/aws';
import { clearTable, createTable, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { describedJob, startChurnTraining } from '../helpers/flows';

const tick = (iso: string) => {
  setClock(iso);
  return reconcile(fixture('scheduled-event', { id: `tick-${iso}`, time: iso }), context('reconcile'));
};
const stuckAlerts = () => notificationsSent().filter((n) => /stuck/.test(n.Subject ?? ''));

beforeAll(createTable);
beforeEach(async () => {
  resetAws();
  await clearTable();
  setClock('2026-11-27T06:05:41Z');
});
afterEach(() => jest.useRealTimers());

describe('reconcile: a training that stays far longer than its stopping condition', () => {
  it('says once what it waits for, on the first tick past MaxWaitTimeInSeconds and its margin', async () => {
    // Prepare: a spot job (MaxWaitTimeInSeconds 7200) started at 06:05:41 that SageMaker still calls InProgress
    const job = await startChurnTraining();
    describedJob(job, 'InProgress', {}, { SecondaryStatus: 'Training' });

    // Act
    await tick('2026-11-27T08:35:00Z'); // 149 min in: within 120 + 30
    const early = stuckAlerts().length;
    await tick('2026-11-27T08:37:00Z');
    await tick('2026-11-27T08:38:00Z');

    // Assess
    expect(early).toBe(0);
    expect(stuckAlerts().map((n) => [n.Subject, n.MessageAttributes?.severity?.StringValue])).toEqual([
      ['[Shepherd] churn: training stuck for 151 min', 'warning'],
    ]);
    expect(stuckAlerts()[0]!.Message).toContain(`training job ${job} to end (its MaxWaitTimeInSeconds 7200 has passed`);
    expect((await timeline('churn')).filter((e) => e.type === 'TrainingStuck')).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ jobName: job, stuckSaid: `${job}/training` });
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).length).toBeGreaterThan(0);
  });
});
