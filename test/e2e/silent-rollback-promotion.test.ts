import type { Cloud } from '../../local/cloud';
import {
  betterSecondModel,
  domainEvents,
  quietCloud,
  registerAndApprove,
  silentRollbackOf,
  waitFor,
} from '../helpers/e2e';

let cloud: Cloud;
beforeAll(async () => {
  // The second UpdateEndpoint of churn-prod (the promotion; the first put the canary in) fails, and SageMaker rolls
  // it back without a word: to the canary config, v2 still at its last weight. v2 serves a little better, so its
  // canary passes on evidence.
  cloud = await quietCloud({ traffic: betterSecondModel(), endpointOutcomes: [silentRollbackOf(2)] });
});
afterAll(() => cloud.stop());

describe('a promotion SageMaker silently rolls back', () => {
  it('alerts that the candidate still serves its share beside the baseline, as the endpoint reports it', async () => {
    // Prepare
    await registerAndApprove(cloud, 0.9);
    await waitFor(cloud, 'the first model promoted', () => domainEvents(cloud, 'Deployment Promoted').length === 1);

    // Act
    const candidate = await registerAndApprove(cloud, 0.92);
    const critical = () => cloud.sns.outbox().filter((n) => n.attributes.severity === 'critical');
    await waitFor(
      cloud,
      'the promotion to fail and be told',
      () => domainEvents(cloud, 'Deployment Rolled Back').length === 1 && critical().length > 0,
    );

    // Assess
    const endpoint = cloud.sagemaker.endpoints()[0]!;
    expect(endpoint.configName).toMatch(/-canary$/);
    const weights = new Map(endpoint.variants.map((v) => [v.variantName, v.currentWeight]));
    // The mail topic's copy (the chat topic carries the same words as JSON).
    const alerts = critical().filter((n) => n.topicArn.endsWith('-notifications'));
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert!.message).not.toContain('is not serving');
    expect(alert!.message).toContain(
      `${candidate} still serves ${weights.get('v2')} % of churn-prod beside v1: SageMaker rolled its promotion back ` +
        `to ${endpoint.configName}.`,
    );
    expect(alert!.message).toMatch(
      new RegExp(`Serving\\s+${endpoint.configName}: v2 at ${weights.get('v2')} %, v1 at ${weights.get('v1')} %`),
    );
  });

  it('holds the next approval back while v1 and v2 both serve, and says so once', async () => {
    // Prepare: the failed promotion above left churn-prod on v2's canary config
    const configs = () => cloud.calls.get('sagemaker:CreateEndpointConfig') ?? 0;
    const before = { configs: configs(), config: cloud.sagemaker.endpoints()[0]!.configName };
    const waits = () =>
      cloud.sns
        .outbox()
        .filter((n) => n.topicArn.endsWith('-notifications') && n.subject?.endsWith('waits for one variant'));

    // Act
    const next = await registerAndApprove(cloud, 0.93);
    await waitFor(cloud, 'the wait to be told', () => waits().length > 0);
    const told = cloud.clock.now().getTime();
    await waitFor(cloud, 'ten more virtual minutes', () => cloud.clock.now().getTime() >= told + 10 * 60_000);

    // Assess
    expect(waits()).toHaveLength(1);
    expect(waits()[0]!.message).toContain(`${next} is approved but does not start while churn-prod serves several`);
    expect(configs()).toBe(before.configs);
    expect(cloud.sagemaker.endpoints()[0]!.configName).toBe(before.config);
    expect(domainEvents(cloud, 'Deployment Started')).toHaveLength(2);
  });
});
