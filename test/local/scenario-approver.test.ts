// How a scenario's people answer in the registry: the approver rejects the packages `rejects` names instead of
// approving them and leaves alone a package someone decided first, and a `reject` step rejects whatever it finds.
import { answerApprovalRequest, answerApprovals } from '../../local/approvals';
import { rejectPackage, scheduleRejection } from '../../local/rejections';
import type { Cloud } from '../../local/cloud';
import { envelope, Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator } from '../../local/sagemaker';
import { type Scenario, scenarioSchema } from '../../local/scenario';

const GROUP = 'churn-models';

function world(speed = 100_000) {
  const clock = new Clock(new Date('2026-11-27T05:00:00Z'), speed);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
  });
  sagemaker.createModelPackageGroup(GROUP);
  const published: AwsEvent[] = [];
  const listeners: ((event: AwsEvent) => void)[] = [];
  const eventbridge = { published, onPublished: (listener: (event: AwsEvent) => void) => listeners.push(listener) };
  // Only what the approver and the steps use of the local cloud.
  const cloud = { clock, timeline, sagemaker, eventbridge } as unknown as Cloud;
  /** Shepherd publishes an event on its bus. */
  const publish = (event: AwsEvent) => {
    published.push(event);
    for (const listener of listeners) listener(event);
  };
  return { cloud, events, sagemaker, published, publish };
}

let env: ReturnType<typeof world>;
beforeEach(() => {
  env = world();
});
afterEach(() => env.sagemaker.stop());

