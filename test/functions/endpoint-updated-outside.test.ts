// Someone else's UpdateEndpoint (the console, another tool) lands while a canary's weights change: what SageMaker is
// asked for, and what the team is told, once the endpoint is back in service on that config.
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { bakingCanary, neoBuilding, tick } from '../helpers/canary';
import { failing, healthy, metrics } from '../helpers/canary-metrics';
import { notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { cloudwatch, endpointServes, OLD_CONFIG, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

/** A config of the team's own, deployed by hand over the canary: v1 alone. */
const BY_HAND = 'churn-prod-by-hand';

const inService = (id: string, config: string) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointConfigName: config } });

/** The canary judged at the end of its 10 % bake, its weight change asked for: `status` once judged. */
async function judged(candidate: typeof healthy, status: 'shifting' | 'draining'): Promise<void> {
  await bakingCanary();
  metrics(candidate);
  await tick('2026-11-27T03:29:45Z');
  if ((await deploymentItem())?.active?.status !== status) throw new Error(`the canary is not ${status}`);
  resetAws();
  cloudwatch.reset();
  neoBuilding();
  sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('endpointStateChanged: the endpoint was updated outside Shepherd during a weight change', () => {
  it('fails a shifting canary with a critical alert naming the config, and asks SageMaker for nothing', async () => {
    // Prepare: the step to 25 % was asked for; someone deployed their own config over the canary meanwhile
    await judged(healthy, 'shifting');
    setClock('2026-11-27T03:36:00Z');
    endpointServes(BY_HAND, { v1: 100 });

    // Act
    await endpointStateChanged(inService('by-hand', BY_HAND), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toEqual([]);
    const [alert] = notificationsSent();
    expect(notificationsSent()).toHaveLength(1);
    expect(alert).toMatchObject({
      Subject: '[Shepherd] churn: deployment on churn-prod failed',
      MessageAttributes: expect.objectContaining({ severity: { DataType: 'String', StringValue: 'critical' } }),
    });
    expect(alert!.Message).toContain(`churn-prod serves ${BY_HAND}, which Shepherd did not ask for`);
    expect(published()).toEqual([
      expect.objectContaining({
        detailType: 'Deployment Rolled Back',
        detail: expect.objectContaining({ modelPackageArn: packageArn(2), outcome: 'failed' }),
      }),
    ]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining(`churn-prod was updated outside Shepherd: it serves ${BY_HAND}`),
    });
  });

  it('rejects a draining candidate without putting the baseline’s config back over the one it serves', async () => {
    // Prepare: the drain to 0 was asked for; someone deployed their own config over the canary meanwhile
    await judged(failing, 'draining');
    setClock('2026-11-27T03:36:00Z');
    endpointServes(BY_HAND, { v1: 100 });

    // Act
    await endpointStateChanged(inService('by-hand', BY_HAND), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ ModelPackageArn: packageArn(2), ModelApprovalStatus: 'Rejected' }),
    ]);
    const [alert] = notificationsSent();
    expect(alert!.MessageAttributes).toMatchObject({ severity: { DataType: 'String', StringValue: 'critical' } });
    expect(alert!.Message).toContain(`it was updated outside Shepherd while v2 was being drained to 0 %`);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'failed' });
  });
});

describe('endpointStateChanged: the baseline’s config put back by hand while a canary drains', () => {
  it('ends the rollback at once, asking SageMaker for no UpdateEndpoint that would raise no event', async () => {
    // Prepare: the drain to 0 was asked for; someone put v1's own config back meanwhile
    await judged(failing, 'draining');
    setClock('2026-11-27T03:36:00Z');
    endpointServes(OLD_CONFIG, { v1: 100 });

    // Act
    await endpointStateChanged(inService('restored-by-hand', OLD_CONFIG), context('endpointStateChanged'));

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ ModelPackageArn: packageArn(2), ModelApprovalStatus: 'Rejected' }),
    ]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.history.at(-1)).toMatchObject({
      outcome: 'rolled_back',
      reason: expect.stringContaining(`the baseline’s config ${OLD_CONFIG} was found already restored`),
    });
    const [alert] = notificationsSent();
    expect(alert!.Subject).toBe('[Shepherd] churn: deployment on churn-prod rolled back');
  });
});

describe('endpointStateChanged: the endpoint was updated outside Shepherd during a bake', () => {
  it('fails the baking canary, so the bake’s end judges and promotes nothing over that config', async () => {
    // Prepare
    await bakingCanary();
    metrics(healthy);
    setClock('2026-11-27T03:20:00Z');
    endpointServes(BY_HAND, { v1: 100 });

    // Act
    await endpointStateChanged(inService('by-hand', BY_HAND), context('endpointStateChanged'));
    await tick('2026-11-27T03:29:45Z');

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toEqual([]);
    expect(sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toEqual([]);
    expect(cloudwatch.commandCalls(GetMetricDataCommand)).toEqual([]);
    expect(notificationsSent()).toHaveLength(1);
    expect(notificationsSent()[0]!.Message).toContain(`it was updated outside Shepherd while v2 was baking at 10 %`);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'failed' });
  });
});
