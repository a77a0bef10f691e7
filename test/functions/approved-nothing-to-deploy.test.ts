// An Approved package the registry holds without inference containers (InferenceSpecification is optional, as for a
// model registered by its source alone): there is nothing to deploy, which is said once, never retried.
import { CreateModelCommand, DescribeEndpointCommand, DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { approval, tick } from '../helpers/canary';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { createTable, timeline } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { listedApprovedPackage, noSuchEndpoint, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const registeredAt = new Date('2026-11-27T03:00:00Z');

/** The registry's answer for v1, approved, registered with its source alone. */
function approvedWithoutContainers(): void {
  sagemaker.on(DescribeModelPackageCommand).resolves({
    ModelPackageArn: packageArn(1),
    ModelPackageGroupName: 'churn-models',
    ModelPackageVersion: 1,
    ModelApprovalStatus: 'Approved',
    SourceUri: 's3://shepherd-example-artifacts/churn/source/model.tar.gz',
    CreationTime: registeredAt,
    LastModifiedTime: new Date('2026-11-27T03:01:00Z'),
  });
  listedApprovedPackage(1, registeredAt);
  sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('an approved model package without inference containers', () => {
  it('is handled, not thrown: the operators are told once that there is nothing to deploy', async () => {
    // Prepare
    approvedWithoutContainers();

    // Act
    const first = await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));
    const again = await modelPackageStateChanged(
      { ...approval(1), id: 'edited-later' },
      context('modelPackageStateChanged'),
    );

    // Assess
    expect(first).toMatchObject({ status: 'done' });
    expect(again).toMatchObject({ status: 'done' });
    expect(sagemaker.commandCalls(CreateModelCommand)).toEqual([]);
    const deployAlerts = notificationsSent().filter((n) => n.Subject?.includes('cannot be deployed'));
    expect(deployAlerts).toHaveLength(1);
    expect(deployAlerts[0]!.Message).toContain('no inference containers');
    expect((await timeline('churn')).map((e) => e.type)).toContain('ApprovalNotDeployable');
  });

  it('does not fail the reconciler’s passes when its approval event was lost', async () => {
    // Prepare
    approvedWithoutContainers();

    // Act
    const pass = tick('2026-11-27T03:20:00Z');

    // Assess
    await expect(pass).resolves.toBeDefined();
  });
});
