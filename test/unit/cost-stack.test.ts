import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../shared/config/load';
import { iamStatements } from '../../shared/config/iam';
import { eventRules } from '../../shared/config/rules';

const ROOT = join(__dirname, '..', '..');
const example = readFileSync(join(ROOT, 'shepherd.yml'), 'utf8');
const enforced = readFileSync(join(ROOT, 'test', 'e2e', 'fixtures', 'cost-enforced-shepherd.yml'), 'utf8');
const withoutSweep = example.slice(0, example.indexOf('\n# Account-wide cost sweep'));

type Statement = { Action: string[]; Resource: unknown[]; Condition?: Record<string, unknown> };
const granting = (statements: unknown[], action: string) =>
  (statements as Statement[]).filter((s) => s.Action.includes(action));

describe('the costSweep section', () => {
  it('schedules no sweep and grants the function nothing of SageMaker when shepherd.yml has none', () => {
    // Act
    const config = parseConfig(withoutSweep);

    // Assess
    expect(eventRules(config).costSweep).toEqual([]);
    expect(
      iamStatements(config)
        .costSweep.flatMap((s) => s.Action)
        .filter((a) => a.startsWith('sagemaker:')),
    ).toEqual([]);
  });

  it('lets a report-only sweep read, and neither delete nor stop anything', () => {
    // Act
    const statements = iamStatements(parseConfig(example)).costSweep;

    // Assess
    expect(granting(statements, 'sagemaker:Search')).toHaveLength(1);
    const acting = statements.flatMap((s) => s.Action).filter((a) => /sagemaker:(Delete|Stop|Create)/.test(a));
    expect(acting).toEqual([]);
  });

  it('lets a sweep read Studio spaces and user profiles, whose settings decide an app’s idle shutdown', () => {
    // Act
    const statements = iamStatements(parseConfig(example)).costSweep;

    // Assess
    const resources = (action: string) => granting(statements, action).flatMap((s) => s.Resource);
    expect(JSON.stringify(resources('sagemaker:DescribeSpace'))).toMatch(/:space\/\*"}\]$/);
    expect(JSON.stringify(resources('sagemaker:DescribeUserProfile'))).toMatch(/:user-profile\/\*"}\]$/);
  });

  it('lets an enforcing sweep delete or stop only what is tagged for it and not protected', () => {
    // Act
    const statements = iamStatements(parseConfig(enforced)).costSweep;

    // Assess
    const acting = (statements as Statement[]).filter((s) => s.Action.some((a) => /sagemaker:(Delete|Stop)/.test(a)));
    expect(acting.flatMap((s) => s.Action).sort()).toEqual([
      'sagemaker:DeleteEndpoint',
      'sagemaker:DeleteEndpointConfig',
      'sagemaker:DeleteModel',
      'sagemaker:StopNotebookInstance',
    ]);
    for (const s of acting)
      expect(s.Condition).toEqual({
        StringEquals: {
          'aws:ResourceTag/shepherd:cost-action': s.Action.includes('sagemaker:StopNotebookInstance')
            ? 'stop'
            : 'delete',
        },
        Null: { 'aws:ResourceTag/shepherd:protect': 'true' },
      });
    expect(granting(statements, 'sagemaker:CreateEndpoint')).toEqual([]);
  });

  it('lets an enforcing sweep delete an endpoint that autoscales: its scaling goes in the sweep’s name', () => {
    // Prepare
    // Deleting an endpoint deregisters its variants' scalable targets, and with them their policies' alarms, in the
    // caller's name; without DeregisterScalableTarget the deletion is refused (Developer Guide, "Delete endpoints
    // configured for auto scaling").
    const alarms = {
      'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:TargetTracking-endpoint/*`,
    };

    // Act
    const enforcing = iamStatements(parseConfig(enforced)).costSweep;
    const reporting = iamStatements(parseConfig(example)).costSweep;

    // Assess
    expect(granting(enforcing, 'application-autoscaling:DeregisterScalableTarget')).toEqual([
      expect.objectContaining({ Resource: ['*'] }),
    ]);
    for (const action of ['cloudwatch:DescribeAlarms', 'cloudwatch:DeleteAlarms'])
      expect(granting(enforcing, action)).toEqual([expect.objectContaining({ Resource: [alarms] })]);
    expect(granting(enforcing, 'cloudwatch:PutMetricAlarm')).toEqual([]);
    expect(granting(reporting, 'application-autoscaling:DeregisterScalableTarget')).toEqual([]);
  });

  it('lets the opt-in recommender pass only its own role, only to SageMaker, and start only its own jobs', () => {
    // Prepare
    const role = 'arn:aws:iam::123456789012:role/shepherd-recommender';
    const withRecommender = example
      .replace('  concurrency: 4\n', '')
      .replace('  notebookHours: 12\n', `  notebookHours: 12\n  inferenceRecommender: { roleArn: ${role} }\n`);

    // Act
    const statements = iamStatements(parseConfig(withRecommender)).costSweep as Statement[];

    // Assess
    expect(granting(statements, 'iam:PassRole')).toEqual([
      expect.objectContaining({
        Resource: [role],
        Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    ]);
    expect(JSON.stringify(granting(statements, 'sagemaker:CreateInferenceRecommendationsJob')[0]!.Resource)).toContain(
      ':inference-recommendations-job/shepherd-rec-*',
    );
    expect(granting(iamStatements(parseConfig(example)).costSweep, 'iam:PassRole')).toEqual([]);
  });

  it('refuses a bad section with every problem by path, and a zero price', () => {
    // Prepare
    const bad = example
      .replace('idleDays: 7', 'idleDays: 400')
      .replace('maxActionsPerRun: 5', 'maxActionsPerRun: -1')
      .replace('ml.t3.medium: 0.05', 'ml.t3.medium: 0')
      .replace('schedule: cron(0 1 * * ? *)', 'schedule: every night');

    // Act
    const parse = () => parseConfig(bad);

    // Assess
    expect(parse).toThrow(ConfigError);
    const problems = (() => {
      try {
        parse();
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      'costSweep.schedule: must be rate(N unit) or cron(6 fields)',
      'costSweep.idleDays: at most 63 (CloudWatch keeps 5-minute data that long)',
      'costSweep.enforcement.maxActionsPerRun: Too small: expected number to be >=0',
      'costSweep.prices.notebook.us-east-1.ml.t3.medium: is USD per instance-hour: more than 0 ' +
        '(an unknown price is left out, never 0)',
    ]);
  });
});
