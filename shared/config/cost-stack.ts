// The least privilege of the account-wide cost sweep (README, Cost sweeps): none without a costSweep section.
import { shepherdPrefixes } from '../domain/cost/leftovers';
import type { Config } from './schema';
import { sagemakerArn, statement, sub } from './stack-parts';

/**
 * The sweep reads the whole account (Search and the List actions support no resource-level permissions) and acts
 * only with enforcement on, and then, as IAM itself checks, only on resources tagged for it and not protected.
 * Restore runs from the CLI with the operator's credentials: the function can recreate nothing.
 */
export function costSweepStatements(c: Config) {
  if (!c.costSweep) return [];
  // Where the sweep looks for Shepherd's own (shared/domain/cost/leftovers.ts).
  const own = shepherdPrefixes(c.models).flatMap((p) => [
    sagemakerArn(`endpoint-config/${p}*`),
    sagemakerArn(`model/${p}*`),
  ]);
  const optedIn = (action: string) => ({
    Condition: {
      StringEquals: { 'aws:ResourceTag/shepherd:cost-action': action },
      Null: { 'aws:ResourceTag/shepherd:protect': 'true' },
    },
  });
  return [
    statement(
      [
        'sagemaker:Search',
        'sagemaker:ListNotebookInstances',
        'sagemaker:ListApps',
        'sagemaker:ListTrainingJobs',
        'sagemaker:ListEndpointConfigs',
        'sagemaker:ListModels',
      ],
      ['*'],
    ),
    statement(['sagemaker:DescribeEndpointConfig'], [sagemakerArn('endpoint-config/*')]),
    statement(['sagemaker:DescribeDomain'], [sagemakerArn('domain/*')]),
    // A private space's apps follow its owner's idle shutdown (docs/cost-sweeps.md, "Notebooks, Studio apps").
    statement(['sagemaker:DescribeSpace'], [sagemakerArn('space/*')]),
    statement(['sagemaker:DescribeUserProfile'], [sagemakerArn('user-profile/*')]),
    statement(['sagemaker:DescribeTrainingJob'], [sagemakerArn('training-job/*')]),
    statement(['sagemaker:ListTags'], [...own, sagemakerArn('notebook-instance/*')]),
    // GetMetricData supports no resource-level permissions.
    statement(['cloudwatch:GetMetricData'], ['*']),
    ...(c.costSweep.inferenceRecommender
      ? [
          statement(['sagemaker:DescribeModel'], [sagemakerArn('model/*')]),
          statement(
            ['sagemaker:CreateInferenceRecommendationsJob', 'sagemaker:DescribeInferenceRecommendationsJob'],
            [sagemakerArn('inference-recommendations-job/shepherd-rec-*')],
          ),
          statement(['iam:PassRole'], [c.costSweep.inferenceRecommender.roleArn], {
            Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
          }),
        ]
      : []),
    ...(c.costSweep.enforcement.enabled
      ? [
          statement(['sagemaker:DeleteEndpoint'], [sagemakerArn('endpoint/*')], optedIn('delete')),
          // Deleting an endpoint deregisters its variants' scalable targets, with their policies and the policies'
          // alarms, in the caller's name: without this, an endpoint that autoscales cannot be deleted (Developer
          // Guide, "Delete endpoints configured for auto scaling"). Scalable targets have generated ARNs.
          statement(['application-autoscaling:DeregisterScalableTarget'], ['*']),
          statement(
            ['cloudwatch:DescribeAlarms', 'cloudwatch:DeleteAlarms'],
            [
              sub(
                `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:TargetTracking-endpoint/*`,
              ),
            ],
          ),
          statement(['sagemaker:StopNotebookInstance'], [sagemakerArn('notebook-instance/*')], optedIn('stop')),
          statement(['sagemaker:DeleteEndpointConfig', 'sagemaker:DeleteModel'], own, optedIn('delete')),
        ]
      : []),
  ];
}
