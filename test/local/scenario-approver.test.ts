// How a scenario's people answer in the registry: the approver rejects the packages `rejects` names instead of
// approving them and leaves alone a package someone decided first, and a `reject` step rejects whatever it finds.
import { answerApprovalRequests } from '../../local/approvals';
import { rejectPackage, scheduleRejection } from '../../local/rejections';
import type { Cloud } from '../../local/cloud';
import { Timeline, type AwsEvent } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator } from '../../local/sagemaker';
import { scenarioSchema } from '../../local/scenario';

const GROUP = 'churn-models';

function world() {
  const clock = new Clock(new Date('2026-11-27T05:00:00Z'), 100_000);
  const events: AwsEvent[] = [];
  const timeline = new Timeline(clock, false);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: (e) => events.push(e),
    timeline,
    trainingPlan: () => ({ outcome: 'Completed' }),
  });
  sagemaker.createModelPackageGroup(GROUP);
  const published: { 'detail-type': string; detail: Record<string, unknown> }[] = [];
  // Only what the approver and the steps use of the local cloud.
  const cloud = { clock, timeline, sagemaker, eventbridge: { published } } as unknown as Cloud;
  return { cloud, events, sagemaker, published };
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
  env.published.push({ 'detail-type': 'Approval Requested', detail: { modelPackageArn: out.ModelPackageArn } });
  return out.ModelPackageArn;
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
    await answerApprovalRequests(env.cloud, scenario, { autoApprove: true }, new Set());

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
    await answerApprovalRequests(env.cloud, scenario, { autoApprove: true }, new Set());

    // Assess
    expect(status(arn)).toBe('Rejected');
    expect(changes().slice(1)).toEqual([[1, 'Rejected', 'leaky feature']]);
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
