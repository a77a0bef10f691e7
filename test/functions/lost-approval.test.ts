// An Approved event that never arrived: the deployment watcher finds the group's newest approved package on an idle
// endpoint and deploys it as the event would have; once, and never a package Shepherd already handled or moved past,
// nor one approved more than a day ago.
import {
  CreateCompilationJobCommand,
  CreateEndpointConfigCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { handler as watchDeployments } from '../../functions/watch-deployments';
import { neoBuilding } from '../helpers/canary';
import { published, sagemaker } from '../helpers/aws';
import { createTable, deploymentItem, putItem } from '../helpers/dynamo';
import { tickOf } from '../helpers/events';
import { OLD_CONFIG, describedPackage, endpointServes, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const tick = tickOf(watchDeployments, 'watchDeployments');

/**
 * The churn group's newest approved package: version 2, created at `created` and last changed (approved) at
 * `approved`, by default when it was created; the other groups have none.
 */
function newestApproved(created: string, approved = created): void {
  sagemaker.on(ListModelPackagesCommand, { ModelPackageGroupName: 'churn-models' }).resolves({
    ModelPackageSummaryList: [
      {
        ModelPackageArn: packageArn(2),
        ModelPackageGroupName: 'churn-models',
        ModelPackageVersion: 2,
        CreationTime: new Date(created),
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: 'Approved',
      },
    ],
  });
  describedPackage(2, { CreationTime: new Date(created), LastModifiedTime: new Date(approved) });
}

beforeAll(createTable);
beforeEach(async () => {
  await freshWorld({ alsoReset: [resetHosting] });
  endpointServes(OLD_CONFIG, { v1: 100 });
});

describe('watchDeployments: an approval whose event was lost', () => {
  it('deploys the newest approved package of an idle endpoint once, as its Approved event would have', async () => {
    // Prepare
    newestApproved('2026-11-27T02:50:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');
    await tick('2026-11-27T03:06:00Z');

    // Assess
    const lists = sagemaker.commandCalls(ListModelPackagesCommand).map((c) => c.args[0].input);
    expect(lists).toContainEqual({
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'Approved',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 1,
    });
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toHaveLength(1);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    expect((await deploymentItem())?.active).toMatchObject({ package: { arn: packageArn(2) } });
    expect(published().map((e) => e.detailType)).toEqual(['Deployment Started']);
  });

  it('leaves alone a newest approved package Shepherd already deployed, queued or superseded', async () => {
    // Prepare
    newestApproved('2026-11-27T02:50:00Z');
    const handled = { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT', endpoint: 'churn-prod', version: 4 };
    await putItem({ ...handled, history: [], recent: [packageArn(2)], created: { models: [], configs: [] } });

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect((await deploymentItem())?.version).toBe(4);
  });

  it('deploys a package registered days before its approval, whose Approved event was lost', async () => {
    // Prepare
    newestApproved('2026-11-20T09:00:00Z', '2026-11-27T02:40:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    expect((await deploymentItem())?.active).toMatchObject({ package: { arn: packageArn(2) } });
  });

  it('does not deploy an approved package older than one the line has deployed since (rejected after it)', async () => {
    // Prepare
    newestApproved('2026-11-27T02:00:00Z', '2026-11-27T02:40:00Z');
    const movedOn = { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT', endpoint: 'churn-prod', version: 4 };
    await putItem({ ...movedOn, history: [], recent: [packageArn(3)], created: { models: [], configs: [] } });

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect((await deploymentItem())?.version).toBe(4);
  });

  it('does not deploy a package the registry lists as Approved but describes as Rejected now', async () => {
    // Prepare
    newestApproved('2026-11-27T02:00:00Z', '2026-11-27T02:40:00Z');
    sagemaker
      .on(DescribeModelPackageCommand, { ModelPackageName: packageArn(2) })
      .resolves({ ModelPackageArn: packageArn(2), ModelApprovalStatus: 'Rejected', ModelPackageVersion: 2 });

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });

  it('leaves a package approved less than 15 minutes ago to its own Approved event, which is on its way', async () => {
    // Prepare
    newestApproved('2026-11-27T01:00:00Z', '2026-11-27T02:55:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });

  it('leaves a package younger than 15 minutes to its own Approved event, which is on its way', async () => {
    // Prepare
    newestApproved('2026-11-27T02:55:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });

  it('does not deploy unasked a package approved more than a day ago (from before Shepherd ran the line)', async () => {
    // Prepare
    newestApproved('2026-11-20T09:00:00Z', '2026-11-26T03:04:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });
});

describe('reconcile: the edge builds of an approval whose event was lost', () => {
  it('starts the Neo builds of the newest approved package once', async () => {
    // Prepare
    newestApproved('2026-11-27T02:50:00Z');
    neoBuilding();
    const reconcileAt = tickOf(reconcile, 'reconcile');

    // Act
    await reconcileAt('2026-11-27T03:05:00Z');
    await reconcileAt('2026-11-27T03:06:00Z');

    // Assess
    const builds = sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input.CompilationJobName);
    expect(builds).toHaveLength(2);
    expect(builds.every((name) => /^churn-(jetson|rpi)-v2-/.test(name!))).toBe(true);
  });

  it('starts the Neo builds of a package approved days after its registration, whose event was lost', async () => {
    // Prepare
    newestApproved('2026-11-20T09:00:00Z', '2026-11-27T02:40:00Z');
    neoBuilding();

    // Act
    await tickOf(reconcile, 'reconcile')('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toHaveLength(2);
  });
});
