import { CreateTrainingJobCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/retrain-schedule';
import { sagemaker } from '../helpers/aws';
import { createTable, trainingItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T02:00:01Z', trainingJobStarts: true });
  sagemaker.on(StartPipelineExecutionCommand).resolves({
    PipelineExecutionArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/abc123',
  });
});

/** What the rule's input transformer makes of the scheduled event (see shared/config/rules.ts). */
const scheduled = (model: string) => {
  const e = fixture('scheduled-event');
  return { model, id: e.id as string, time: e.time as string };
};

describe('retrainSchedule', () => {
  it('starts the scheduled retraining of a job-template line', async () => {
    // Act
    await handler(scheduled('churn'), context());

    // Assess
    expect(sagemaker.commandCalls(CreateTrainingJobCommand)[0]!.args[0].input.Tags).toContainEqual({
      Key: 'shepherd:trigger',
      Value: 'schedule',
    });
  });

  it(
    'starts a pipeline line with a ClientRequestToken derived from the schedule firing, ' +
      'and keeps its execution ARN',
    async () => {
      // Act
      await handler(scheduled('fraud'), context());
      await handler({ ...scheduled('fraud'), id: 'another-firing' }, context());

      // Assess
      const starts = sagemaker.commandCalls(StartPipelineExecutionCommand).map((c) => c.args[0].input);
      expect(starts).toHaveLength(1);
      expect(starts[0]).toMatchObject({
        PipelineName: 'fraud-training-pipeline',
        PipelineExecutionDisplayName: expect.stringMatching(/^fraud-20261127t0200-[0-9a-f]{8}$/),
        ClientRequestToken: expect.stringMatching(/^[0-9a-f]{32}$/),
        PipelineParameters: [{ Name: 'InputDataUri', Value: 's3://shepherd-example-data/fraud/incoming/' }],
      });
      expect((await trainingItem('fraud'))?.inFlight).toMatchObject({
        executionArn: 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/abc123',
      });
      expect((await trainingItem('fraud'))?.pending).toMatchObject({ id: 'another-firing' });
    },
  );

  it('ignores a schedule for a model line that is no longer configured', async () => {
    // Act
    const result = await handler(scheduled('retired-line'), context());

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'schedule names no configured model line' });
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
