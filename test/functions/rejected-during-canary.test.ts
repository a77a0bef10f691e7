// A person rejects the candidate in the registry while it canaries: it fails as on an abort alarm, at once.
import { listenToMetrics } from '../helpers/emf';
import { handler } from '../../functions/model-package-state-changed';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { bakingCanary, candidateOut, putPromoted, weightsCalls } from '../helpers/canary';
import { createTable, deploymentItem, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const WHY = 'trained on the wrong data window';
const rejected = (id?: string) => fixture('model-package-state-change.rejected-during-canary', id ? { id } : {});

const emf = listenToMetrics();
/** The canary of helpers/canary.ts, with the metrics its setting up emitted forgotten. */
const canaryBaking = async () => {
  const canary = await bakingCanary();
  emf.clear();
  return canary;
};

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetHosting] }));
afterAll(() => emf.stop());

describe('modelPackageStateChanged: the candidate rejected during its canary', () => {
  it('takes the candidate out at once and says on SNS and the timeline that it was rejected, and why', async () => {
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
    const [told] = notificationsSent();
    expect(told?.Subject).toBe('[Shepherd] churn: candidate rejected during its canary');
    expect(told?.Message).toContain(WHY);
    expect(await timeline('churn')).toContainEqual(
      expect.objectContaining({ type: 'CandidateRejected', message: expect.stringContaining(WHY) }),
    );
  });

  it('rolls back, counts and alerts once when the rejection is delivered twice, under the same id or another', async () => {
    // Prepare
    await canaryBaking();
    setClock('2026-11-27T03:20:45Z');

    // Act
    await handler(rejected(), context());
    await handler(rejected(), context());
    await handler(rejected('re-emitted-rejection'), context());

    // Assess
    expect(weightsCalls()).toEqual([candidateOut]);
    expect(notificationsSent()).toHaveLength(1);
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

  it('leaves a promoted package serving and tells the operator to approve the one that should serve', async () => {
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
  });
});
