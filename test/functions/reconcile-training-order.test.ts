// The reconciler's look at a quiet training job and the job's own events order by the same clock: SageMaker's
// LastModifiedTime, so that a look answered before an event but applied after it does not set the run back.
import { DescribeTrainingJobCommand, type DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { sagemaker } from '../helpers/aws';
import { createTable, timeline, trainingItem } from '../helpers/dynamo';
import { context, setClock, tickOf } from '../helpers/events';
import { describedJob, startChurnTraining, trainingEvent } from '../helpers/flows';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T06:05:41Z', noApprovedPackages: true });
});

const tick = tickOf(reconcile, 'reconcile');
const INTERRUPTED_AT = Date.parse('2026-11-27T06:10:00Z');
const RESUMED_AT = Date.parse('2026-11-27T06:41:30Z');

describe('reconcile: a quiet training job looked up while its events go on', () => {
  it('does not set the run back to a status older than the event heard while it looked', async () => {
    // Prepare: the spot job is interrupted and waits for capacity longer than the run may stay quiet.
    const job = await startChurnTraining();
    const interrupted = { SecondaryStatus: 'Interrupted', LastModifiedTime: INTERRUPTED_AT };
    setClock('2026-11-27T06:10:01Z');
    await trainingStateChanged(trainingEvent(job, 'InProgress', interrupted, 'e-interrupted'), context());
    const look: DescribeTrainingJobCommandOutput = {
      ...describedJob(job, 'InProgress', {}, { SecondaryStatus: 'Interrupted' }),
      LastModifiedTime: new Date(INTERRUPTED_AT),
    };
    // SageMaker answers the look; the job resumes, and its event is handled before the look's answer is applied.
    sagemaker.on(DescribeTrainingJobCommand).callsFake(async () => {
      const resumed = { SecondaryStatus: 'Training', LastModifiedTime: RESUMED_AT };
      await trainingStateChanged(trainingEvent(job, 'InProgress', resumed, 'e-resumed'), context());
      return look;
    });

    // Act
    await tick('2026-11-27T06:41:31Z');

    // Assess
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(1);
    const lines = (await timeline('churn')).filter((entry) => entry.type === 'SpotInterrupted');
    expect(lines).toHaveLength(1);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ jobName: job, lastSecondaryStatus: 'Training' });
  });
});
