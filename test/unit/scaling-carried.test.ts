// The baseline's autoscaling as it reaches a promoted candidate: target tracking measures the candidate, not the
// variant that left; step scaling, whose CloudWatch alarms still watch the baseline, is not carried and is said so.
import { onApproved } from '../../shared/domain/deployment/approvals';
import { onJudged } from '../../shared/domain/deployment/judged';
import { onEndpointObserved } from '../../shared/domain/deployment/progress';
import { emptyDeploymentState, type VariantScaling } from '../../shared/domain/deployment/state';
import { churnLine, pkg, servingV1, STACK, verdicts, canaryBakingAt } from '../helpers/deployment';
import { ofType } from '../helpers/actions';

const line = churnLine();
const t = (minutes: number) => new Date(Date.parse('2026-11-27T02:00:00Z') + minutes * 60_000);
const dimensions = (variant: string) => [
  { Name: 'EndpointName', Value: 'churn-prod' },
  { Name: 'VariantName', Value: variant },
];
const cpu = (variant: string) => ({
  PolicyName: 'cpu',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 60,
    CustomizedMetricSpecification: {
      MetricName: 'CPUUtilization',
      Namespace: '/aws/sagemaker/Endpoints',
      Statistic: 'Average',
      Dimensions: dimensions(variant),
    },
  },
});
const perInstance = (variant: string) => ({
  PolicyName: 'errors-per-instance',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 5,
    CustomizedMetricSpecification: {
      Metrics: [
        {
          Id: 'e',
          MetricStat: {
            Metric: { MetricName: 'Invocation5XXErrors', Namespace: 'AWS/SageMaker', Dimensions: dimensions(variant) },
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        { Id: 'per', Expression: 'e / 2', ReturnData: true },
      ],
    },
  },
});
const stepOut = {
  PolicyName: 'burst-out',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: {
    AdjustmentType: 'ChangeInCapacity',
    StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
  },
  alarms: ['churn-prod-v1-burst'],
};

/** v1 with `scaling`, canaried by v2 through every step, then promoted: the promotion's end. */
function promoted(scaling: VariantScaling) {
  const snapshot = { ...servingV1, serving: { ...servingV1.serving, scaling } };
  const s = canaryBakingAt(line, 50, snapshot);
  const promoting = onJudged(s, line, verdicts.pass(), t(60), STACK).state!;
  return onEndpointObserved(
    promoting,
    line,
    { status: 'InService', configName: promoting.active!.expectConfig },
    t(68),
  );
}

describe('autoscaling carried to a promoted candidate', () => {
  it('rewrites the VariantName of a customised target-tracking metric to the candidate', () => {
    // Act
    const d = promoted({ minCapacity: 2, maxCapacity: 6, policies: [cpu('v1'), perInstance('v1')] });

    // Assess
    expect(ofType(d.actions, 'registerScaling')).toEqual([
      {
        type: 'registerScaling',
        endpointName: 'churn-prod',
        variant: 'v2',
        scaling: { minCapacity: 2, maxCapacity: 6, policies: [cpu('v2'), perInstance('v2')] },
      },
    ]);
  });

  it('leaves a customised metric of another variant as it is', () => {
    // Prepare: a policy that scales on what an upstream variant receives
    const upstream = cpu('router');

    // Act
    const d = promoted({ minCapacity: 2, maxCapacity: 6, policies: [upstream] });

    // Assess
    expect(ofType(d.actions, 'registerScaling')[0]!.scaling.policies).toEqual([upstream]);
  });

  it('carries no step-scaling policy, and the promotion report says which and why, as a warning', () => {
    // Act
    const d = promoted({ minCapacity: 2, maxCapacity: 6, policies: [cpu('v1'), stepOut] });

    // Assess
    expect(ofType(d.actions, 'registerScaling')[0]!.scaling.policies).toEqual([cpu('v2')]);
    const report = ofType(d.actions, 'notify')[0]!.notification;
    expect(report.severity).toBe('warning');
    expect(report.message).toContain(
      'step scaling burst-out (alarms churn-prod-v1-burst) not carried to v2: its alarms watch v1',
    );
  });

  it('says nothing of autoscaling in a promotion report that carried it all', () => {
    // Act
    const d = promoted({ minCapacity: 2, maxCapacity: 6, policies: [cpu('v1')] });

    // Assess
    const report = ofType(d.actions, 'notify')[0]!.notification;
    expect(report.severity).toBe('info');
    expect(report.message).not.toContain('not carried');
  });
});

describe('a canary started on a baseline with step scaling', () => {
  /** v2's canary beside v1, v1 scaling with `scaling`: the start's decision. */
  const start = (scaling: VariantScaling) =>
    onApproved(
      emptyDeploymentState('churn-prod'),
      line,
      pkg(2),
      { ...servingV1, serving: { ...servingV1.serving, scaling } },
      t(0),
    );

  it('warns at the start, as the promotion report will say, that step scaling will not follow a promotion', () => {
    // Act
    const d = start({ minCapacity: 2, maxCapacity: 6, policies: [cpu('v1'), stepOut] });

    // Assess
    const notes = ofType(d.actions, 'notify');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.notification).toMatchObject({
      severity: 'warning',
      subject: '[Shepherd] churn: canary on churn-prod: v1 step scaling will not follow a promotion',
    });
    expect(notes[0]!.notification.message).toMatch(
      /Autoscaling\s+step scaling burst-out \(alarms churn-prod-v1-burst\) not carried to v2: its alarms watch v1/,
    );
    expect(ofType(d.actions, 'updateEndpoint')).toHaveLength(1);
  });

  it('says nothing at the start of a canary whose baseline scales by target tracking alone', () => {
    // Act
    const d = start({ minCapacity: 2, maxCapacity: 6, policies: [cpu('v1')] });

    // Assess
    expect(ofType(d.actions, 'notify')).toEqual([]);
  });
});
