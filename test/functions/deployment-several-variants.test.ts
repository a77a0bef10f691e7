// An approval while churn-prod still serves a failed promotion's canary config (v1 beside v2): no variant is known to
// be the baseline, so the approval waits, queued, until a human leaves one variant serving.
import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { notificationsSent, resetAws, sagemaker } from '../helpers/aws';
import { approval, neoBuilding, tick } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { OLD_CONFIG, describedPackage, endpointServes, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const CANARY_CONFIG = 'churn-prod-bbbbbb-canary';
const endpointRequests = () => [
  ...sagemaker.commandCalls(CreateModelCommand),
  ...sagemaker.commandCalls(CreateEndpointConfigCommand),
  ...sagemaker.commandCalls(UpdateEndpointCommand),
  ...sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand),
];

/** v3 approved while churn-prod serves v2's canary config, v2 the heavier. */
async function approvedBesideTwo(): Promise<unknown> {
  describedPackage(3);
  endpointServes(CANARY_CONFIG, { v1: 40, v2: 60 });
  return modelPackageStateChanged(approval(3), context('modelPackageStateChanged'));
}

/** The mocks' history cleared; churn-prod serves what `serves` sets up. */
function afterApproval(serves: () => void): void {
  resetAws();
  neoBuilding();
  describedPackage(3);
  serves();
}

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] });
  neoBuilding();
});

describe('an approval while the endpoint serves several variants', () => {
  it('sends SageMaker no model, config or endpoint request, and one warning with what serves', async () => {
    // Act
    const result = await approvedBesideTwo();

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'deployment waits for one variant' });
    expect(endpointRequests()).toEqual([]);
    const item = await deploymentItem();
    expect(item?.active).toBeUndefined();
    expect(item?.queued).toMatchObject({ arn: packageArn(3) });
    expect(notificationsSent()).toHaveLength(1);
    const [warning] = notificationsSent();
    expect(warning!.Subject).toBe('[Shepherd] churn: deployment to churn-prod waits for one variant');
    expect(warning!.Message).toMatch(new RegExp(`Serving\\s+${CANARY_CONFIG}: v2 at 60 %, v1 at 40 %`));
    expect(await timeline('churn')).toContainEqual(expect.objectContaining({ type: 'DeploymentWaitsForOneVariant' }));
  });

  it('says nothing more and changes nothing on the ticks while both still serve', async () => {
    // Prepare
    await approvedBesideTwo();
    afterApproval(() => endpointServes(CANARY_CONFIG, { v1: 50, v2: 50 }));

    // Act
    await tick('2026-11-27T03:06:00Z');
    await tick('2026-11-27T03:07:00Z');

    // Assess
    expect(endpointRequests()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect((await deploymentItem())?.queued).toMatchObject({ arn: packageArn(3) });
  });

  it('starts the canary beside v1 on the first tick after v1 is restored alone', async () => {
    // Prepare
    await approvedBesideTwo();
    afterApproval(() => endpointServes(OLD_CONFIG, { v1: 100 }));

    // Act
    await tick('2026-11-27T03:08:00Z');

    // Assess
    const configs = sagemaker.commandCalls(CreateEndpointConfigCommand).map((c) => c.args[0].input.ProductionVariants!);
    expect(configs.map((variants) => variants.map((v) => [v.VariantName, v.InitialVariantWeight]))).toEqual([
      [
        ['v1', 90],
        ['v3', 10],
      ],
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    const item = await deploymentItem();
    expect(item?.active).toMatchObject({ status: 'starting', baseline: { variant: 'v1', config: OLD_CONFIG } });
    expect(item?.queued).toBeUndefined();
    expect(item?.waitingForOneVariant).toBeUndefined();
  });
});
