// Someone else's UpdateEndpoint (the console, another tool) lands between Shepherd's decision to update the endpoint
// and its request: Shepherd must not put its own config over theirs. What SageMaker receives, and how it ends.
import { listenToMetrics } from '../helpers/emf';
import {
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  SageMakerClient,
  UpdateEndpointCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { SageMakerHostingAdapter } from '../../shared/aws/sagemaker-hosting';
import { bakingCanary, neoBuilding, tick } from '../helpers/canary';
import { failing, metrics } from '../helpers/canary-metrics';
import { notificationsSent, resetAws, sagemaker } from '../helpers/aws';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { cloudwatch, endpointServes, OLD_CONFIG, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

/** A config of the team's own, deployed by hand. */
const BY_HAND = 'churn-prod-by-hand';
const TARGET = 'churn-prod-abcdef-final';

const inService = (id: string, config: string) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointConfigName: config } });
const described = (config: string): DescribeEndpointCommandOutput => ({
  $metadata: {},
  EndpointName: 'churn-prod',
  EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod',
  EndpointConfigName: config,
  EndpointStatus: 'InService',
  CreationTime: new Date('2026-11-01T00:00:00Z'),
  LastModifiedTime: new Date('2026-11-27T03:30:00Z'),
  ProductionVariants: [
    { VariantName: 'v1', CurrentWeight: 100, CurrentInstanceCount: 2 },
    { VariantName: 'v2', CurrentWeight: 0, CurrentInstanceCount: 1 },
  ],
});
const updates = () => sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input);
const emf = listenToMetrics();

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting, emf.clear] }));
afterAll(() => emf.stop());

describe('SageMakerHostingAdapter.updateEndpoint, told which config the decision saw', () => {
  const adapter = () => new SageMakerHostingAdapter(new SageMakerClient({ region: 'us-east-1' }));

  it('refuses, asking for no update, an endpoint that serves neither that config nor the one asked', async () => {
    // Prepare
    endpointServes(BY_HAND, { v1: 100 });

    // Act
    const update = adapter().updateEndpoint('churn-prod', TARGET, false, OLD_CONFIG);

    // Assess
    await expect(update).rejects.toThrow(`churn-prod serves ${BY_HAND}, not ${OLD_CONFIG}`);
    expect(updates()).toEqual([]);
  });

  it('updates an endpoint that still serves the config the decision saw', async () => {
    // Prepare
    endpointServes(OLD_CONFIG, { v1: 100 });
    sagemaker.on(UpdateEndpointCommand).resolves({ EndpointArn: 'arn' });

    // Act
    await adapter().updateEndpoint('churn-prod', TARGET, false, OLD_CONFIG);

    // Assess
    expect(updates()).toEqual([{ EndpointName: 'churn-prod', EndpointConfigName: TARGET }]);
  });

  it('updates as before when the request does not say (one written to an outbox before it could)', async () => {
    // Prepare
    endpointServes(BY_HAND, { v1: 100 });
    sagemaker.on(UpdateEndpointCommand).resolves({ EndpointArn: 'arn' });

    // Act
    await adapter().updateEndpoint('churn-prod', TARGET);

    // Assess
    expect(updates()).toEqual([{ EndpointName: 'churn-prod', EndpointConfigName: TARGET }]);
  });
});

describe('endpointStateChanged: the endpoint updated by hand just before Shepherd restores the baseline', () => {
  /** The canary failed its bake and was drained; its drained endpoint seen, someone deploys their own config. */
  async function drainedThenUpdatedByHand(): Promise<{ config: string }> {
    const canary = await bakingCanary();
    metrics(failing);
    await tick('2026-11-27T03:29:45Z');
    resetAws();
    cloudwatch.reset();
    neoBuilding();
    emf.clear();
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });
    setClock('2026-11-27T03:31:00Z');
    endpointServes(BY_HAND, { v1: 100 });
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
    // Their update's own event came while the baseline's config waited in the outbox: only the drain's is left.
    sagemaker.on(DescribeEndpointCommand).resolvesOnce(described(canary.config)).resolves(described(BY_HAND));
    return canary;
  }

  it('skips the request rather than put the baseline’s config over theirs, and ends the deployment now', async () => {
    // Prepare
    const canary = await drainedThenUpdatedByHand();

    // Act
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));

    // Assess
    expect(updates()).toEqual([]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(Object.values(item?.outbox ?? {})).toEqual([]);
    expect(item?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `churn-prod was updated outside Shepherd: it serves ${BY_HAND}, not ${OLD_CONFIG}`,
    });
    expect(notificationsSent()).toHaveLength(1);
    expect(notificationsSent()[0]!.Message).toContain('while v2 was being rolled back');
    expect(emf.metrics()).toEqual({ EndpointUpdatedOutside: 1, DeploymentsFailed: 1 });
  });

  it('alerts once when the drained endpoint’s event is delivered twice', async () => {
    // Prepare
    const canary = await drainedThenUpdatedByHand();
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));

    // Act
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));

    // Assess
    expect(updates()).toEqual([]);
    expect(notificationsSent()).toHaveLength(1);
    expect((await deploymentItem())?.history.at(-1)).toMatchObject({ outcome: 'failed' });
    expect(emf.metrics()).toEqual({ EndpointUpdatedOutside: 1, DeploymentsFailed: 1 });
  });
});
