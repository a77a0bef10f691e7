// A Neo build SageMaker refuses to start for good, on a line with several edge targets: the other targets' builds
// are still started and followed, and only the refused one is said to have failed.
import {
  CreateCompilationJobCommand,
  type CreateCompilationJobRequest,
  DescribeCompilationJobCommand,
  DescribeEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { handler as modelPackageStateChanged } from '../../functions/model-package-state-changed';
import { approval, tick } from '../helpers/canary';
import { notFound, notificationsSent, published, sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context } from '../helpers/events';
import { describedPackage, noSuchEndpoint, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

/** What SageMaker answers a compilation request for a device that does not take the model's framework. */
const unsupported = (): Error =>
  Object.assign(new Error('TargetDevice jetson_xavier does not support framework XGBOOST'), {
    name: 'ValidationException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

/** The jobs SageMaker accepted to create. */
const createdNames = () =>
  sagemaker
    .commandCalls(CreateCompilationJobCommand)
    .filter((c) => c.args[0].input.OutputConfig?.TargetDevice === undefined)
    .map((c) => c.args[0].input.CompilationJobName!);

const started = () =>
  sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input.OutputConfig?.S3OutputLocation);

/** SageMaker refuses the jetson build's request and takes the others. */
const jetsonRefused = () =>
  sagemaker.on(CreateCompilationJobCommand).callsFake(async (input: CreateCompilationJobRequest) => {
    if (input.OutputConfig?.TargetDevice === 'jetson_xavier') throw unsupported();
    return {};
  });

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:05:00Z', alsoReset: [resetHosting] }));

describe('a Neo build refused for good on a line with two edge targets', () => {
  it('still starts the other target’s build, and alerts about the refused one alone', async () => {
    // Prepare
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    jetsonRefused();

    // Act
    await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));

    // Assess
    expect(started()).toEqual([expect.stringContaining('/edge/jetson/'), expect.stringContaining('/edge/rpi/')]);
    const alerts = notificationsSent().map((n) => n.Message ?? '');
    expect(alerts).toEqual([expect.stringContaining('CreateCompilationJob refused: ValidationException')]);
  });

  it('follows the other target’s build to its artifact rather than taking it for a job deleted outside', async () => {
    // Prepare
    describedPackage(1);
    sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
    jetsonRefused();
    await modelPackageStateChanged(approval(1), context('modelPackageStateChanged'));
    // SageMaker knows only the jobs it was asked to create, and those ran to their end.
    sagemaker.on(DescribeCompilationJobCommand).rejects(notFound('compilation job'));
    for (const name of createdNames()) {
      sagemaker.on(DescribeCompilationJobCommand, { CompilationJobName: name }).resolves({
        CompilationJobStatus: 'COMPLETED',
        ModelArtifacts: { S3ModelArtifacts: `s3://shepherd-example-artifacts/churn/edge/rpi/${name}/model.tar.gz` },
      });
    }

    // Act
    await tick('2026-11-27T03:10:00Z');

    // Assess
    const ready = published().filter((e) => e.detailType === 'Edge Artifact Ready');
    expect(ready.map((e) => e.detail.target)).toEqual(['rpi']);
    expect(
      notificationsSent()
        .map((n) => n.Message ?? '')
        .join('\n'),
    ).not.toContain('no longer knows');
  });
});
