// A Neo build that failed (a refused request, a quota, a model Neo could not compile) is built anew when its package
// is approved again after it, so an operator who fixed the cause can have the edge build it by approving once more.
import {
  CreateCompilationJobCommand,
  DescribeCompilationJobCommand,
  DescribeEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { neoBuildsStarted, tick } from '../helpers/canary';
import { resetAws, sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { describedPackage, noSuchEndpoint, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const approval = (id: string, time: string) =>
  fixture('model-package-state-change.approved', {
    id,
    time,
    detail: { ModelPackageVersion: 1, ModelPackageArn: packageArn(1) },
  });

const created = () => sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input);

/** v1's two builds started at 03:03:54 and failed; the mocks are reset after. */
async function buildsFailed(): Promise<{ jetson: string; rpi: string }> {
  const builds = await neoBuildsStarted();
  sagemaker
    .on(DescribeCompilationJobCommand)
    .resolves({ CompilationJobStatus: 'FAILED', FailureReason: 'ClientError: InputConfiguration: bad shape' });
  await tick('2026-11-27T03:10:00Z');
  resetAws();
  describedPackage(1);
  sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
  return builds;
}

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('a package whose Neo builds failed', () => {
  it('is built anew, under new names, when it is approved again after the builds failed', async () => {
    // Prepare
    const builds = await buildsFailed();

    // Act
    await modelPackageStateChanged(
      approval('approved-again', '2026-11-27T04:00:00Z'),
      context('modelPackageStateChanged'),
    );

    // Assess
    const names = created().map((r) => r.CompilationJobName!);
    expect(created().map((r) => r.Tags?.find((t) => t.Key === 'shepherd:edgeTarget')?.Value)).toEqual([
      'jetson',
      'rpi',
    ]);
    expect(names).not.toContain(builds.jetson);
    expect(names).not.toContain(builds.rpi);
  });

  it('is built anew once when the approval that follows the failure is delivered twice', async () => {
    // Prepare
    await buildsFailed();

    // Act
    await modelPackageStateChanged(
      approval('approved-again', '2026-11-27T04:00:00Z'),
      context('modelPackageStateChanged'),
    );
    await modelPackageStateChanged(
      approval('approved-again-copy', '2026-11-27T04:00:00Z'),
      context('modelPackageStateChanged'),
    );

    // Assess
    expect(created()).toHaveLength(2);
  });

  it('is not built again by a repeat of the approval that started the failed builds', async () => {
    // Prepare
    await buildsFailed();

    // Act
    await modelPackageStateChanged(
      approval('approved-1-copy', '2026-11-27T03:03:54Z'),
      context('modelPackageStateChanged'),
    );

    // Assess
    expect(created()).toEqual([]);
  });
});
