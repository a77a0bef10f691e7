// A canary taken out (here by a human's abort) must hand the baseline back all its traffic on the instances it runs
// now: its autoscaling raised it past its config's count during the canary, and UpdateEndpoint would otherwise
// start it again on that count (docs/aws-sagemaker.md). What SageMaker receives, from the abort to the update.
import {
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { lineNamed } from '../../shared/runtime/lines';
import { resetAws, sagemaker } from '../helpers/aws';
import { bakingCanary, baselineScaledTo, neoBuilding } from '../helpers/canary';
import { createTable, deploymentItem } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { OLD_CONFIG, endpointServes, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';
import { cliOperator } from '../helpers/operator';

const ana = { who: 'arn:aws:iam::123456789012:user/ana', why: 'pager', via: 'shepherd CLI' };

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('a canary aborted by a human while its baseline runs more instances than its config says', () => {
  it('drains by weight alone, then restores the baseline’s config keeping its instances', async () => {
    // Prepare: v1's config (OLD_CONFIG) says 2 instances; its autoscaling raised it to 6 during the canary
    const canary = await bakingCanary();
    baselineScaledTo(6);
    setClock('2026-11-27T03:20:00Z');

    // Act: the abort, then the drained endpoint in service on the canary config
    await cliOperator().decideDeployment(lineNamed('churn')!, 'abort', ana);
    const weights = sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input);
    resetAws();
    neoBuilding();
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
    sagemaker.on(DescribeEndpointCommand).resolves({
      EndpointName: 'churn-prod',
      EndpointConfigName: canary.config,
      EndpointStatus: 'InService',
      ProductionVariants: [
        { VariantName: 'v1', CurrentWeight: 100, CurrentInstanceCount: 6, DesiredInstanceCount: 6 },
        { VariantName: 'v2', CurrentWeight: 0, CurrentInstanceCount: 1, DesiredInstanceCount: 1 },
      ],
    });
    const detail = { EndpointConfigName: canary.config };
    const drained = fixture('endpoint-state-change.in-service', { id: 'drained', detail });
    await endpointStateChanged(drained, context('endpointStateChanged'));

    // Assess
    expect(weights).toEqual([
      {
        EndpointName: 'churn-prod',
        DesiredWeightsAndCapacities: [
          { VariantName: 'v1', DesiredWeight: 100 },
          { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
        ],
      },
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      {
        EndpointName: 'churn-prod',
        EndpointConfigName: OLD_CONFIG,
        RetainAllVariantProperties: true,
        ExcludeRetainedVariantProperties: [{ VariantPropertyType: 'DesiredWeight' }],
      },
    ]);
    expect((await deploymentItem())?.active).toMatchObject({ status: 'rolling_back', expectConfig: OLD_CONFIG });
  });
});
