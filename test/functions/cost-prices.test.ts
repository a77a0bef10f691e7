import { published, notificationsSent } from '../helpers/aws';
import { costService, mockAccount, type MockEndpoint, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const idle: MockEndpoint = {
  name: 'idle-one',
  variants: [{ name: 'v1', count: 2, invocations: 0, cpu: 1, memory: 5 }],
};
const sweepIn = (region: string, config: Record<string, unknown> = {}) =>
  costService(config, () => NOW, false, region).runSweep({ enforce: false, notify: true });
const idleFinding = () =>
  published()
    .find((e) => e.detailType === 'Cost Sweep Completed')!
    .detail.findings.find((f: { kind: string }) => f.kind === 'idle-endpoint');

describe('cost sweep prices by region', () => {
  it('prices a sweep in eu-west-1 from its own dated sheet', async () => {
    // Prepare
    mockAccount([idle]);

    // Act
    await sweepIn('eu-west-1');

    // Assess
    expect(idleFinding()).toMatchObject({
      monthlyCostUsd: 375.22,
      monthlySavingUsd: 375.22,
      estimate: 'estimate, on-demand prices of 2023-12-31',
    });
    expect(notificationsSent()[0]!.Subject).toBe('Shepherd cost sweep: 1 finding(s), est. $375.22/month to save');
    expect(notificationsSent()[0]!.Message).toContain('(on-demand prices of 2023-12-31; estimates, not bills)');
  });

  it('reports a region without prices as unknown, never $0, and says first where to give them', async () => {
    // Prepare
    mockAccount([idle]);

    // Act
    await sweepIn('eu-north-1');

    // Assess
    expect(idleFinding()).toMatchObject({
      monthlyCostUsd: null,
      monthlySavingUsd: null,
      estimate: 'no estimate: no prices for eu-north-1: give them in shepherd.yml, costSweep.prices.hosting.eu-north-1',
    });
    const mail = notificationsSent()[0]!;
    expect(mail.Subject).toBe('Shepherd cost sweep: 1 finding(s), no prices for eu-north-1');
    expect(mail.Message!.split('\n')[2]).toBe(
      'Estimated monthly saving: unknown (no prices for eu-north-1: give them in shepherd.yml, ' +
        'costSweep.prices.hosting.eu-north-1; estimates, not bills): 1 finding(s) with no estimate',
    );
  });

  it('prices that region once the config gives its prices, with their date', async () => {
    // Prepare
    mockAccount([idle]);

    // Act
    await sweepIn('eu-north-1', {
      prices: { asOf: '2026-11-29', hosting: { 'eu-north-1': { 'ml.m5.xlarge': 0.245 } } },
    });

    // Assess
    expect(idleFinding()).toMatchObject({
      monthlySavingUsd: 357.7,
      estimate: 'estimate, on-demand prices of 2026-11-29',
    });
  });
});
