// A hand-edited state item: Shepherd decides nothing on it and writes nothing over it, alerts once per content of
// the item, counts CorruptStateItems, answers the event as ignored (no retry, no dead letter), and a reconciler tick
// goes on with the other lines.
import { listenToMetrics } from '../helpers/emf';
import {
  DescribePipelineExecutionCommand,
  DescribeTrainingJobCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-sagemaker';
import { PublishCommand } from '@aws-sdk/client-sns';
import { handler as abortAlarmRaised } from '../../functions/abort-alarm-raised';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as retrainSchedule } from '../../functions/retrain-schedule';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { notificationsSent, resetAws, sagemaker, sns } from '../helpers/aws';
import { createTable, putDeploymentWithLeftover, putItem, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture, tickOf } from '../helpers/events';
import { describedJob, startChurnTraining, trainingEvent } from '../helpers/flows';
import { freshWorld, noApprovedPackages } from '../helpers/function-world';

const emf = listenToMetrics();
const sagemakerCalls = () => sagemaker.calls().map((c) => (c.args[0] as object).constructor.name);

/** Churn's training item as someone left it: its run's kind set to a value Shepherd never writes. */
async function handEditedChurn(): Promise<{ job: string; item: Record<string, any> }> {
  const job = await startChurnTraining();
  const item = (await trainingItem('churn'))!;
  const edited = { ...item, inFlight: { ...item.inFlight, kind: 'notebook' } };
  await putItem(edited);
  resetAws();
  emf.clear();
  return { job, item: edited };
}

const tick = tickOf(reconcile, 'reconcile');

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T06:05:41Z', alsoReset: [emf.clear] }));
afterAll(() => emf.stop());

describe('a corrupt state item', () => {
  it('answers an event about its line as ignored, alerts once with field and fix, acts on nothing', async () => {
    // Prepare
    const { job, item } = await handEditedChurn();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });
    resetAws();

    // Act
    const first = await trainingStateChanged(trainingEvent(job, 'Completed'), context());
    const again = await trainingStateChanged(trainingEvent(job, 'Completed', {}, 'another-delivery'), context());

    // Assess
    const reason = 'state item MODEL#churn/TRAINING is corrupt: not acted on';
    expect([first, again]).toEqual([
      { status: 'ignored', reason },
      { status: 'ignored', reason },
    ]);
    expect(sagemakerCalls()).toEqual([]);
    const alerts = notificationsSent();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.Subject).toBe('[Shepherd] churn: state item MODEL#churn/TRAINING is corrupt: not acted on');
    expect(alerts[0]!.Message).toMatch(/problem 1 +inFlight\.kind: .*"job"/);
    expect(alerts[0]!.Message).toMatch(/to recover +put back the last good copy/);
    // The stack the functions are (stage test, us-east-1): a command pasted from another stack's alert acts there.
    expect(alerts[0]!.Message).toMatch(
      /then check +npx shepherd --stage test --region us-east-1 status churn \(the line reads again once/,
    );
    expect(alerts[0]!.MessageAttributes!.severity!.StringValue).toBe('critical');
    expect(await trainingItem('churn')).toEqual(item);
    expect(emf.metrics()).toEqual({ CorruptStateItems: 2 });
    expect((await timeline('churn')).filter((e) => e.type === 'CorruptState')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^state item MODEL#churn\/TRAINING is corrupt, not acted on: inFlight\.kind: /),
      }),
    ]);
  });

  it('alerts again once the item was edited into another corrupt content', async () => {
    // Prepare
    const { job, item } = await handEditedChurn();
    await trainingStateChanged(trainingEvent(job, 'Completed'), context());
    await putItem({ ...item, version: 1 });

    // Act
    await trainingStateChanged(trainingEvent(job, 'Completed'), context());

    // Assess
    expect(notificationsSent().map((n) => n.Subject)).toEqual([
      '[Shepherd] churn: state item MODEL#churn/TRAINING is corrupt: not acted on',
      '[Shepherd] churn: state item MODEL#churn/TRAINING is corrupt: not acted on',
    ]);
  });

  it('is alerted again by the next delivery when the alert could not be published', async () => {
    // Prepare
    const { job } = await handEditedChurn();
    const down = Object.assign(new Error('down'), { name: 'InternalErrorException' });
    sns.on(PublishCommand).rejectsOnce(down).resolves({ MessageId: 'm-2' });

    // Act
    const failed = trainingStateChanged(trainingEvent(job, 'Completed'), context());
    await expect(failed).rejects.toThrow('down');
    await trainingStateChanged(trainingEvent(job, 'Completed'), context());

    // Assess
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('leaves its line alone in a reconciler tick, which reconciles the other lines and does not fail', async () => {
    // Prepare
    sagemaker.on(StartPipelineExecutionCommand).resolves({
      PipelineExecutionArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/e1',
    });
    await retrainSchedule({ model: 'fraud', id: 'firing-1', time: '2026-11-27T06:05:41Z' }, context());
    const run = (await trainingItem('fraud'))!.inFlight.runName;
    const { job } = await handEditedChurn();
    describedJob(job, 'Completed', { 'validation:auc': 0.91 });
    sagemaker
      .on(DescribePipelineExecutionCommand)
      .resolves({ PipelineExecutionStatus: 'Succeeded', PipelineExecutionDisplayName: run });
    noApprovedPackages(); // nor any the pipeline registered

    // Act
    const first = await tick('2026-11-27T06:36:00Z');
    const second = await tick('2026-11-27T06:37:00Z');

    // Assess
    expect([first, second]).toEqual([
      expect.objectContaining({ status: 'done', corrupt: 1 }),
      expect.objectContaining({ status: 'done', corrupt: 1 }),
    ]);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toEqual([]);
    expect(sagemaker.commandCalls(DescribePipelineExecutionCommand)).toHaveLength(1);
    expect((await trainingItem('fraud'))?.inFlight).toBeUndefined();
    expect(notificationsSent().filter((n) => /corrupt/.test(n.Subject ?? ''))).toHaveLength(1);
    expect(emf.metrics()).toMatchObject({ CorruptStateItems: 2 });
  });

  it('answers an abort alarm for an endpoint whose deployment item went back a version without a retry', async () => {
    // Prepare: version 2 was written with an outbox entry of version 3, as a restore of an older copy leaves it
    await putDeploymentWithLeftover(2, { id: '0000000003-000', action: { type: 'updateWeights' }, createdAt: 't' });

    // Act
    const result = await abortAlarmRaised(fixture('cloudwatch-alarm-state-change.abort-alarm'), context());

    // Assess
    expect(result).toMatchObject({
      status: 'done',
      outcomes: [{ model: 'churn', outcome: 'state item ENDPOINT#churn-prod/DEPLOYMENT is corrupt: not acted on' }],
    });
    expect(sagemakerCalls()).toEqual([]);
    expect(notificationsSent()).toHaveLength(1);
    expect(notificationsSent()[0]!.Message).toMatch(/version: 2 is below 3, the version that wrote outbox entry/);
  });
});
