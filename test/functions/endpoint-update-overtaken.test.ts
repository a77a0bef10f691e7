// Someone else's UpdateEndpoint (the console, another tool) lands between Shepherd's decision to update the endpoint
// and its request: Shepherd must not put its own config over theirs. What SageMaker receives, and how it ends.
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

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

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
  it('skips the request rather than put the baseline’s config over theirs, and fails on the next look', async () => {
    // Prepare: the canary failed its bake and was drained; the drained endpoint is seen on the canary config, and
    // by the time the baseline's config is asked for someone has deployed their own
    const canary = await bakingCanary();
    metrics(failing);
    await tick('2026-11-27T03:29:45Z');
    resetAws();
    cloudwatch.reset();
    neoBuilding();
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });
    setClock('2026-11-27T03:31:00Z');
    endpointServes(BY_HAND, { v1: 100 });
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
    sagemaker.on(DescribeEndpointCommand).resolvesOnce(described(canary.config)).resolves(described(BY_HAND));

    // Act
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));
    const skipped = await deploymentItem();
    setClock('2026-11-27T03:40:00Z');
    await endpointStateChanged(inService('by-hand', BY_HAND), context('endpointStateChanged'));

    // Assess
    expect(updates()).toEqual([]);
    expect(skipped?.active).toMatchObject({ status: 'rolling_back', expectConfig: OLD_CONFIG });
    expect(Object.values(skipped?.outbox ?? {}).map((e: any) => e.action.type)).not.toContain('updateEndpoint');
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.history.at(-1)).toMatchObject({
      outcome: 'failed',
      reason: `churn-prod was updated outside Shepherd: it serves ${BY_HAND}, not ${OLD_CONFIG}`,
    });
    expect(notificationsSent().at(-1)!.Message).toContain('while v2 was being rolled back');
  });
});
