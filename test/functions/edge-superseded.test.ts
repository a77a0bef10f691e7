// An approval delivered after a newer package's: the deployment deploys the newer, and the edge builds only it.
import { CreateCompilationJobCommand } from '@aws-sdk/client-sagemaker';
import { handler } from '../../functions/model-package-state-changed';
import { sagemaker } from '../helpers/aws';
import { createTable, timeline } from '../helpers/dynamo';
import { context, fixture, setClock } from '../helpers/events';
import { OLD_CONFIG, describedPackage, endpointServes, modelData, resetHosting } from '../helpers/hosting';
import { freshWorld } from '../helpers/function-world';

const compiled = () =>
  sagemaker.commandCalls(CreateCompilationJobCommand).map((c) => c.args[0].input.InputConfig?.S3Uri);

beforeAll(createTable);
beforeEach(() => freshWorld({ alsoReset: [resetHosting] }));

describe('modelPackageStateChanged: the edge builds of a superseded approval', () => {
  it('starts no Neo build for an approval delivered after a package approved later', async () => {
    // Prepare: v3 approved at 03:03:54 and built; v2's approval at 02:40:12 is delivered only now
    setClock('2026-11-27T03:04:00Z');
    describedPackage(2);
    describedPackage(3);
    endpointServes(OLD_CONFIG, { v1: 100 });
    const v3 = fixture('model-package-state-change.approved', {
      id: 'approved-3',
      detail: {
        ModelPackageVersion: 3,
        ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/3',
      },
    });
    await handler(v3, context());
    setClock('2026-11-27T03:06:00Z');

    // Act
    await handler(fixture('model-package-state-change.approved-late'), context());

    // Assess
    expect(compiled()).toEqual([modelData(3), modelData(3)]);
    expect(await timeline('churn')).toContainEqual(expect.objectContaining({ type: 'EdgeBuildsSuperseded' }));
  });
});
