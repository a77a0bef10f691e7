// A model package approved and deleted before Shepherd handled its Approved event, on the local cloud: the event is
// ignored with the reason on the line's timeline, nothing is deployed, and nothing reaches the dead-letter queue.
import type { Cloud } from '../../local/cloud';
import { summarize } from '../../local/summary';
import { quietCloud, waitFor } from '../helpers/e2e';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await quietCloud();
});
afterAll(() => cloud.stop());

const containers = [
  {
    Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    ModelDataUrl: 's3://shepherd-example-artifacts/churn/auc-0.9/model.tar.gz',
  },
];

describe('a model package deleted before its Approved event is handled', () => {
  it('is recorded as gone on the timeline, deploys nothing and dead-letters nothing', async () => {
    // Prepare
    const { ModelPackageArn: arn } = cloud.sagemaker.handle('CreateModelPackage', {
      ModelPackageGroupName: 'churn-models',
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: { Containers: containers, SupportedContentTypes: ['text/csv'] },
    }) as { ModelPackageArn: string };

    // Act: approved, then deleted at once, in the same instant: the event reaches Shepherd after the deletion
    cloud.sagemaker.handle('UpdateModelPackage', { ModelPackageArn: arn, ModelApprovalStatus: 'Approved' });
    cloud.sagemaker.handle('DeleteModelPackage', { ModelPackageName: arn });
    await waitFor(cloud, 'the gone package on the timeline', () =>
      cloud.shepherdTimeline.entries.some((e) => e.type === 'ResourceGone'),
    );
    // Past both of Lambda's retries (1 and 2 minutes apart), had the handler thrown.
    const settled = cloud.clock.now().getTime() + 5 * 60_000;
    await waitFor(cloud, 'five quiet minutes', () => cloud.clock.now().getTime() > settled && !cloud.lambda.busy);

    // Assess
    expect(cloud.shepherdTimeline.entries.filter((e) => e.type === 'ResourceGone')).toEqual([
      {
        at: expect.any(String),
        model: 'churn',
        type: 'ResourceGone',
        message: `model package ${arn} no longer exists: its approval is not deployed`,
      },
    ]);
    expect(summarize(cloud, [])).toMatchObject({ deadLetters: 0, errors: [], deployments: [], compilations: [] });
    expect(cloud.lambda.errors).toEqual([]);
    expect([...cloud.calls.keys()].filter((k) => /sagemaker:(Create(Model|Endpoint|Compilation))/.test(k))).toEqual([]);
  });
});
