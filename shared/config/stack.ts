// What serverless.yml derives from shepherd.yml, put together: each function's event rules and schedules (rules.ts),
// least-privilege IAM (iam.ts) and errors alarm, and with them the function blocks (functions.ts).
import { FUNCTIONS, functionBlocks } from './functions';
import { iamStatements } from './iam';
import { eventRules } from './rules';
import type { Config } from './schema';

/** One errors alarm per function, to the notifications topic. */
export function functionAlarms() {
  return Object.fromEntries(
    FUNCTIONS.map((fn) => {
      const logical = `${fn[0]!.toUpperCase()}${fn.slice(1)}LambdaFunction`;
      return [
        `${logical}ErrorsAlarm`,
        {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmDescription: `Shepherd ${fn} failed: its events are retried, then land in the dead-letter queue`,
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: logical } }],
            Statistic: 'Sum',
            Period: 300,
            EvaluationPeriods: 1,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
            AlarmActions: [{ Ref: 'NotificationsTopic' }],
          },
        },
      ];
    }),
  );
}

export function serverlessVariables(c: Config) {
  const [events, iam] = [eventRules(c), iamStatements(c)];
  return { events, iam, alarms: functionAlarms(), functions: functionBlocks(events, iam) };
}
