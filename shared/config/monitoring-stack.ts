// The least privilege of drift monitoring: the reconciler keeps each monitored endpoint's job definition, schedule
// and drift alarm; the drift alarm's function reads the last execution's report. Names are Shepherd's own.
import { monitoredAlarmName } from '../domain/monitoring/alarm-name';
import { baseliningJobsStart } from '../domain/monitoring/baseline';
import { jobDefinitionsStart, scheduleName } from '../domain/monitoring/requests';
import type { Config } from './schema';
import { alarmArn, type Json, sagemakerArn, statement, sub } from './stack-parts';

const monitoredLines = (c: Config) =>
  c.models.flatMap((m) =>
    m.monitoring && m.deployment ? [{ ...m, monitoring: m.monitoring, deployment: m.deployment }] : [],
  );

/** s3://bucket/prefix → the ARN of every object under it. */
const objectsUnder = (uri: string) =>
  sub(`arn:\${AWS::Partition}:s3:::${uri.slice('s3://'.length).replace(/\/*$/, '')}/*`);

/** The drift alarm Shepherd keeps on each monitored endpoint. */
export const monitoredAlarmNames = (c: Config): string[] =>
  monitoredLines(c).map((m) => monitoredAlarmName(m.deployment.endpointName));

export function monitoringStatements(c: Config): { reconcile: Json[]; describeDrift: Json[] } {
  const lines = monitoredLines(c);
  if (!lines.length) return { reconcile: [], describeDrift: [] };
  // Named as Shepherd names them: lower-cased, and a long endpoint's name cut (shared/domain/names.ts).
  const endpoints = lines.map((m) => m.deployment.endpointName);
  const schedules = endpoints.map((e) => sagemakerArn(`monitoring-schedule/${scheduleName(e)}`));
  const roles = [...new Set(lines.map((m) => m.monitoring.roleArn))];
  const alarms = lines.map((m) => alarmArn(monitoredAlarmName(m.deployment.endpointName)));
  const suggesting = lines.filter((m) => 'fromTrainingData' in m.monitoring.baseline);
  const baselining = suggesting.map((m) =>
    sagemakerArn(`processing-job/${baseliningJobsStart(m.deployment.endpointName)}*`),
  );
  return {
    reconcile: [
      statement(
        ['sagemaker:CreateDataQualityJobDefinition', 'sagemaker:DescribeDataQualityJobDefinition', 'sagemaker:AddTags'],
        endpoints.map((e) => sagemakerArn(`data-quality-job-definition/${jobDefinitionsStart(e)}*`)),
      ),
      statement(
        [
          'sagemaker:CreateMonitoringSchedule',
          'sagemaker:DescribeMonitoringSchedule',
          'sagemaker:UpdateMonitoringSchedule',
          'sagemaker:DeleteMonitoringSchedule',
          'sagemaker:AddTags',
        ],
        schedules,
      ),
      // The job definition names the role Model Monitor's jobs run as: only these roles, only to SageMaker.
      statement(['iam:PassRole'], roles, {
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
      statement(['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms'], alarms),
      // Baselining jobs of lines whose baseline is suggested from training data: named after the endpoint.
      ...(baselining.length
        ? [
            statement(
              ['sagemaker:CreateProcessingJob', 'sagemaker:DescribeProcessingJob', 'sagemaker:AddTags'],
              baselining,
            ),
          ]
        : []),
      // ListMetrics supports no resource-level permissions.
      statement(['cloudwatch:ListMetrics'], ['*']),
    ],
    describeDrift: [
      // The execution an alarm change refers to; ListMonitoringExecutions takes no resource (docs/aws-iam.md).
      statement(['sagemaker:ListMonitoringExecutions'], ['*']),
      // Executions run as processing jobs named by SageMaker: their names cannot be known in advance.
      statement(['sagemaker:DescribeProcessingJob'], [sagemakerArn('processing-job/*')]),
      statement(['s3:GetObject'], [...new Set(lines.map((m) => m.monitoring.outputS3Uri))].map(objectsUnder)),
    ],
  };
}
