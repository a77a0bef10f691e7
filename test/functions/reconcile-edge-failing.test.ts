// The reconciler's pass over a line's Neo builds with outbox work that keeps failing: every build in flight is still
// looked up and decided on, and the failure is thrown at the end of the pass so that it is seen.
import { DescribeCompilationJobCommand } from '@aws-sdk/client-sagemaker';
import { handler as reconcile } from '../../functions/reconcile';
import { busRefuses, published, sagemaker } from '../helpers/aws';
import { neoBuildsStarted } from '../helpers/canary';
import { createTable } from '../helpers/dynamo';
import { tickOf } from '../helpers/events';
import { freshWorld } from '../helpers/function-world';
import { resetHosting } from '../helpers/hosting';

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
});
