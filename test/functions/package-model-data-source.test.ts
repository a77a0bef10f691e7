// A model package may name its model by ModelDataSource (S3DataSource) instead of ModelDataUrl: an uncompressed
// model under a prefix, or one object, compressed or not. What SageMaker receives when such a package is approved.
import {
  CreateCompilationJobCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
  type ModelDataSource,
} from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/model-package-state-changed';
import { notificationsSent, sagemaker } from '../helpers/aws';
import { createTable } from '../helpers/dynamo';
import { context, fixture } from '../helpers/events';
import { IMAGE, noSuchEndpoint, packageArn, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const UNCOMPRESSED: ModelDataSource = {
  S3DataSource: {
    S3Uri: 's3://shepherd-example-artifacts/churn/v1/model/',
    S3DataType: 'S3Prefix',
    CompressionType: 'None',
    ModelAccessConfig: { AcceptEula: true },
  },
};
const ARCHIVE: ModelDataSource = {
  S3DataSource: {
    S3Uri: 's3://shepherd-example-artifacts/churn/v1/model.tar.gz',
    S3DataType: 'S3Object',
    CompressionType: 'Gzip',
  },
};

/** churn-models/1, approved, its one container's model given as `source`; no endpoint yet. */
function approvedWith(source: ModelDataSource) {
  const Containers = [{ Image: IMAGE, ModelDataSource: source }];
  sagemaker.on(DescribeModelPackageCommand).resolves({
    ModelPackageArn: packageArn(1),
    ModelPackageGroupName: 'churn-models',
    ModelPackageVersion: 1,
    ModelApprovalStatus: 'Approved',
    InferenceSpecification: { Containers },
  });
  sagemaker.on(DescribeEndpointCommand).rejects(noSuchEndpoint());
  return fixture('model-package-state-change.approved', {
    id: 'approved-1',
    detail: { ModelPackageVersion: 1, ModelPackageArn: packageArn(1), InferenceSpecification: { Containers } },
  });
}

const models = () => sagemaker.commandCalls(CreateModelCommand).map((c) => c.args[0].input);
const compilations = () => sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input);

beforeAll(createTable);
beforeEach(() => freshWorld({ clock: '2026-11-27T03:03:54Z', alsoReset: [resetHosting] }));

describe('modelPackageStateChanged: a package whose model is given as ModelDataSource', () => {
  it('creates the model with the package’s ModelDataSource, so the container starts with its model', async () => {
    // Prepare
    const event = approvedWith(UNCOMPRESSED);

    // Act
    await handler(event, context());

    // Assess
    expect(models().map((m) => m.Containers)).toEqual([[{ Image: IMAGE, ModelDataSource: UNCOMPRESSED }]]);
  });

  it('builds a gzip-compressed single-object model for the edge from its S3Uri', async () => {
    // Prepare
    const event = approvedWith(ARCHIVE);

    // Act
    await handler(event, context());

    // Assess
    expect(compilations().map((c) => c.InputConfig?.S3Uri)).toEqual([
      ARCHIVE.S3DataSource!.S3Uri,
      ARCHIVE.S3DataSource!.S3Uri,
    ]);
  });

  it('builds nothing for the edge from an uncompressed model, which Neo cannot take, and says so', async () => {
    // Prepare
    const event = approvedWith(UNCOMPRESSED);

    // Act
    await handler(event, context());

    // Assess
    expect(compilations()).toEqual([]);
    expect(models()).toHaveLength(1);
    const edge = notificationsSent().filter((n) => n.Subject?.includes('edge'));
    expect(edge.map((n) => n.Message)).toEqual([expect.stringContaining('a ModelDataSource of one Gzip object')]);
  });
});
