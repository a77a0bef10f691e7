// The autoscaling adapter reads what triggers a step-scaling policy (its owner's alarms, by name), and registers a
// policy on a variant with only what PutScalingPolicy takes.
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { AutoScalingAdapter } from '../../shared/aws/autoscaling';

const autoscaling = mockClient(ApplicationAutoScalingClient);
const adapter = new AutoScalingAdapter(new ApplicationAutoScalingClient({}));
const step = {
  AdjustmentType: 'ChangeInCapacity' as const,
  StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
};

beforeEach(() => {
  autoscaling.reset();
  autoscaling
    .on(DescribeScalableTargetsCommand)
    .resolves({ ScalableTargets: [{ MinCapacity: 2, MaxCapacity: 6 } as never] });
  autoscaling.on(RegisterScalableTargetCommand).resolves({});
  autoscaling.on(PutScalingPolicyCommand).resolves({});
});

describe('the autoscaling adapter', () => {
  it('keeps the names of the alarms that trigger a step policy', async () => {
    // Prepare
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({
      ScalingPolicies: [
        {
          PolicyName: 'burst-out',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: step,
          Alarms: [{ AlarmName: 'churn-prod-v1-burst', AlarmARN: 'arn:aws:cloudwatch:us-east-1:1:alarm:x' }],
        } as never,
      ],
    });

    // Act
    const scaling = await adapter.variantScaling('churn-prod', 'v1');

    // Assess
    expect(scaling?.policies).toEqual([
      {
        PolicyName: 'burst-out',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: step,
        alarms: ['churn-prod-v1-burst'],
      },
    ]);
  });

  it('sends PutScalingPolicy the policy without the alarm names Shepherd keeps beside it', async () => {
    // Prepare
    const policy = { PolicyName: 'burst-out', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: step };

    // Act
    await adapter.register('churn-prod', 'v1', {
      minCapacity: 2,
      maxCapacity: 6,
      policies: [{ ...policy, alarms: ['churn-prod-v1-burst'] }],
    });

    // Assess
    expect(autoscaling.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input)).toEqual([
      {
        ...policy,
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/churn-prod/variant/v1',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      },
    ]);
  });
});
