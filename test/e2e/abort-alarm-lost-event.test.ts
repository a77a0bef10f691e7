import type { Cloud } from '../../local/cloud';
import { ABORT_ALARM, abortAlarmCloud, canaryBaking, raiseAndAwaitWeightZero } from '../helpers/abort-alarm-e2e';

let cloud: Cloud;
beforeAll(async () => {
  // The abort alarm's state change event never reaches Shepherd: only the reconciler's look-up can notice it.
  cloud = await abortAlarmCloud({
    copies: 1,
    jitterMs: 0,
    drop: (e) => e['detail-type'] === 'CloudWatch Alarm State Change' && e.detail.alarmName === ABORT_ALARM,
  });
});
afterAll(() => cloud.stop());

describe('an abort alarm going off mid-bake, its event lost', () => {
  it('has SageMaker take the candidate to weight 0 within two virtual minutes, through the reconciler', async () => {
    // Prepare
    await canaryBaking(cloud, 4);

    // Act
    const elapsed = await raiseAndAwaitWeightZero(cloud);

    // Assess
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThanOrEqual(2 * 60_000);
    expect(cloud.calls.get('sagemaker:UpdateEndpointWeightsAndCapacities')).toBe(1);
    const lost = 'lost on the way: CloudWatch Alarm State Change for abortAlarmRaised';
    expect(cloud.timeline.lines.filter((l) => l.message === lost)).toHaveLength(1);
  });
});
