import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/endpoint-state-changed';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import {
  OLD_CONFIG,
  describedPackage,
  endpointServes,
  noSuchEndpoint,
  packageArn,
  resetHosting,
} from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const PING_FAILED =
  'The primary container for production variant v1 did not pass the ping health check. ' +
  'Please check CloudWatch logs for this endpoint.';

const approval = (version: number) =>
  fixture('model-package-state-change.approved', {
    id: `approved-${version}`,
    detail: { ModelPackageVersion: version, ModelPackageArn: packageArn(version) },
  });
const endpointEvent = (status: string, id: string, detail: Record<string, unknown> = {}) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointStatus: status, ...detail } });

/**
 * A canary of v2 beside v1 started through the approval handler; returns its config and model. The mocks are reset
 * afterwards.
 */
async function startedCanary(): Promise<{ config: string; model: string }> {
  describedPackage(2);
  endpointServes(OLD_CONFIG, { v1: 100 });
  await modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));
  const config = sagemaker.commandCalls(CreateEndpointConfigCommand)[0]?.args[0].input;
  if (!config?.EndpointConfigName || sagemaker.commandCalls(UpdateEndpointCommand).length !== 1)
    throw new Error('the approval did not start a canary');
  resetAws();
  return { config: config.EndpointConfigName, model: config.ProductionVariants![1]!.ModelName! };
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('endpointStateChanged: the canary config took effect', () => {
  it(
    'bakes the canary once DescribeEndpoint says the endpoint serves the canary config: ' +
      'the judgement is due 15 min later',
    async () => {
      // Prepare
      const { config: canary, model } = await startedCanary();
      setClock('2026-11-27T03:13:45Z');
      endpointServes(canary, { v1: 90, v2: 10 }, model);

      // Act
      const result = await handler(
        endpointEvent('IN_SERVICE', 'in-service-1', { EndpointConfigName: canary }),
        context(),
      );

      // Assess
      expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'canary step applied' });
      expect(sagemaker.commandCalls(DescribeEndpointCommand).map((c) => c.args[0].input)).toEqual([
        { EndpointName: 'churn-prod' },
      ]);
      expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
      expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toHaveLength(0);
      expect((await deploymentItem())?.active).toMatchObject({
        status: 'baking',
        weight: 10,
        step: 0,
        bakeStartedAt: '2026-11-27T03:13:45.000Z',
        nextActionAt: '2026-11-27T03:28:45.000Z',
      });
      expect(published()).toEqual([]);
      expect(notificationsSent()).toEqual([]);
    },
  );
});

describe('endpointStateChanged: SageMaker did not do as asked', () => {
  it(
    'treats an endpoint back in service on its old config as a silent rollback: ' +
      'a critical alert, a failed Deployment Rolled Back, the package left alone',
    async () => {
      // Prepare
      const { config: canary } = await startedCanary();
      setClock('2026-11-27T03:13:45Z');
      endpointServes(OLD_CONFIG, { v1: 100 });

      // Act: the event claims the canary config; what DescribeEndpoint says wins
      const result = await handler(
        endpointEvent('IN_SERVICE', 'in-service-1', { EndpointConfigName: canary }),
        context(),
      );

      // Assess
      expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment failed' });
      const [alert] = notificationsSent();
      expect(notificationsSent()).toHaveLength(1);
      expect(alert).toMatchObject({
        Subject: '[Shepherd] churn: deployment on churn-prod failed',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'alert' },
          model: { DataType: 'String', StringValue: 'churn' },
          severity: { DataType: 'String', StringValue: 'critical' },
        },
      });
      expect(alert!.Message).toContain(`SageMaker rolled the endpoint back: it serves ${OLD_CONFIG}, not ${canary}`);
      expect(published()).toEqual([
        expect.objectContaining({
          detailType: 'Deployment Rolled Back',
          detail: expect.objectContaining({
            model: 'churn',
            endpoint: 'churn-prod',
            modelPackageArn: packageArn(2),
            outcome: 'failed',
          }),
        }),
      ]);
      expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(0);
      expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
      const item = await deploymentItem();
      expect(item?.active).toBeUndefined();
      expect(item?.history).toEqual([expect.objectContaining({ modelPackageArn: packageArn(2), outcome: 'failed' })]);
    },
  );

  it('fails the deployment and alerts with the reason when the endpoint being created fails', async () => {
    // Prepare
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));
    const config = sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input.EndpointConfigName!;
    resetAws();
    setClock('2026-11-27T03:13:45Z');
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'churn-prod',
      EndpointConfigName: config,
      EndpointStatus: 'Failed',
      FailureReason: PING_FAILED,
    });

    // Act
    const result = await handler(
      fixture('endpoint-state-change.failed', { detail: { EndpointConfigName: config, FailureReason: PING_FAILED } }),
      context(),
    );

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment failed' });
    expect(sagemaker.commandCalls(DescribeEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod' },
    ]);
    expect(sagemaker.commandCalls(DescribeEndpointConfigCommand)).toHaveLength(0);
    const [alert] = notificationsSent();
    expect(alert).toMatchObject({
      Subject: '[Shepherd] churn: deployment on churn-prod failed',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
    });
    expect(alert!.Message).toContain(PING_FAILED);
    expect(published().map((e) => [e.detailType, e.detail.outcome])).toEqual([['Deployment Rolled Back', 'failed']]);
    expect((await deploymentItem())?.active).toBeUndefined();
  });
});

describe('endpointStateChanged: events Shepherd does not act on', () => {
  it('ignores an endpoint no model line deploys to', async () => {
    // Act
    const result = await handler(
      endpointEvent('IN_SERVICE', 'other-1', {
        EndpointName: 'someone-elses-endpoint',
        EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/someone-elses-endpoint',
      }),
      context(),
    );

    // Assess
    expect(result).toEqual({ status: 'ignored', reason: 'endpoint no model line deploys to' });
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('rejects an event with a status no endpoint has, naming the problem', async () => {
    // Act
    const result = await handler(endpointEvent('BROKEN', 'broken-1'), context());

    // Assess
    expect(result).toEqual({
      status: 'rejected',
      problems: [expect.stringMatching(/^detail\.EndpointStatus: must be an endpoint status/)],
    });
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
