// Deployments as the emulated world measures them: steps from the endpoint's own weights, the candidate's
// requests and 5XX from the synthetic traffic, the rollback from the call that set its weight to 0 — all driven
// by real SageMaker calls.
import { seenDeployments } from '../../local/seen-deployments';
import { endpointWorld, ENDPOINT, iso } from '../helpers/endpoint-world';

describe('deployments seen by the emulated world', () => {
  let world: ReturnType<typeof endpointWorld>;
  afterEach(() => {
    world.sagemaker.stop();
    world.clock.stopAll();
  });
  const NONE = { requests: 0, errors: 0 };
  const seen = () => seenDeployments(world.sagemaker.endpointHistory(), world.traffic.minutes());
  /** What the generator sent the variants serving `packageArn`, over all its minutes so far. */
  const sent = (packageArn: string) =>
    world.traffic
      .minutes()
      .filter((m) => m.packageArn === packageArn)
      .reduce((n, m) => ({ requests: n.requests + m.requests, errors: n.errors + m.errors }), NONE);

  it('follows a promoted canary step by step, counting only its traffic while sharing the endpoint', async () => {
    // Prepare
    world = endpointWorld();
    const [v1, v2] = [world.version(1), world.version(2)];
    world.config('churn-cfg-1', [['v1', 'churn-v1', 1]]);
    world.config('churn-cfg-2', [
      ['v1', 'churn-v1', 90],
      ['v2', 'churn-v2', 10],
    ]);
    world.config('churn-cfg-3', [['v2', 'churn-v2', 1]]);
    const created = world.create('churn-cfg-1');
    await world.settled();
    await world.serve(2);

    // Act
    const started = world.update('churn-cfg-2');
    await world.settled();
    await world.serve(3);
    const quarter = world.weights({ v1: 75, v2: 25 });
    await world.settled();
    await world.serve(3);
    const half = world.weights({ v1: 1, v2: 1 });
    await world.settled();
    await world.serve(3);
    const whileShared = sent(v2);
    const promoted = world.update('churn-cfg-3');
    await world.settled();
    await world.serve(3);

    // Assess
    const [first, canary] = seen();
    expect(first).toEqual({
      endpoint: ENDPOINT,
      modelPackageArn: v1,
      startedAt: iso(created),
      endedAt: iso(created, 8),
      steps: [],
      candidateRequests: 0,
      candidateErrors: 0,
      rollbackRequestedAt: null,
    });
    expect(canary).toEqual({
      endpoint: ENDPOINT,
      modelPackageArn: v2,
      startedAt: iso(started),
      endedAt: iso(promoted, 8),
      steps: [
        { weight: 10, servingFrom: iso(started, 8), servingUntil: iso(quarter, 2) },
        { weight: 25, servingFrom: iso(quarter, 2), servingUntil: iso(half, 2) },
        { weight: 50, servingFrom: iso(half, 2), servingUntil: iso(promoted, 8) },
      ],
      candidateRequests: whileShared.requests,
      candidateErrors: whileShared.errors,
      rollbackRequestedAt: null,
    });
    expect(whileShared.requests).toBeGreaterThan(0);
    expect(sent(v2).requests).toBeGreaterThan(whileShared.requests + 2000);
  });

  it('dates the rollback from the call that set the candidate’s weight to 0, and counts its 5XX', async () => {
    // Prepare
    world = endpointWorld();
    const [, v3] = [world.version(2), world.version(3)];
    world.config('churn-cfg-2', [['v2', 'churn-v2', 1]]);
    world.config('churn-cfg-3', [
      ['v2', 'churn-v2', 0.9],
      ['v3', 'churn-v3', 0.1],
    ]);
    world.create('churn-cfg-2');
    await world.settled();

    // Act
    const started = world.update('churn-cfg-3');
    await world.settled();
    await world.serve(5);
    const drained = world.weights({ v2: 1, v3: 0 });
    await world.settled();
    await world.serve(2);
    const removed = world.update('churn-cfg-2');
    await world.settled();
    await world.serve(2);

    // Assess
    const canary = seen().find((d) => d.modelPackageArn === v3);
    expect(canary).toMatchObject({
      startedAt: iso(started),
      endedAt: iso(removed, 8),
      steps: [
        { weight: 10, servingFrom: iso(started, 8), servingUntil: iso(drained, 2) },
        { weight: 0, servingFrom: iso(drained, 2), servingUntil: iso(removed, 8) },
      ],
      rollbackRequestedAt: iso(drained),
    });
    const v3Minutes = world.traffic.minutes().filter((m) => m.packageArn === v3);
    expect(v3Minutes.filter((m) => m.weight === 0).map((m) => m.requests)).toEqual([0, 0]);
    expect([canary!.candidateRequests, canary!.candidateErrors]).toEqual([sent(v3).requests, sent(v3).errors]);
    expect(canary!.candidateErrors).toBeGreaterThan(0);
  });

  it('lists a deployment still under way without an end, its last step still open', async () => {
    // Prepare
    world = endpointWorld();
    const [, v2] = [world.version(1), world.version(2)];
    world.config('churn-cfg-1', [['v1', 'churn-v1', 1]]);
    world.config('churn-cfg-2', [
      ['v1', 'churn-v1', 2],
      ['v2', 'churn-v2', 1],
    ]);
    world.create('churn-cfg-1');
    await world.settled();

    // Act
    const started = world.update('churn-cfg-2');
    await world.settled();
    await world.serve(2);

    // Assess
    expect(seen().at(-1)).toMatchObject({
      modelPackageArn: v2,
      endedAt: null,
      steps: [{ weight: 33.33, servingFrom: iso(started, 8), servingUntil: null }],
      candidateRequests: sent(v2).requests,
    });
  });

  it('follows a replacement (one variant, as serverless): one step at 100 % from its switch to its end', async () => {
    // Prepare
    world = endpointWorld();
    const [v2, v3] = [world.version(2), world.version(3)];
    world.config('churn-cfg-2', [['v2', 'churn-v2', 1]]);
    world.config('churn-cfg-3', [['v3', 'churn-v3', 1]]);
    world.create('churn-cfg-2');
    await world.settled();
    await world.serve(2);

    // Act
    const started = world.update('churn-cfg-3');
    await world.settled();
    await world.serve(3);
    const restored = world.update('churn-cfg-2');
    await world.settled();
    await world.serve(2);

    // Assess: the call that restores v2 is v3's rollback, not a deployment of v2
    expect(seen().map((d) => d.modelPackageArn)).toEqual([v2, v3]);
    const replacement = seen()[1];
    expect(replacement).toEqual({
      endpoint: ENDPOINT,
      modelPackageArn: v3,
      startedAt: iso(started),
      endedAt: iso(restored, 8),
      steps: [{ weight: 100, servingFrom: iso(started, 8), servingUntil: iso(restored, 8) }],
      candidateRequests: sent(v3).requests,
      candidateErrors: sent(v3).errors,
      rollbackRequestedAt: iso(restored),
    });
    expect(replacement!.candidateErrors).toBeGreaterThan(0);
  });

  it('keeps a replacement that stays open while it serves, ended once the next one replaces it', async () => {
    // Prepare
    world = endpointWorld();
    const [, v2, v4] = [world.version(1), world.version(2), world.version(4)];
    world.config('churn-cfg-1', [['v1', 'churn-v1', 1]]);
    world.config('churn-cfg-2', [['v2', 'churn-v2', 1]]);
    world.config('churn-cfg-4', [['v4', 'churn-v4', 1]]);
    world.create('churn-cfg-1');
    await world.settled();

    // Act
    const second = world.update('churn-cfg-2');
    await world.settled();
    await world.serve(2);
    const whileOpen = seen().at(-1);
    const fourth = world.update('churn-cfg-4');
    await world.settled();

    // Assess
    expect(whileOpen).toMatchObject({ modelPackageArn: v2, endedAt: null, rollbackRequestedAt: null });
    const [, replaced, next] = seen();
    expect(replaced).toMatchObject({ modelPackageArn: v2, endedAt: iso(fourth, 8), rollbackRequestedAt: null });
    expect(replaced!.steps).toEqual([{ weight: 100, servingFrom: iso(second, 8), servingUntil: iso(fourth, 8) }]);
    expect(next).toMatchObject({ modelPackageArn: v4, endedAt: null, steps: [{ weight: 100, servingUntil: null }] });
  });
});
