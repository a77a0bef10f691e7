// The Neo builds of a package rejected while they run: withdrawn (no artifact announced), their compilation jobs
// stopped, and built anew if the package is approved again.
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  DescribeEndpointCommand,
  StopCompilationJobCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { neoBuildsStarted, tick } from '../helpers/canary';
import { notFound, notificationsSent, published, resetAws, sagemaker } from '../helpers/aws';
import { createTable, timeline } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { describedPackage, noSuchEndpoint, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const approval = (version: number, id = `approved-${version}`) =>
  fixture('model-package-state-change.approved', {
    id,
    detail: { ModelPackageVersion: version, ModelPackageArn: packageArn(version) },
  });
const rejection = (version: number) =>
  fixture('model-package-state-change.rejected', {
    id: `rejected-${version}`,
    detail: { ModelPackageVersion: version, ModelPackageArn: packageArn(version), ApprovalDescription: 'wrong data' },
  });
/** What SageMaker answers a request about a job that has ended (the API reference documents no error for it). */
const ended = (): Error =>
  Object.assign(new Error('The compilation job has already ended.'), {
    name: 'ValidationException',
    $metadata: { httpStatusCode: 400 },
  });

const stopped = () => sagemaker.commandCalls(StopCompilationJobCommand).map((c) => c.args[0].input.CompilationJobName);

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('a package rejected while its Neo builds run', () => {
  it('stops their jobs, announces none of their artifacts and polls them no more once stopping', async () => {
    // Prepare
    const builds = await neoBuildsStarted();
    sagemaker.on(DescribeCompilationJobCommand).resolves({ CompilationJobStatus: 'STOPPING' });

    // Act
    await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));
    await tick('2026-11-27T03:10:00Z');
    await tick('2026-11-27T03:11:00Z');

    // Assess
    expect(stopped()).toEqual([builds.jetson, builds.rpi]);
    expect(published()).toEqual([]);
    expect(notificationsSent()).toEqual([]);
    expect(sagemaker.commandCalls(DescribeCompilationJobCommand)).toHaveLength(2);
    expect((await timeline('churn')).filter((e) => e.type === 'EdgeBuildWithdrawn')).toHaveLength(2);
  });

  it('takes a job that ended or is gone before the stop reached it as stopped, and stops the other', async () => {
    // Prepare: the jetson job completed, the rpi job was deleted, just before the rejection
    const builds = await neoBuildsStarted();
    sagemaker.on(StopCompilationJobCommand, { CompilationJobName: builds.jetson }).rejects(ended());
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson })
      .resolves({ CompilationJobName: builds.jetson, CompilationJobStatus: 'COMPLETED' });
    sagemaker.on(StopCompilationJobCommand, { CompilationJobName: builds.rpi }).rejects(notFound('compilation job'));

    // Act
    const result = await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));
    resetAws();
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.jetson })
      .resolves({ CompilationJobName: builds.jetson, CompilationJobStatus: 'COMPLETED' });
    sagemaker
      .on(DescribeCompilationJobCommand, { CompilationJobName: builds.rpi })
      .rejects(notFound('compilation job'));
    await tick('2026-11-27T03:10:00Z');
    await tick('2026-11-27T03:11:00Z');

    // Assess
    expect(result).toMatchObject({ status: 'done' });
    expect(stopped()).toEqual([]);
    expect(sagemaker.commandCalls(DescribeCompilationJobCommand)).toHaveLength(2);
    expect(published()).toEqual([]);
    expect((await timeline('churn')).map((e) => e.type)).not.toContain('CorruptState');
  });

  it('stops a job again when its creation landed after the stop that withdrew it', async () => {
    // Prepare: the stops reach SageMaker before the approval's creates do, which it answers as jobs it does not know
    const builds = await neoBuildsStarted();
    sagemaker.on(StopCompilationJobCommand).rejects(notFound('compilation job'));
    await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));
    resetAws();
    sagemaker.on(DescribeCompilationJobCommand).resolves({ CompilationJobStatus: 'INPROGRESS' });

    // Act
    await tick('2026-11-27T03:10:00Z');

    // Assess
    expect(stopped()).toEqual([builds.jetson, builds.rpi]);
    expect(published()).toEqual([]);
  });

  it('stops nothing again when the rejection is delivered twice', async () => {
    // Prepare
    await neoBuildsStarted();
    await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));
    resetAws();

    // Act
    await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));

    // Assess
    expect(stopped()).toEqual([]);
  });

  it('builds the package anew, under new names, when it is approved again after its builds were stopped', async () => {
    // Prepare
    const builds = await neoBuildsStarted();
    await modelPackageStateChanged(rejection(1), context('modelPackageStateChanged'));
    resetAws();
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());

    // Act
    await modelPackageStateChanged(approval(1, 'approved-again'), context('modelPackageStateChanged'));
    await modelPackageStateChanged(approval(1, 'approved-again-copy'), context('modelPackageStateChanged'));

    // Assess
    const started = sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input);
    expect(started.map((r) => r.Tags?.find((t) => t.Key === 'shepherd:edgeTarget')?.Value)).toEqual(['jetson', 'rpi']);
    const names = started.map((r) => r.CompilationJobName!);
    expect(names).not.toContain(builds.jetson);
    expect(names).not.toContain(builds.rpi);
    expect(names.every((name) => name.startsWith('churn-'))).toBe(true);
    expect(started.map((r) => r.OutputConfig?.S3OutputLocation)).toEqual(names.map((n) => expect.stringContaining(n)));
  });
});
