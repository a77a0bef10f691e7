// What the SageMaker emulator remembers of each endpoint, through the real calls: every accepted change request
// at the virtual time it was made, and every change in what the endpoint served at the virtual time it took effect.
import { seenDeployments } from '../../local/seen-deployments';
import { failure } from '../helpers/aws-error';
import { endpointWorld, ENDPOINT } from '../helpers/endpoint-world';

const served = (variantName: string, modelName: string, packageArn: string, weight: number) => ({
  variantName,
  modelName,
  packageArn,
  weight,
});
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

describe('the endpoint history of the SageMaker emulator', () => {
  let world: ReturnType<typeof endpointWorld>;
  afterEach(() => {
    world.sagemaker.stop();
    world.clock.stopAll();
  });

  it('records each change of the weights served once it takes effect, and each call when it was made', async () => {
    // Prepare
    world = endpointWorld();
    const [v1, v2] = [world.version(1), world.version(2)];
    world.config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);
    world.config('churn-cfg-2', [
      ['baseline', 'churn-v1', 0.9],
      ['candidate', 'churn-v2', 0.1],
    ]);

    // Act
    const created = world.create('churn-cfg-1');
    await world.settled();
    const canary = world.update('churn-cfg-2');
    await world.settled();
    const half = world.weights({ baseline: 0.5, candidate: 0.5 });
    await world.settled();

    // Assess
    const [history] = world.sagemaker.endpointHistory();
    const baseline = (w: number) => served('baseline', 'churn-v1', v1, w);
    const candidate = (w: number) => served('candidate', 'churn-v2', v2, w);
    expect(history!.endpoint).toBe(ENDPOINT);
    expect(history!.served).toEqual([
      { at: plus(created, 8), variants: [baseline(1)] },
      { at: plus(canary, 8), variants: [baseline(0.9), candidate(0.1)] },
      { at: plus(half, 2), variants: [baseline(0.5), candidate(0.5)] },
    ]);
    expect(history!.requests.map((r) => [r.operation, r.at, r.variants.map((v) => v.weight)])).toEqual([
      ['CreateEndpoint', created, [1]],
      ['UpdateEndpoint', canary, [0.9, 0.1]],
      ['UpdateEndpointWeightsAndCapacities', half, [0.5, 0.5]],
    ]);
  });

  it('starts each share the summary prints at the LastModifiedTime the judge counts the bake from', async () => {
    // Prepare
    world = endpointWorld();
    world.version(1);
    const v2 = world.version(2);
    world.config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);
    world.config('churn-cfg-2', [
      ['baseline', 'churn-v1', 0.9],
      ['candidate', 'churn-v2', 0.1],
    ]);
    world.create('churn-cfg-1');
    await world.settled();
    const lastModified = () => world.call('DescribeEndpoint', { EndpointName: ENDPOINT }).LastModifiedTime as Date;

    // Act: a canary at 10 %, then 50 %, each read back as Shepherd reads it once in service
    world.update('churn-cfg-2');
    await world.settled();
    const canaryInService = lastModified();
    await world.clock.sleep(15 * 60_000);
    world.weights({ baseline: 0.5, candidate: 0.5 });
    await world.settled();
    const halfInService = lastModified();

    // Assess
    const canary = seenDeployments(world.sagemaker.endpointHistory(), []).find((d) => d.modelPackageArn === v2);
    expect(canary!.steps).toEqual([
      { weight: 10, servingFrom: canaryInService.toISOString(), servingUntil: halfInService.toISOString() },
      { weight: 50, servingFrom: halfInService.toISOString(), servingUntil: null },
    ]);
  });

  it('records a refused call nowhere, and a change rolled back as no change in what served', async () => {
    // Prepare
    const weightsRollBack = (op: { operation: string }) => op.operation === 'UpdateEndpointWeightsAndCapacities';
    world = endpointWorld((op) => ({ outcome: weightsRollBack(op) ? 'RolledBack' : 'InService' }));
    world.version(1);
    world.version(2);
    world.config('churn-cfg-2', [
      ['baseline', 'churn-v1', 0.9],
      ['candidate', 'churn-v2', 0.1],
    ]);
    world.create('churn-cfg-2');

    // Act
    const refused = failure(() => world.weights({ candidate: 0 }));
    await world.settled();
    const asked = world.weights({ baseline: 1, candidate: 0 });
    await world.settled();

    // Assess
    const [history] = world.sagemaker.endpointHistory();
    expect(refused.code).toBe('ValidationException');
    expect(history!.requests.map((r) => [r.operation, r.at])).toEqual([
      ['CreateEndpoint', expect.any(Date)],
      ['UpdateEndpointWeightsAndCapacities', asked],
    ]);
    expect(history!.served.map((s) => s.variants.map((v) => v.weight))).toEqual([[0.9, 0.1]]);
  });

  it('keeps the package a deleted model served, and shows a deleted endpoint serving nothing', async () => {
    // Prepare
    world = endpointWorld();
    const v1 = world.version(1);
    world.config('churn-cfg-1', [['baseline', 'churn-v1', 1]]);
    world.create('churn-cfg-1');
    await world.settled();

    // Act
    world.call('DeleteModel', { ModelName: 'churn-v1' });
    const deleting = world.sagemaker.endpoints()[0]!;
    world.call('DeleteEndpoint', { EndpointName: ENDPOINT });
    await world.settled();

    // Assess
    const [history] = world.sagemaker.endpointHistory();
    expect(deleting.status).toBe('InService');
    expect(world.sagemaker.endpoints()).toEqual([]);
    expect(history!.served.map((s) => s.variants)).toEqual([[served('baseline', 'churn-v1', v1, 1)], []]);
  });
});
