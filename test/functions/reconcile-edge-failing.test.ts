// The reconciler's pass over a line's Neo builds with outbox work that keeps failing: every build in flight is still
// looked up and decided on, and the first failure is thrown at the end of the pass so that it is seen.
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  ListModelPackagesCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { busRefuses, published, sagemaker } from '../helpers/aws';
import { neoBuildsStarted } from '../helpers/canary';
import { createTable } from '../helpers/dynamo';
import { tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';
import { describedPackage, packageArn, resetHosting } from '../helpers/hosting';

const tick = tickOf(reconcile, 'reconcile');
const described = () =>
  sagemaker.commandCalls(DescribeCompilationJobCommand).map((c) => c.args[0].input.CompilationJobName);
const announcementsTried = () =>
  published()
    .filter((e) => e.detailType === 'Edge Artifact Ready')
    .map((e) => e.detail.target);

/** SageMaker says the build has completed, its artifact where the line's target keeps them. */
function completed(name: string, target: string): void {
  sagemaker.on(DescribeCompilationJobCommand, { CompilationJobName: name }).resolves({
    CompilationJobName: name,
    CompilationJobStatus: 'COMPLETED',
    ModelArtifacts: { S3ModelArtifacts: `s3://shepherd-example-artifacts/churn/edge/${target}/model.tar.gz` },
  });
}

/** A SageMaker server error that the SDK's retries did not get past. */
const internalFailure = (): Error =>
  Object.assign(new Error('We encountered an internal error. Please try again.'), {
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', noApprovedPackages: true, alsoReset: [resetHosting] }));

describe('reconcile of Neo builds with an announcement the bus keeps refusing', () => {
  it('looks up every build in flight though the first one’s decision fails, then fails the pass', async () => {
    // Prepare
    const builds = await neoBuildsStarted();
    busRefuses('Edge Artifact Ready');
    completed(builds.jetson, 'jetson');
    completed(builds.rpi, 'rpi');

    // Act
    const result = tick('2026-11-27T03:10:00Z');

    // Assess
    await expect(result).rejects.toThrow('PutEvents rejected "Edge Artifact Ready"');
    expect(described()).toEqual([builds.jetson, builds.rpi]);
    expect(announcementsTried()).toEqual(['jetson', 'rpi']);
  });

  it('still looks up the builds in flight when a leftover of an earlier pass fails again', async () => {
    // Prepare: the jetson build's announcement failed in the pass before; the rpi build was running then
    const builds = await neoBuildsStarted();
    busRefuses('Edge Artifact Ready');
    completed(builds.jetson, 'jetson');
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.rpi })
      .resolves({ CompilationJobName: builds.rpi, CompilationJobStatus: 'INPROGRESS' });
    await tick('2026-11-27T03:10:00Z').catch(() => undefined);
    completed(builds.rpi, 'rpi');
    sagemaker.resetHistory();

    // Act
    const result = tick('2026-11-27T03:11:00Z');

    // Assess: the jetson announcement is tried once more; the rpi build is looked up and announced all the same
    await expect(result).rejects.toThrow('PutEvents rejected "Edge Artifact Ready"');
    expect(described()).toEqual([builds.rpi]);
    expect(announcementsTried()).toEqual(['jetson', 'jetson', 'rpi']);
  });

  it('looks up the builds after one SageMaker fails to describe, then fails the pass with that error', async () => {
    // Prepare: describing the jetson build fails (SageMaker's own error, past the SDK's retries); the rpi build has
    // completed
    const builds = await neoBuildsStarted();
    sagemaker.on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson }).rejects(internalFailure());
    completed(builds.rpi, 'rpi');

    // Act
    const result = tick('2026-11-27T03:10:00Z');

    // Assess
    await expect(result).rejects.toThrow('InternalFailure');
    expect(described()).toEqual([builds.jetson, builds.rpi]);
    expect(announcementsTried()).toEqual(['rpi']);
  });

  it('fails the pass with its first failure, not the registry’s look-up failing after it', async () => {
    // Prepare: both builds completed, their announcements refused; then listing the registry's approved packages
    // fails (SageMaker's own error, past the SDK's retries)
    const builds = await neoBuildsStarted();
    busRefuses('Edge Artifact Ready');
    completed(builds.jetson, 'jetson');
    completed(builds.rpi, 'rpi');
    sagemaker.on(ListModelPackagesCommand, { ModelPackageGroupName: 'churn-models' }).rejects(internalFailure());

    // Act
    const result = tick('2026-11-27T03:10:00Z');

    // Assess: the registry was asked, and the pass fails with the announcement's error, the first of the pass
    await expect(result).rejects.toThrow('PutEvents rejected "Edge Artifact Ready"');
    expect(sagemaker.commandCalls(ListModelPackagesCommand)).toHaveLength(1);
    expect(announcementsTried()).toEqual(['jetson', 'rpi']);
  });

  it('fails the pass with the registry’s error when the lost-approval look-up is all that fails', async () => {
    // Prepare: the builds are still running; listing the registry's approved packages fails
    const builds = await neoBuildsStarted();
    for (const name of [builds.jetson, builds.rpi])
      sagemaker
        .on(DescribeCompilationJobCommand, { CompilationJobName: name })
        .resolves({ CompilationJobName: name, CompilationJobStatus: 'INPROGRESS' });
    sagemaker.on(ListModelPackagesCommand, { ModelPackageGroupName: 'churn-models' }).rejects(internalFailure());

    // Act
    const result = tick('2026-11-27T03:10:00Z');

    // Assess
    await expect(result).rejects.toThrow('InternalFailure');
    expect(described()).toEqual([builds.jetson, builds.rpi]);
  });

  it('tries a failing leftover once in a pass that also starts the builds of a lost approval', async () => {
    // Prepare: the jetson build's announcement failed in the pass before; v2's Approved event was lost since
    const builds = await neoBuildsStarted();
    busRefuses('Edge Artifact Ready');
    completed(builds.jetson, 'jetson');
    completed(builds.rpi, 'rpi');
    await tick('2026-11-27T03:10:00Z').catch(() => undefined);
    sagemaker.on(ListModelPackagesCommand, { ModelPackageGroupName: 'churn-models' }).resolves({
      ModelPackageSummaryList: [
        {
          ModelPackageArn: packageArn(2),
          ModelPackageGroupName: 'churn-models',
          ModelPackageVersion: 2,
          CreationTime: new Date('2026-11-27T02:50:00Z'),
          ModelPackageStatus: 'Completed',
          ModelApprovalStatus: 'Approved',
        },
      ],
    });
    describedPackage(2, { CreationTime: new Date('2026-11-27T02:50:00Z') });
    sagemaker.resetHistory();
    const triedBefore = announcementsTried().length;

    // Act
    const result = tick('2026-11-27T03:11:00Z');

    // Assess: v2's two builds start; each announcement left from the pass before is tried once
    await expect(result).rejects.toThrow('PutEvents rejected "Edge Artifact Ready"');
    expect(sagemaker.commandCalls(CreateCompilationJobCommand)).toHaveLength(2);
    expect(announcementsTried().slice(triedBefore).sort()).toEqual(['jetson', 'rpi']);
  });
});
