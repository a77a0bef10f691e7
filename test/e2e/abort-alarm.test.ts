import type { Cloud } from '../../local/cloud';
import { ABORT_ALARM, abortAlarmCloud, canaryBaking, raiseAndAwaitWeightZero } from '../helpers/abort-alarm-e2e';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await abortAlarmCloud();
});
afterAll(() => cloud.stop());

describe('an abort alarm going off mid-bake', () => {
  it('has SageMaker take the candidate to weight 0 within a virtual minute, through its own event', async () => {
    // Prepare
    await canaryBaking(cloud, 4);

    // Act
    const elapsed = await raiseAndAwaitWeightZero(cloud);

    // Assess
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(elapsed).toBeLessThanOrEqual(60_000);
    expect(cloud.calls.get('sagemaker:UpdateEndpointWeightsAndCapacities')).toBe(1);
    const delivered = cloud.timeline.lines.filter((l) => l.message.startsWith(`alarm ${ABORT_ALARM}`));
    expect(delivered).toHaveLength(1);
  });
});
