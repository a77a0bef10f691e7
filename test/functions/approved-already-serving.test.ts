// The package an endpoint already serves is approved again: an operator flipped it Approved → PendingManualApproval →
// Approved in Studio, or its approval's event came again after the rollout ended. Nothing is deployed (a canary of it
// would put the model beside itself), and the timeline says why, whether or not the deployment item still remembers
// the first approval.
import {
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/model-package-state-changed';
import { deploymentId } from '../../shared/domain/deployment/requests';
import { configName, modelName } from '../../shared/domain/names';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { putPromoted } from '../helpers/canary';
import { createTable, putItem, timeline } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';
import { describedPackage, IMAGE, modelData, packageArn, resetHosting } from '../helpers/hosting';

const V2_CONFIG = 'churn-prod-bbbbbb-final';

/** churn-prod in service with v2 alone, on the model Shepherd made of package version 2. */
function endpointServesV2(): void {
  sagemaker.on(DescribeEndpointCommand).resolves({
    EndpointName: 'churn-prod',
    EndpointConfigName: V2_CONFIG,
    EndpointStatus: 'InService',
    ProductionVariants: [{ VariantName: 'v2', CurrentWeight: 1, CurrentInstanceCount: 2, DesiredInstanceCount: 2 }],
  });
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: V2_CONFIG }).resolves({
    EndpointConfigName: V2_CONFIG,
    ProductionVariants: [
      {
        VariantName: 'v2',
        ModelName: modelName('churn', { version: 2, arn: packageArn(2) }),
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 2,
        InitialVariantWeight: 1,
      },
    ],
  });
}

/** Version 2's Approved event at `time`, an hour after its first approval. */
const approvedAgain = (time = '2026-11-27T04:00:00Z') =>
  fixture('model-package-state-change.approved', {
    id: `approved-again-${time}`,
    time,
    detail: {
      ModelPackageVersion: 2,
      ModelPackageArn: packageArn(2),
      InferenceSpecification: { Containers: [{ Image: IMAGE, ModelDataUrl: modelData(2) }] },
    },
  });

/** Version 1's Approved event at 04:00, its package long promoted and since replaced by version 2. */
const approvedV1Again = () =>
  fixture('model-package-state-change.approved', { id: 'approved-v1-again', time: '2026-11-27T04:00:00Z' });
/** The config v1's promotion made, kept for rollback (`deployment.keepPrevious`). */
const V1_CONFIG = configName('churn-prod', deploymentId('churn-prod', packageArn(1)), 'final');

const endpointChanges = () => [
  ...sagemaker.commandCalls(CreateModelCommand),
  ...sagemaker.commandCalls(CreateEndpointConfigCommand),
  ...sagemaker.commandCalls(UpdateEndpointCommand),
];

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T04:00:05Z', alsoReset: [resetHosting] }));

