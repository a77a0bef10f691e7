import {
  DescribeDomainCommand,
  DescribeSpaceCommand,
  DescribeUserProfileCommand,
  ListAppsCommand,
} from '@aws-sdk/client-sagemaker';
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

describe('cost sweep of Studio apps in private spaces', () => {
  const inSpace = (SpaceName: string) => ({
    DomainId: 'd-tidy',
    SpaceName,
    AppType: 'JupyterLab' as const,
    AppName: 'default',
    Status: 'InService' as const,
    ResourceSpec: { InstanceType: 'ml.g4dn.xlarge' as const },
  });
  const lifecycle = (LifecycleManagement: 'ENABLED' | 'DISABLED') => ({
    JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement } } },
  });

  it('judges an app in a private space by its owner’s idle shutdown, where the owner’s profile sets one', async () => {
    // Prepare: the domain stops idle JupyterLab apps; ann's profile turns that off, bob's keeps the domain's
    mockAccount([]);
    sagemaker.on(ListAppsCommand).resolves({ Apps: [inSpace('ann-space'), inSpace('bob-space')] });
    sagemaker.on(DescribeDomainCommand).resolves({ DomainId: 'd-tidy', DefaultUserSettings: lifecycle('ENABLED') });
    sagemaker.on(DescribeSpaceCommand).callsFake(async ({ SpaceName }: { SpaceName: string }) => ({
      DomainId: 'd-tidy',
      SpaceName,
      SpaceSharingSettings: { SharingType: 'Private' },
      OwnershipSettings: { OwnerUserProfileName: SpaceName.replace('-space', '') },
      SpaceSettings: {
        JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 90 } } },
      },
    }));
    sagemaker
      .on(DescribeUserProfileCommand, { DomainId: 'd-tidy', UserProfileName: 'ann' })
      .resolves({ UserProfileName: 'ann', UserSettings: lifecycle('DISABLED') })
      .on(DescribeUserProfileCommand, { DomainId: 'd-tidy', UserProfileName: 'bob' })
      .resolves({ UserProfileName: 'bob', UserSettings: {} });

    // Act
    const result = await costService({}, () => NOW, false, 'eu-west-1').runSweep({ enforce: false, notify: false });

    // Assess
    const bySpace = Object.fromEntries(result.findings.map((f) => [f.resource.split('/')[2], f]));
    expect(bySpace['ann-space']).toMatchObject({ monthlySavingUsd: 599.91 });
    expect(bySpace['ann-space']!.evidence).toBe(
      'JupyterLab app running on ml.g4dn.xlarge; its owner’s user profile (ann) turns idle shutdown off',
    );
    expect(bySpace['bob-space']).toMatchObject({ monthlySavingUsd: 0 });
    expect(bySpace['bob-space']!.evidence).toBe(
      'JupyterLab app running on ml.g4dn.xlarge; its domain shuts idle apps down (its space: after 90 min)',
    );
    expect(
      sagemaker
        .commandCalls(DescribeUserProfileCommand)
        .map((c) => c.args[0].input.UserProfileName)
        .sort(),
    ).toEqual(['ann', 'bob']);
    expect(result.failures).toEqual([]);
  });

  it('judges an app in a shared space by its domain, and one whose space cannot be read as unknown', async () => {
    // Prepare: the domain has no idle shutdown; the team's space is shared, the other space cannot be read
    mockAccount([]);
    sagemaker.on(ListAppsCommand).resolves({ Apps: [inSpace('team'), inSpace('gone')] });
    sagemaker.on(DescribeDomainCommand).resolves({ DomainId: 'd-tidy', DefaultUserSettings: {} });
    sagemaker
      .on(DescribeSpaceCommand, { SpaceName: 'team' })
      .resolves({ DomainId: 'd-tidy', SpaceName: 'team', SpaceSharingSettings: { SharingType: 'Shared' } })
      .on(DescribeSpaceCommand, { SpaceName: 'gone' })
      .rejects(Object.assign(new Error('Space gone not found'), { name: 'ResourceNotFound' }));

    // Act
    const result = await costService({}, () => NOW, false, 'eu-west-1').runSweep({ enforce: false, notify: false });

    // Assess
    const bySpace = Object.fromEntries(result.findings.map((f) => [f.resource.split('/')[2], f]));
    expect(bySpace.team).toMatchObject({ monthlySavingUsd: 599.91 });
    expect(bySpace.gone).toMatchObject({ monthlySavingUsd: null });
    expect(bySpace.gone!.evidence).toBe('JupyterLab app running on ml.g4dn.xlarge; its space could not be read');
    expect(sagemaker.commandCalls(DescribeUserProfileCommand)).toEqual([]);
    expect(result.failures).toEqual([
      { resource: 'Studio space d-tidy/gone', error: 'ResourceNotFound: Space gone not found' },
    ]);
  });
});
