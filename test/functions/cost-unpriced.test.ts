// What a sweep says when prices are missing: unknown, never $0, in the metrics, the mail and the event; and Studio
// apps that share a name kept apart, priced where the table knows their instance.
import { listenToMetrics } from '../helpers/emf';
import { type AppInstanceType, DescribeDomainCommand, ListAppsCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/cost-sweep';
import { notificationsSent, published, sagemaker } from '../helpers/aws';
import { costService, mockAccount, type MockEndpoint, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';

const emf = listenToMetrics();
beforeAll(createTable);
beforeEach(() => resetCostAccount({ clock: '2026-11-30T06:00:00Z', alsoReset: [emf.clear] }));
afterAll(() => emf.stop());

const idle = (name: string, type: string): MockEndpoint => ({
  name,
  variants: [{ name: 'v1', type, count: 1, invocations: 0, cpu: 1, memory: 5 }],
});
const sweepEvent = () => published().find((e) => e.detailType === 'Cost Sweep Completed')!.detail;

describe('a cost sweep with prices missing', () => {
  it('publishes no EstimatedMonthlyWaste when nothing is priced, and counts what is not', async () => {
    // Prepare: us-east-1's table has no ml.r5.large
    mockAccount([idle('idle-r5', 'ml.r5.large')]);

    // Act
    const result = await handler(fixture('scheduled-event', { id: 'unpriced-1' }), context());

    // Assess
    expect(result).toMatchObject({ status: 'done', estimatedMonthlySavingUsd: null });
    const metrics = emf.metrics();
    expect(metrics).not.toHaveProperty('EstimatedMonthlyWaste');
    expect(metrics).toMatchObject({ UnpricedFindings: 1, IdleEndpointFindings: 1 });
    expect(sweepEvent()).toMatchObject({ estimatedMonthlySavingUsd: null, unpricedFindings: 1 });
    const mail = notificationsSent()[0]!;
    expect(mail.Subject).toBe('Shepherd cost sweep: 2 finding(s), saving unknown (1 with no estimate)');
    expect(mail.Message!.split('\n')[2]).toBe(
      'Estimated monthly saving: unknown (on-demand prices of 2026-11-01; estimates, not bills): ' +
        '1 finding(s) with no estimate',
    );
  });

  it('publishes the priced part beside the count of unpriced findings, and calls the total a lower bound', async () => {
    // Prepare
    mockAccount([idle('idle-m5', 'ml.m5.xlarge'), idle('idle-r5', 'ml.r5.large')]);

    // Act
    await handler(fixture('scheduled-event', { id: 'unpriced-2' }), context());

    // Assess
    expect(emf.metrics()).toMatchObject({ EstimatedMonthlyWaste: 167.9, UnpricedFindings: 1 });
    expect(sweepEvent()).toMatchObject({ estimatedMonthlySavingUsd: 167.9, unpricedFindings: 1 });
    expect(notificationsSent()[0]!.Subject).toBe(
      'Shepherd cost sweep: 4 finding(s), est. at least $167.90/month to save (1 more with no estimate)',
    );
  });

  it('keeps the mail subject within the 100 characters SNS takes when the figures grow', async () => {
    // Prepare: 60 idle endpoints of 40 instances, and 12 on a type the table does not price
    mockAccount([
      ...Array.from({ length: 60 }, (_, i) => ({
        name: `big-${i}`,
        variants: [{ name: 'v1', count: 40, invocations: 0, cpu: 1, memory: 5 }],
      })),
      ...Array.from({ length: 12 }, (_, i) => idle(`r5-${i}`, 'ml.r5.large')),
    ]);

    // Act
    await handler(fixture('scheduled-event', { id: 'unpriced-3' }), context());

    // Assess
    const subject = notificationsSent()[0]!.Subject!;
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^Shepherd cost sweep: 84 finding\(s\), est\. at least \$402960\.00\/month to save/);
  });
});

describe('a cost sweep of Studio apps', () => {
  it('keeps default apps of different profiles and domains apart, prices them, reports an unread domain', async () => {
    // Prepare
    mockAccount([]);
    const app = (
      DomainId: string,
      who: Record<string, string>,
      AppType: 'JupyterServer' | 'KernelGateway',
      type: AppInstanceType,
    ) => ({
      DomainId,
      ...who,
      AppType,
      AppName: 'default',
      Status: 'InService' as const,
      ResourceSpec: { InstanceType: type },
    });
    sagemaker.on(ListAppsCommand).resolves({
      Apps: [
        app('d-one', { UserProfileName: 'ann' }, 'JupyterServer', 'system'),
        app('d-one', { UserProfileName: 'ben' }, 'JupyterServer', 'system'),
        app('d-one', { UserProfileName: 'ann' }, 'KernelGateway', 'ml.m5.large'),
        app('d-two', { UserProfileName: 'ann' }, 'KernelGateway', 'ml.m5.large'),
      ],
    });
    sagemaker.on(DescribeDomainCommand, { DomainId: 'd-one' }).resolves({ DomainId: 'd-one', DefaultUserSettings: {} });
    sagemaker
      .on(DescribeDomainCommand, { DomainId: 'd-two' })
      .rejects(Object.assign(new Error('Domain d-two not found'), { name: 'ResourceNotFound' }));

    // Act
    const result = await costService({}, () => new Date('2026-11-30T06:00:00Z'), false, 'eu-west-1').runSweep({
      enforce: false,
      notify: true,
    });

    // Assess
    const studio = result.findings.filter((f) => f.kind === 'studio-app');
    expect(Object.fromEntries(studio.map((f) => [f.resource, f.monthlySavingUsd]))).toEqual({
      'd-one/user/ann/KernelGateway/default': 93.44,
      'd-one/user/ann/JupyterServer/default': 0,
      'd-one/user/ben/JupyterServer/default': 0,
      'd-two/user/ann/KernelGateway/default': null,
    });
    expect(result.failures).toEqual([
      { resource: 'Studio domain d-two', error: 'ResourceNotFound: Domain d-two not found' },
    ]);
    expect(result).toMatchObject({ estimatedMonthlySavingUsd: 93.44, unpricedFindings: 1 });
    const mail = notificationsSent()[0]!.Message!;
    expect(mail).toContain('- studio-app  d-one/user/ann/KernelGateway/default');
    expect(mail).toContain('- studio-app  d-two/user/ann/KernelGateway/default');
    expect(mail).toContain('- Studio domain d-two: ResourceNotFound: Domain d-two not found');
  });
});