describe('modelPackageStateChanged: the serving package approved again', () => {
  it('deploys nothing and says on the timeline that the package already serves the endpoint', async () => {
    // Prepare: v2 was approved at 03:00 and promoted at 03:40
    await putPromoted(2, { approved: '2026-11-27T03:00:00Z', promoted: '2026-11-27T03:40:00Z' });
    describedPackage(2);
    endpointServesV2();

    // Act
    const result = await handler(approvedAgain(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', outcome: 'approved package already serves the endpoint' });
    expect(endpointChanges()).toEqual([]);
    expect(await timeline('churn')).toContainEqual(
      expect.objectContaining({
        type: 'ApprovalAlreadyServes',
        message: `${packageArn(2)} was approved, but it already serves churn-prod: nothing to deploy`,
      }),
    );
  });

  it('puts no canary of the package beside itself when the deployment item no longer remembers it', async () => {
    // Prepare: an item that kept no `recent` (written before it was kept), v2 its last promotion
    const promoted = { id: 'd2', modelPackageArn: packageArn(2), outcome: 'promoted', at: '2026-11-27T03:40:00Z' };
    await putItem({
      pk: 'ENDPOINT#churn-prod',
      sk: 'DEPLOYMENT',
      endpoint: 'churn-prod',
      version: 7,
      history: [promoted],
      created: { models: [], configs: [] },
      outbox: {},
    });
    describedPackage(2);
    endpointServesV2();

    // Act
    const result = await handler(approvedAgain(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', outcome: 'approved package already serves the endpoint' });
    expect(endpointChanges()).toEqual([]);
  });

  it('says it once when the same event comes again', async () => {
    // Prepare
    await putPromoted(2, { approved: '2026-11-27T03:00:00Z', promoted: '2026-11-27T03:40:00Z' });
    describedPackage(2);
    endpointServesV2();
    await handler(approvedAgain(), context());

    // Act
    await handler({ ...approvedAgain(), id: 'redelivered' }, context());

    // Assess
    const said = (await timeline('churn')).filter((entry) => entry.type === 'ApprovalAlreadyServes');
    expect(said).toHaveLength(1);
    expect(endpointChanges()).toEqual([]);
  });
});

/**
 * v1 promoted at 02:30, v2 (approved at 03:00) at 03:15, churn-prod serving v2; v2 then rejected in the registry at
 * 03:20:41: its alert asks for the package that should serve instead.
 */
async function v2RejectedWhileServing(): Promise<void> {
  const promoted = (version: number, at: string) => ({
    id: `d${version}`,
    modelPackageArn: packageArn(version),
    outcome: 'promoted',
    at,
  });
  await putItem({
    pk: 'ENDPOINT#churn-prod',
    sk: 'DEPLOYMENT',
    endpoint: 'churn-prod',
    version: 9,
    history: [promoted(1, '2026-11-27T02:30:00Z'), promoted(2, '2026-11-27T03:15:00Z')],
    lastPromoted: { ...promoted(2, '2026-11-27T03:15:00Z'), approvedAt: '2026-11-27T03:00:00Z' },
    recent: [packageArn(1), packageArn(2)],
    created: { models: [], configs: [V1_CONFIG, V2_CONFIG] },
    outbox: {},
  });
  endpointServesV2();
  await handler(fixture('model-package-state-change.rejected-during-canary'), context());
  describedPackage(1);
}

const notDeployedAgain = () =>
  notificationsSent().filter((n) => n.Subject === '[Shepherd] churn: approved model not deployed again');

describe('modelPackageStateChanged: an earlier package approved again after the serving one was rejected', () => {
  it('tells the operator it is not deployed again, and how to put it back, instead of dropping it unsaid', async () => {
    // Prepare: the operator approves v1 again at 04:00, as the rejection's alert asked
    await v2RejectedWhileServing();

    // Act
    const result = await handler(approvedV1Again(), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', outcome: 'approved package handled before: not deployed again' });
    expect(endpointChanges()).toEqual([]);
    const told = notDeployedAgain();
    expect(told).toHaveLength(1);
    expect(told[0]?.Message).toContain(
      `${packageArn(1)} was approved, but Shepherd took up its approval on churn-prod before`,
    );
    expect(told[0]?.Message).toContain(`--endpoint-config-name ${V1_CONFIG}`);
    expect(await timeline('churn')).toContainEqual(expect.objectContaining({ type: 'ApprovalDeployedBefore' }));
  });

  it('stays silent about an approval event of v1 from before the rejection, delivered late', async () => {
    // Prepare: v1's first approval, at 02:10
    await v2RejectedWhileServing();
    const late = fixture('model-package-state-change.approved', { id: 'v1-late', time: '2026-11-27T02:10:00Z' });

    // Act
    const result = await handler(late, context());

    // Assess
    expect(result).toMatchObject({ status: 'done', outcome: 'approval already handled' });
    expect(notDeployedAgain()).toEqual([]);
    expect(endpointChanges()).toEqual([]);
  });
});
