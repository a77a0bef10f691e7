// An event names something deleted before it was handled: ignored with the reason, counted in ResourceGone, said
// once on the line's timeline, and never thrown (no retry, no dead letter). SageMaker's answers as
// docs/aws-sagemaker.md quotes them.
import { listenToMetrics } from '../helpers/emf';
import {
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { handler as trainingStateChanged } from '../../functions/training-state-changed';
import { notificationsSent, published, resetAws, sagemaker, throttled } from '../helpers/aws';
import { createTable, deploymentItem, timeline, trainingItem } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { startChurnTraining, trainingEvent } from '../helpers/flows';
import {
  OLD_CONFIG,
  describedPackage,
  endpointServes,
  noSuchEndpoint,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const emf = listenToMetrics();
const commandNames = () => sagemaker.calls().map((c) => (c.args[0] as object).constructor.name);
const validation = (message: string) => Object.assign(new Error(message), { name: 'ValidationException' });
const approval = (version: number) =>
  fixture('model-package-state-change.approved', {
    id: `approved-${version}`,
    detail: { ModelPackageVersion: version, ModelPackageArn: packageArn(version) },
  });

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:03:54Z', alsoReset: [resetHosting, emf.clear] }));
afterAll(() => emf.stop());

describe('an Approved event for a model package deleted before it was handled', () => {
  it('is ignored with the reason, once on the timeline, and deploys and builds nothing', async () => {
    // Prepare
    const arn = packageArn(7);
    sagemaker.on(DescribeModelPackageCommand).rejects(validation(`ModelPackage ${arn} does not exist.`));

    // Act: delivered twice, as EventBridge may
    const first = await modelPackageStateChanged(approval(7), context());
    const second = await modelPackageStateChanged(approval(7), context());

    // Assess
    const reason = `model package ${arn} no longer exists: its approval is not deployed`;
    expect([first, second]).toEqual([
      { status: 'ignored', reason },
      { status: 'ignored', reason },
    ]);
    expect(commandNames()).toEqual(['DescribeModelPackageCommand', 'DescribeModelPackageCommand']);
    expect(sagemaker.commandCalls(DescribeModelPackageCommand)[0]!.args[0].input).toEqual({ ModelPackageName: arn });
    expect(await timeline('churn')).toEqual([
      expect.objectContaining({ type: 'ResourceGone', message: reason, at: '2026-11-27T03:03:54Z' }),
    ]);
    expect(await deploymentItem()).toBeUndefined();
    expect(published()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect(emf.metrics()).toEqual({ ResourceGone: 2 });
  });

  it('is still thrown when the registry fails for another reason, for Lambda to retry', async () => {
    // Prepare
    sagemaker.on(DescribeModelPackageCommand).rejects(throttled());

    // Act
    const handling = modelPackageStateChanged(approval(8), context());

    // Assess
    await expect(handling).rejects.toThrow('Rate exceeded');
    expect(await timeline('churn')).toEqual([]);
    expect(emf.metrics()).toEqual({});
  });
});

describe('an endpoint state change for an endpoint deleted before it was handled', () => {
  it('is ignored with the reason when no deployment is on it', async () => {
    // Prepare
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    const event = fixture('endpoint-state-change.in-service', { id: 'endpoint-gone-1' });

    // Act
    const result = await endpointStateChanged(event, context());

    // Assess
    const reason = 'endpoint churn-prod no longer exists';
    expect(result).toEqual({ status: 'ignored', reason });
    expect(commandNames()).toEqual(['DescribeEndpointCommand']);
    expect(sagemaker.commandCalls(DescribeEndpointCommand)[0]!.args[0].input).toEqual({ EndpointName: 'churn-prod' });
    expect(await timeline('churn')).toEqual([
      expect.objectContaining({ type: 'ResourceGone', message: reason, id: 'gone-endpoint-gone-1' }),
    ]);
    expect(await deploymentItem()).toBeUndefined();
    expect(emf.metrics()).toEqual({ ResourceGone: 1 });
  });
});

describe('an endpoint deleted under a deployment', () => {
  it('ends the deployment failed, critically, and asks nothing more of the endpoint', async () => {
    // Prepare: a canary of v2 starting on churn-prod, which then disappears
    describedPackage(2);
    endpointServes(OLD_CONFIG, { v1: 100 });
    await modelPackageStateChanged(approval(2), context());
    resetAws();
    emf.clear();
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());

    // Act
    const result = await endpointStateChanged(fixture('endpoint-state-change.updating'), context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment failed' });
    expect(commandNames()).toEqual(['DescribeEndpointCommand']);
    expect(published()).toEqual([
      expect.objectContaining({
        detailType: 'Deployment Rolled Back',
        detail: expect.objectContaining({
          outcome: 'failed',
          reason: 'endpoint churn-prod was deleted during the deployment',
        }),
      }),
    ]);
    expect(notificationsSent()).toEqual([
      expect.objectContaining({
        MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
      }),
    ]);
    expect((await deploymentItem())?.active).toBeUndefined();
    expect(emf.metrics()).toEqual({ DeploymentsFailed: 1 });
  });
});

describe('a Completed event for a training job deleted before it was handled', () => {
  it('is ignored with the reason, registers nothing and leaves the run for the reconciler', async () => {
    // Prepare
    const job = await startChurnTraining();
    resetAws();
    emf.clear();
    // SageMaker's answer for a training job that does not exist (not the ResourceNotFound its reference declares).
    sagemaker.on(DescribeTrainingJobCommand).rejects(validation('Requested resource not found.'));

    // Act
    const result = await trainingStateChanged(trainingEvent(job, 'Completed'), context());

    // Assess
    const reason = `training job ${job} no longer exists: not registered`;
    expect(result).toEqual({ status: 'ignored', reason });
    expect(commandNames()).toEqual(['DescribeTrainingJobCommand']);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)[0]!.args[0].input).toEqual({ TrainingJobName: job });
    expect((await timeline('churn')).filter((e) => e.type === 'ResourceGone')).toEqual([
      expect.objectContaining({ message: reason }),
    ]);
    expect((await trainingItem('churn'))?.inFlight).toMatchObject({ jobName: job });
    expect(published()).toEqual([]);
    expect(emf.metrics()).toEqual({ ResourceGone: 1 });
  });
});
