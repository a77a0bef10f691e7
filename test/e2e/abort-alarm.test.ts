import type { Cloud } from '../../local/cloud';
import {
  ABORT_ALARM,
  abortAlarmCloud,
  candidateOutAt,
  canaryBaking,
  raiseAbortAlarm,
} from '../helpers/abort-alarm-e2e';
import { waitFor } from '../helpers/e2e';

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
    const raisedAt = raiseAbortAlarm(cloud);
    await waitFor(cloud, 'the candidate at weight 0', () => candidateOutAt(cloud).length > 0, 30 * 60_000);

    // Assess
    const [outAt] = candidateOutAt(cloud);
    expect(outAt! - raisedAt).toBeGreaterThanOrEqual(0);
    expect(outAt! - raisedAt).toBeLessThanOrEqual(60_000);
    expect(cloud.calls.get('sagemaker:UpdateEndpointWeightsAndCapacities')).toBe(1);
    const delivered = cloud.timeline.lines.filter((l) => l.message.startsWith(`alarm ${ABORT_ALARM}`));
    expect(delivered).toHaveLength(1);
  }, 120_000);
});