/** Shepherd registers a package awaiting approval and asks for it. */
const registered = (approval = 'PendingManualApproval') => {
  const out = env.sagemaker.handle('CreateModelPackage', {
    ModelPackageGroupName: GROUP,
    ModelApprovalStatus: approval,
    InferenceSpecification: { Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://a/model.tar.gz' }] },
  }) as { ModelPackageArn: string };
  const detail = { modelPackageArn: out.ModelPackageArn };
  env.publish(envelope('shepherd', 'Approval Requested', detail, [], env.cloud.clock.now()));
  return out.ModelPackageArn;
};
/** The scenario's approver answers every request published so far. */
const answerAll = async (scenario: Scenario) => {
  for (const event of env.published) await answerApprovalRequest(env.cloud, scenario, { autoApprove: true }, event);
};
const status = (arn: string) => env.sagemaker.modelPackages().find((p) => p.arn === arn)?.approvalStatus;
const changes = () =>
  env.events
    .filter((e) => e['detail-type'] === 'SageMaker Model Package State Change')
    .map((e) => [e.detail.ModelPackageVersion, e.detail.ModelApprovalStatus, e.detail.ApprovalDescription]);

describe("a scenario's approver", () => {
  it('rejects the packages the scenario lists in `rejects` and approves the others', async () => {
    // Prepare
    const scenario = scenarioSchema.parse({ name: 'answers', rejects: [`${GROUP}/2`] });
    const [first, second] = [registered(), registered()];

    // Act
    await answerAll(scenario);

    // Assess
    expect([status(first!), status(second!)]).toEqual(['Approved', 'Rejected']);
    expect(changes().slice(2)).toEqual([
      [1, 'Approved', 'approved in the local scenario'],
      [2, 'Rejected', 'rejected in the local scenario'],
    ]);
  });

  it('leaves a package a person rejected before its answer came rejected', async () => {
    // Prepare
    const scenario = scenarioSchema.parse({ name: 'answers' });
    const arn = registered();
    await rejectPackage(env.cloud, `${GROUP}/1`, 'leaky feature');

    // Act
    await answerAll(scenario);

    // Assess
    expect(status(arn)).toBe('Rejected');
    expect(changes().slice(1)).toEqual([[1, 'Rejected', 'leaky feature']]);
  });
});

describe("a scenario's approver on a busy machine", () => {
  it('answers each request a virtual minute after it was published, however late the process gets to it', async () => {
    // Prepare: the speed of a scenario run, at which the stall below is two virtual minutes.
    env.sagemaker.stop();
    env = world(1200);
    const scenario = scenarioSchema.parse({ name: 'answers' });
    const approver = answerApprovals(env.cloud, scenario, { autoApprove: true });

    // Act: two requests at once, then the process stalls before anything else runs.
    registered();
    registered();
    const until = performance.now() + 100;
    while (performance.now() < until);
    await env.cloud.clock.sleep(10 * 60_000);

    // Assess: from each request to SageMaker's announcement of its approval (both at second precision).
    const times = (type: string, matching: (e: AwsEvent) => boolean) =>
      [...env.published, ...env.events].filter((e) => e['detail-type'] === type && matching(e)).map((e) => e.time);
    const asked = times('Approval Requested', () => true);
    const approved = times('SageMaker Model Package State Change', (e) => e.detail.ModelApprovalStatus === 'Approved');
    const waited = approved.map((at, i) => (Date.parse(at) - Date.parse(asked[i]!)) / 1000);
    expect(waited).toHaveLength(2);
    for (const seconds of waited) expect(Math.abs(seconds - 60)).toBeLessThanOrEqual(1);
    expect(env.sagemaker.modelPackages().map((p) => p.approvalStatus)).toEqual(['Approved', 'Approved']);
    expect(approver.failure()).toBeUndefined();
  });
});

describe('a reject step', () => {
  it('rejects an approved package with its reason, announced as SageMaker announces any approval change', async () => {
    // Prepare
    const arn = registered('Approved');

    // Act
    await rejectPackage(env.cloud, `${GROUP}/1`, 'trained on a leaky feature');

    // Assess
    expect(status(arn)).toBe('Rejected');
    expect(changes()).toEqual([
      [1, 'Approved', undefined],
      [1, 'Rejected', 'trained on a leaky feature'],
    ]);
  });

  it('changes nothing when the package it names was never registered', async () => {
    // Prepare
    registered('Approved');

    // Act
    await rejectPackage(env.cloud, `${GROUP}/2`, 'too late');

    // Assess
    expect(env.sagemaker.modelPackages().map((p) => p.approvalStatus)).toEqual(['Approved']);
    expect(changes()).toHaveLength(1);
  });
});

describe('a reject step once the package serves', () => {
  /** An endpoint serving package 1's model, as Shepherd would create it. */
  async function serve(): Promise<void> {
    const ExecutionRoleArn = 'arn:aws:iam::123456789012:role/shepherd-sagemaker-inference';
    const container = { Image: 'xgboost:1.7-1', ModelDataUrl: 's3://a/model.tar.gz' };
    env.sagemaker.handle('CreateModel', { ModelName: 'churn-v1', ExecutionRoleArn, PrimaryContainer: container });
    const variant = { VariantName: 'v1', ModelName: 'churn-v1', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' };
    env.sagemaker.handle('CreateEndpointConfig', { EndpointConfigName: 'churn-1', ProductionVariants: [variant] });
    env.sagemaker.handle('CreateEndpoint', { EndpointName: 'churn-prod', EndpointConfigName: 'churn-1' });
    while (env.sagemaker.endpoints()[0]?.status !== 'InService') await env.cloud.clock.sleep(60_000);
  }

  it('waits until the package serves traffic, then rejects it', async () => {
    // Prepare
    const arn = registered('Approved');
    const deadline = new Date(env.cloud.clock.now().getTime() + 3 * 3_600_000);
    scheduleRejection(env.cloud, { package: `${GROUP}/1`, reason: 'leaky', once: 'serving' }, deadline);
    await env.cloud.clock.sleep(5 * 60_000);
    const before = status(arn);

    // Act
    await serve();
    await env.cloud.clock.sleep(2 * 60_000);

    // Assess
    expect(before).toBe('Approved');
    expect(status(arn)).toBe('Rejected');
  });
});
