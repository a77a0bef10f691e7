// A churn canary put in place through the handlers themselves, for the tests of what happens to it next.
import {
  CreateCompilationJobCommand,
  CreateEndpointConfigCommand,
  DescribeCompilationJobCommand,
  DescribeEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as watchDeployments } from '../../functions/watch-deployments';
import { resetAws, sagemaker } from './aws';
import { deploymentItem, putItem } from './dynamo';
import { context, fixture, scheduledAt, setClock } from './events';
import { OLD_CONFIG, cloudwatch, describedPackage, endpointServes, noSuchEndpoint, packageArn } from './hosting';

export interface Canary {
  config: string;
  model: string;
}

export const approval = (version: number) =>
  fixture('model-package-state-change.approved', {
    id: `approved-${version}`,
    detail: { ModelPackageVersion: version, ModelPackageArn: packageArn(version) },
  });

/** The minute's scheduled passes at `iso`: the reconciler (trainings, Neo builds), then the deployment watcher. */
export const tick = async (iso: string) => {
  setClock(iso);
  const event = scheduledAt(iso);
  await reconcile(event, context('reconcile'));
  return watchDeployments(event, context('watchDeployments'));
};

/** The Neo builds an approval starts are still running whenever a tick looks. */
export const neoBuilding = () =>
  sagemaker.on(DescribeCompilationJobCommand).resolves({ CompilationJobStatus: 'INPROGRESS' });

/** An approval of v1 on a new endpoint started two Neo builds; their names by target. The mocks are reset after. */
export async function neoBuildsStarted(): Promise<{ jetson: string; rpi: string }> {
  describedPackage(1);
  sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
  await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));
  const [jetson, rpi] = sagemaker
    .commandCalls(CreateCompilationJobCommand)
    .map((c) => c.args[0].input.CompilationJobName!);
  resetAws();
  return { jetson: jetson!, rpi: rpi! };
}

/** A Neo build's request: only the functions granted Neo (modelPackageStateChanged, reconcile) may send it. */
export const neoBuildRequest = {
  type: 'createCompilationJob',
  request: {
    CompilationJobName: 'churn-jetson-v2-abcdef',
    RoleArn: 'arn:aws:iam::123456789012:role/neo',
    InputConfig: { S3Uri: 's3://b/model.tar.gz', Framework: 'XGBOOST', DataInputConfig: '{"data":[1,20]}' },
    OutputConfig: { S3OutputLocation: 's3://b/edge/', TargetDevice: 'jetson_xavier' },
  },
} as const;

/** A Neo build request left in churn-prod's outbox since `createdAt` (see putDeploymentWithLeftover, addLeftover). */
export const neoBuildLeftover = (createdAt: string) => ({ id: '0000000001-000', action: neoBuildRequest, createdAt });

/** The baking canary's endpoint once v1's autoscaling raised it from the 2 instances it started on to `instances`. */
export function baselineScaledTo(instances: number): void {
  sagemaker.on(DescribeEndpointCommand).resolves({
    EndpointName: 'churn-prod',
    EndpointStatus: 'InService',
    ProductionVariants: [
      { VariantName: 'v1', CurrentWeight: 90, CurrentInstanceCount: instances },
      { VariantName: 'v2', CurrentWeight: 10, CurrentInstanceCount: 1 },
    ],
  });
}

/** What each UpdateEndpointWeightsAndCapacities sent, in order. */
export const weightsCalls = () =>
  sagemaker.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand).map((c) => c.args[0].input);

/** The baking canary's candidate taken out: the baseline back at full weight, the candidate at 0 on its instance. */
export const candidateOut = {
  EndpointName: 'churn-prod',
  DesiredWeightsAndCapacities: [
    { VariantName: 'v1', DesiredWeight: 100 },
    { VariantName: 'v2', DesiredWeight: 0, DesiredInstanceCount: 1 },
  ],
};

/**
 * v2 beside v1 at 10 %, baking since 03:13:45, put there through the handlers with the abort alarm OK. The mocks'
 * history is cleared afterwards; the endpoint stays in service on the canary config at 90/10.
 */
export async function bakingCanary(): Promise<Canary> {
  setClock('2026-11-27T03:05:00Z');
  describedPackage(2);
  endpointServes(OLD_CONFIG, { v1: 100 });
  await modelPackageStateChanged(approval(2), context('modelPackageStateChanged'));
  const request = sagemaker.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input;
  const canary = { config: request.EndpointConfigName!, model: request.ProductionVariants![1]!.ModelName! };
  setClock('2026-11-27T03:13:45Z');
  endpointServes(canary.config, { v1: 90, v2: 10 }, canary.model);
  const detail = { EndpointConfigName: canary.config };
  const inService = fixture('endpoint-state-change.in-service', { id: 'canary-in-service', detail });
  await endpointStateChanged(inService, context('endpointStateChanged'));
  if ((await deploymentItem())?.active?.status !== 'baking') throw new Error('the canary is not baking');
  resetAws();
  cloudwatch.resetHistory();
  neoBuilding();
  endpointServes(canary.config, { v1: 90, v2: 10 }, canary.model);
  return canary;
}

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The churn canary of v2 at 10 %, held for a human after inconclusive bakes; its deployment id. */
export async function heldCanary(): Promise<string> {
  await bakingCanary();
  await doc.send(
    new UpdateCommand({
      TableName: process.env.TABLE_NAME!,
      Key: { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' },
      UpdateExpression: 'SET active.#status = :held, active.reason = :why, version = version + :one',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':held': 'held', ':why': 'inconclusive', ':one': 1 },
    }),
  );
  describedPackage(2);
  return (await deploymentItem())!.active.id as string;
}

/** churn-prod's deployment item after the promotion of package `version` (deployment d<version>), nothing active. */
export async function putPromoted(version: number, at: { promoted: string; approved: string }): Promise<void> {
  const promoted = { id: `d${version}`, modelPackageArn: packageArn(version), outcome: 'promoted', at: at.promoted };
  await putItem({
    pk: 'ENDPOINT#churn-prod',
    sk: 'DEPLOYMENT',
    endpoint: 'churn-prod',
    version: 7,
    history: [promoted],
    lastPromoted: { ...promoted, approvedAt: at.approved },
    recent: [packageArn(version)],
    created: { models: [], configs: [] },
    outbox: {},
  });
}
