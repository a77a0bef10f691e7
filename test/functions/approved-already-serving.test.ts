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
import { modelName } from '../../shared/domain/names';
import { sagemaker } from '../helpers/aws';
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
