// The least privilege of deployments: canaries on the configured endpoints, with their autoscaling and abort
// alarms, and Neo builds for edge targets.
import { compilationJobsStart } from '../domain/edge/requests';
import { configNameStart, modelNameStart } from '../domain/names';
import { abortAlarmNames, deployedLines } from './lines';
import type { Config } from './schema';
import { alarmsRead, lower, sagemakerArn, statement, sub } from './stack-parts';

/** Deployments touch only the configured endpoints and the models and configs Shepherd names after their line. */
export function deployStatements(c: Config) {
  const lines = deployedLines(c);
  const endpoints = lines.map((m) => lower(m.deployment!.endpointName));
  const execRoles = [...new Set(lines.map((m) => m.deployment!.executionRoleArn))];
  const edgeLines = c.models.filter((m) => m.edgeTargets.length);
  const edgeRoles = [...new Set(edgeLines.flatMap((m) => m.edgeTargets.map((t) => t.roleArn)))];
  const passTo = (roles: string[]) =>
    roles.length
      ? [
          statement(['iam:PassRole'], roles, {
            Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
          }),
        ]
      : [];
  const resources = [
    ...endpoints.map((e) => sagemakerArn(`endpoint/${e}`)),
    // Named as Shepherd names them: lower-cased, and a long name cut (shared/domain/names.ts).
    ...lines.map((m) => sagemakerArn(`endpoint-config/${configNameStart(m.deployment!.endpointName)}*`)),
    ...lines.map((m) => sagemakerArn(`model/${modelNameStart(m.name)}*`)),
  ];
  // Only the packages of lines that deploy (a rollback rejects its candidate) or build for the edge: no deployment or
  // build reads or decides another line's (the approval link and the CLI decide any line's, on their own grants).
  const packagesOf = (ls: Config['models']) =>
    [...new Set(ls.map((m) => lower(m.modelPackageGroup)))].map((g) => sagemakerArn(`model-package/${g}/*`));
  const packages = packagesOf(lines);
  if (!lines.length && !edgeLines.length)
    return { approved: [], start: [], advance: [], judge: [], alarms: [], edge: [] };
  const abortAlarms = abortAlarmNames(c);
  return {
    // An approved package is read before it is deployed: on its event, or when the watcher makes up for a lost one.
    approved: lines.length ? [statement(['sagemaker:DescribeModelPackage'], packages)] : [],
    start: lines.length
      ? [
          statement(
            [
              'sagemaker:DescribeEndpoint',
              'sagemaker:DescribeEndpointConfig',
              'sagemaker:CreateModel',
              'sagemaker:CreateEndpointConfig',
              'sagemaker:CreateEndpoint',
              'sagemaker:UpdateEndpoint',
              'sagemaker:AddTags',
            ],
            resources,
          ),
          ...passTo(execRoles),
          statement(
            ['application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingPolicies'],
            ['*'],
          ),
        ]
      : [],
    advance: lines.length
      ? [
          statement(
            ['sagemaker:UpdateEndpointWeightsAndCapacities', 'sagemaker:DeleteEndpointConfig', 'sagemaker:DeleteModel'],
            resources,
          ),
          statement(['sagemaker:UpdateModelPackage'], packages),
          // Scalable targets have generated ARNs: the actions cannot be scoped by resource.
          statement(
            [
              'application-autoscaling:RegisterScalableTarget',
              'application-autoscaling:DeregisterScalableTarget',
              'application-autoscaling:PutScalingPolicy',
            ],
            ['*'],
          ),
          // Target-tracking policies describe, create and delete their own alarms in the caller's name (Application
          // Auto Scaling User Guide, permissions for SageMaker endpoints).
          statement(
            ['cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms'],
            lines.map((m) =>
              sub(
                `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:` +
                  `TargetTracking-endpoint/${m.deployment!.endpointName}/*`,
              ),
            ),
          ),
        ]
      : [],
    // GetMetricData supports no resource-level permissions.
    judge: lines.length ? [statement(['cloudwatch:GetMetricData'], ['*'])] : [],
    // Shepherd reads only the abort alarms, by name.
    alarms: alarmsRead(abortAlarms, c.compositeAlarms),
    edge: edgeLines.length
      ? [
          statement(['sagemaker:DescribeModelPackage'], packagesOf(edgeLines)),
          statement(
            // Stop: the jobs of a package rejected while they run (shared/domain/edge/withdrawn.ts).
            [
              'sagemaker:CreateCompilationJob',
              'sagemaker:DescribeCompilationJob',
              'sagemaker:StopCompilationJob',
              'sagemaker:AddTags',
            ],
            // Named as the jobs are: a long line's name cut, dashes squeezed (shared/domain/edge/requests.ts).
            edgeLines.map((m) => sagemakerArn(`compilation-job/${compilationJobsStart(m.name)}*`)),
          ),
          ...passTo(edgeRoles),
        ]
      : [],
  };
}
