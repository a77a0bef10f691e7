// The churn canary baking on the local cloud when its abort alarm goes off, and how soon the emulated SageMaker
// is asked to take the candidate out. Times are the emulator's own: its record of the calls and the virtual clock.
import { startCloud, type Cloud } from '../../local/cloud';
import type { Delivery } from '../../local/eventbridge/bus';
import { scenarioSchema } from '../../local/scenario';
import { domainEvents, registerAndApprove, waitFor } from './e2e';

export const ABORT_ALARM = 'churn-prod-latency-p99';

/**
 * A local cloud where nothing happens by itself: the churn group and its abort alarm exist, and no traffic flows,
 * so no judgement can fail the canary on its own while the test looks.
 */
export function abortAlarmCloud(delivery?: Delivery): Promise<Cloud> {
  const scenario = scenarioSchema.parse({
    name: 'abort-alarm',
    description: 'a canary baking when its abort alarm goes off',
    setup: { modelPackageGroups: ['churn-models'], alarms: [ABORT_ALARM] },
  });
  return startCloud({ scenario, print: false, speed: 1200, ...(delivery ? { delivery } : {}) });
}

/** The endpoint serves v1 and the candidate v2 side by side: the canary config took effect, the bake began. */
const canaryServes = (cloud: Cloud) =>
  cloud.sagemaker
    .endpoints()
    .some((e) => e.status === 'InService' && e.variants.map((v) => v.variantName).join() === 'v1,v2');

/** v1 promoted, then v2's canary in service beside it; returns once `minutes` of its bake have passed. */
export async function canaryBaking(cloud: Cloud, minutes: number): Promise<void> {
  await registerAndApprove(cloud, 0.9);
  await waitFor(cloud, 'the first model promoted', () => domainEvents(cloud, 'Deployment Promoted').length === 1);
  await registerAndApprove(cloud, 0.92);
  await waitFor(cloud, 'the canary config in service', () => canaryServes(cloud));
  await cloud.clock.sleep(minutes * 60_000);
}

/** Sets the abort alarm to ALARM in the emulated CloudWatch (which emits its state change event); returns when. */
export function raiseAbortAlarm(cloud: Cloud): number {
  cloud.cloudwatch.setAlarmState(ABORT_ALARM, 'ALARM', 'Threshold Crossed: p99 ModelLatency above 500 ms');
  return cloud.clock.now().getTime();
}

/** When the emulated SageMaker accepted UpdateEndpointWeightsAndCapacities with the candidate (v2) at weight 0. */
export const candidateOutAt = (cloud: Cloud): number[] =>
  cloud.sagemaker
    .endpointHistory()
    .filter((h) => h.endpoint === 'churn-prod')
    .flatMap((h) => h.requests)
    .filter((r) => r.operation === 'UpdateEndpointWeightsAndCapacities')
    .filter((r) => r.variants.some((v) => v.variantName === 'v2' && v.weight === 0))
    .map((r) => r.at.getTime());

/** Raises the abort alarm and waits until SageMaker took the candidate to 0: virtual ms from the raise to that call. */
export async function raiseAndAwaitWeightZero(cloud: Cloud): Promise<number> {
  const raisedAt = raiseAbortAlarm(cloud);
  await waitFor(cloud, 'the candidate at weight 0', () => candidateOutAt(cloud).length > 0, 30 * 60_000);
  return candidateOutAt(cloud)[0]! - raisedAt;
}
