// A person rejects the candidate in the registry while it canaries: it fails as on an abort alarm, at once.
import { listenToMetrics } from '../helpers/emf';
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { handler as endpointStateChanged } from '../../functions/endpoint-state-changed';
import { handler } from '../../functions/model-package-state-changed';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { bakingCanary, candidateOut, putPromoted, weightsCalls } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { OLD_CONFIG, endpointServes, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const WHY = 'trained on the wrong data window';
const inService = (id: string, config: string) =>
  fixture('endpoint-state-change.in-service', { id, detail: { EndpointConfigName: config } });
const rejected = (id?: string) => fixture('model-package-state-change.rejected-during-canary', id ? { id } : {});

const emf = listenToMetrics();
/** The canary of helpers/canary.ts, with the metrics its setting up emitted forgotten. */
const canaryBaking = async () => {
  const canary = await bakingCanary();
  emf.clear();
  return canary;
};

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ alsoReset: [resetHosting] });
  emf.clear();
});
afterAll(() => emf.stop());

describe('modelPackageStateChanged: the candidate rejected during its canary', () => {
  it('takes the candidate out at once and says on the timeline that it was rejected, and why', async () => {
    // Prepare: v2 approved at 03:03:54, baking at 10 % since 03:13:45; rejected in the registry at 03:20:41
    await canaryBaking();
    setClock('2026-11-27T03:20:45Z');

    // Act
    const result = await handler(rejected(), context());

    // Assess
    expect(result).toEqual({ status: 'done', model: 'churn', outcome: 'rolling back' });
    expect(weightsCalls()).toEqual([candidateOut]);
    const reason = `${packageArn(2)} was rejected in the registry during its canary: ${WHY}`;
    expect((await deploymentItem())?.active).toMatchObject({ status: 'draining', weight: 0, reason });
    expect(emf.metrics()).toEqual({ RejectionsActedOn: 1 });
    expect(await timeline('churn')).toContainEqual(
      expect.objectContaining({ type: 'CandidateRejected', message: expect.stringContaining(WHY) }),
    );
    // The operator's one alert comes when the rollback ends, as after an abort alarm.
    expect(notificationsSent()).toEqual([]);
  });

  it('sends one alert, once the baseline serves again, naming the rejected package and why', async () => {
    // Prepare
    const canary = await canaryBaking();
    setClock('2026-11-27T03:20:45Z');
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: packageArn(2) });

    // Act: rejected; the drained canary config in service; then the baseline's config in service
    await handler(rejected(), context());
    setClock('2026-11-27T03:22:00Z');
    endpointServes(canary.config, { v1: 100, v2: 0 }, canary.model);
    await endpointStateChanged(inService('drained', canary.config), context('endpointStateChanged'));
    setClock('2026-11-27T03:30:00Z');
    endpointServes(OLD_CONFIG, { v1: 100 });
    await endpointStateChanged(inService('restored', OLD_CONFIG), context('endpointStateChanged'));

    // Assess
    expect((await deploymentItem())?.history).toEqual([
      expect.objectContaining({ modelPackageArn: packageArn(2), outcome: 'rolled_back' }),
    ]);
    const told = notificationsSent();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      Subject: '[Shepherd] churn: deployment on churn-prod rolled back',
      MessageAttributes: expect.objectContaining({ kind: { DataType: 'String', StringValue: 'alert' } }),
    });
    expect(told[0]?.Message).toContain(`${packageArn(2)} was rejected in the registry during its canary: ${WHY}`);
    expect(emf.metrics()).toEqual({ RejectionsActedOn: 1, DeploymentsRolledBack: 1 });
  });

  it('rolls back and counts once, alerting nobody yet, when the rejection is delivered twice or again', async () => {
    // Prepare
    await canaryBaking();
    setClock('2026-11-27T03:20:45Z');

    // Act
    await handler(rejected(), context());
    await handler(rejected(), context());
    await handler(rejected('re-emitted-rejection'), context());

    // Assess
    expect(weightsCalls()).toEqual([candidateOut]);
    expect(notificationsSent()).toEqual([]);
    expect(emf.metrics()).toEqual({ RejectionsActedOn: 1 });
  });

  it('leaves the canary alone when the rejection came before the package was approved', async () => {
    // Prepare: rejected at 03:01:00, approved again at 03:03:54; the rejection's event is delivered only now
    await canaryBaking();
    setClock('2026-11-27T03:20:45Z');
    const late = fixture('model-package-state-change.rejected-during-canary', {
      id: 'rejected-before-approval',
      time: '2026-11-27T03:01:00Z',
    });

    // Act
    await handler(late, context());

    // Assess
    expect(weightsCalls()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect((await deploymentItem())?.active?.status).toBe('baking');
  });

  it('leaves a promoted package serving, tells the operator to approve what should serve, counts it once', async () => {
    // Prepare: v2 approved at 03:03:54 and promoted at 03:15; rejected in the registry at 03:20:41
    setClock('2026-11-27T03:45:00Z');
    await putPromoted(2, { promoted: '2026-11-27T03:15:00.000Z', approved: '2026-11-27T03:03:54Z' });

    // Act
    await handler(rejected(), context());
    await handler(rejected('re-emitted-rejection'), context());

    // Assess
    expect(sagemaker.calls()).toEqual([]);
    const told = notificationsSent();
    expect(told).toHaveLength(1);
    expect(told[0]?.Subject).toBe('[Shepherd] churn: rejected model serves');
    expect(told[0]?.Message).toContain('approve the package that should serve instead');
    expect(await timeline('churn')).toContainEqual(expect.objectContaining({ type: 'RejectedModelServes' }));
    expect(emf.metrics()).toEqual({ RejectedModelsServing: 1 });
  });
});
