// An Approved event that never arrived: the deployment watcher finds the group's newest approved package on an idle
// endpoint and deploys it as the event would have; once, and never a package Shepherd already handled or one older
// than a day.
import {
  CreateCompilationJobCommand,
  CreateEndpointConfigCommand,
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

/** The churn group's newest approved package: version 2, created at `created`; the other groups have none. */
function newestApproved(created: string): void {
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
  describedPackage(2);
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

  it('leaves a package younger than 15 minutes to its own Approved event, which is on its way', async () => {
    // Prepare
    newestApproved('2026-11-27T02:55:00Z');

    // Act
    await tick('2026-11-27T03:05:00Z');

    // Assess
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toEqual([]);
    expect(await deploymentItem()).toBeUndefined();
  });

  it('does not deploy unasked an approved package older than a day (from before Shepherd ran the line)', async () => {
    // Prepare
    newestApproved('2026-11-26T03:04:00Z');

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
});
