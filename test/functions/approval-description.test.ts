// What Shepherd sends as a package's ApprovalDescription: AWS takes at most 1024 characters matching `.*`, which
// matches no line break (docs/aws-sagemaker.md), so a reason written on several lines is sent on one.
import { SageMakerClient, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { SageMakerHostingAdapter } from '../../shared/aws/sagemaker-hosting';
import { ModelRegistryAdapter } from '../../shared/aws/sagemaker-registry';
import { resetAws, sagemaker } from '../helpers/aws';

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7';
const sent = () => sagemaker.commandCalls(UpdateModelPackageCommand).map((c) => c.args[0].input.ApprovalDescription);

beforeEach(() => {
  resetAws();
  sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: ARN });
});

describe('the ApprovalDescription Shepherd sends', () => {
  it('puts a human’s reason and a rollback’s on one line, each break said as " / "', async () => {
    // Prepare
    const client = new SageMakerClient({});

    // Act
    await new ModelRegistryAdapter(client).decideModelPackage(ARN, 'Approved', 'Approved by ana: fine\r\n\r\nship it');
    await new SageMakerHostingAdapter(client).rejectModelPackage(
      ARN,
      'rolled back: aborted by bo: p99\u2028spikes\u0085',
    );

    // Assess
    expect(sent()).toEqual(['Approved by ana: fine / ship it', 'rolled back: aborted by bo: p99 / spikes']);
  });

  it('keeps within 1024 characters without cutting a character in two', async () => {
    // Prepare
    const long = `${'a'.repeat(1023)}😀 and more`;

    // Act
    await new SageMakerHostingAdapter(new SageMakerClient({})).rejectModelPackage(ARN, long);

    // Assess
    expect(sent()[0]).toBe('a'.repeat(1023));
  });
});
