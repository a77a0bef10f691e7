import { DescribeDomainCommand, ListAppsCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from '../helpers/aws';
import { costService, mockAccount, resetCostAccount } from '../helpers/cost';
import { createTable } from '../helpers/dynamo';

beforeAll(createTable);
beforeEach(resetCostAccount);

const NOW = new Date('2026-11-30T06:00:00Z');
const app = (AppType: 'JupyterLab' | 'KernelGateway', AppName: string) => ({
  DomainId: 'd-tidy',
  UserProfileName: 'ann',
  AppType,
  AppName,
  Status: 'InService' as const,
  ResourceSpec: { InstanceType: 'ml.g4dn.xlarge' as const },
});

describe('cost sweep of Studio apps', () => {
  it('counts a domain’s idle shutdown only for the app types it covers: a Studio Classic kernel runs on', async () => {
    // Prepare: idle shutdown is set for JupyterLab apps only; nothing stops a KernelGateway app
    mockAccount([]);
    sagemaker.on(ListAppsCommand).resolves({
      Apps: [app('JupyterLab', 'default'), app('KernelGateway', 'datascience-ml-g4dn-xlarge')],
    });
    sagemaker.on(DescribeDomainCommand).resolves({
      DomainId: 'd-tidy',
      DefaultUserSettings: {
        JupyterLabAppSettings: {
          AppLifecycleManagement: { IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 60 } },
        },
      },
    });

    // Act
    const result = await costService({}, () => NOW, false, 'eu-west-1').runSweep({ enforce: false, notify: true });

    // Assess
    const byType = Object.fromEntries(result.findings.map((f) => [f.resource.split('/')[3], f]));
    expect(byType.JupyterLab).toMatchObject({ monthlyCostUsd: 599.91, monthlySavingUsd: 0 });
    expect(byType.KernelGateway).toMatchObject({ monthlyCostUsd: 599.91, monthlySavingUsd: 599.91 });
    expect(byType.KernelGateway!.evidence).toBe(
      'KernelGateway app running on ml.g4dn.xlarge; its domain’s idle shutdown does not cover KernelGateway apps',
    );
  });
});
