// What serverless.yml derives from shepherd.yml: event rules, schedules and least-privilege IAM per function,
// and with them the function blocks (shared/config/functions.ts).
import { driftAlarmsOf } from '../domain/monitoring/alarm-name';
import { monitoredAlarmNames } from './monitoring-stack';
import { FUNCTIONS, functionBlocks } from './functions';
import { tuningNameHead } from '../domain/names';
import { monitoringStatements } from './monitoring-stack';
import type { Config, ModelLine } from './schema';

type Json = Record<string, unknown>;
const sub = (arn: string) => ({ 'Fn::Sub': arn });
const sagemakerArn = (resource: string) =>
  sub(`arn:\${AWS::Partition}:sagemaker:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
const alarmArn = (name: string) =>
  sub(`arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`);
// SageMaker spells names in ARNs in lower case; IAM compares ARNs case-sensitively.
const lower = (s: string) => s.toLowerCase();

const DLQ_ARN = { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] };
// EventBridge's own delivery to the function: retried for an hour, then the same DLQ.
const targetDelivery = {
  deadLetterQueueArn: DLQ_ARN,
  retryPolicy: { maximumEventAge: 3600, maximumRetryAttempts: 10 },
};

const jobLines = (c: Config) =>
  c.models.filter((m): m is ModelLine & { training: { type: 'job' } } => m.training.type === 'job');
const tuningLines = (c: Config) =>
  c.models.filter((m): m is ModelLine & { training: { type: 'tuning' } } => m.training.type === 'tuning');
/** Lines whose training jobs Shepherd's requests create: its own jobs, and the children of its tuning jobs. */
const trainedLines = (c: Config) => [...jobLines(c), ...tuningLines(c)];
// Every tuning job of a line is named `<head>-<suffix>` (shared/domain/names.ts).
const tuningPrefixes = (c: Config) => tuningLines(c).map((m) => `${tuningNameHead(m.name)}-`);
const pipelineLines = (c: Config) =>
  c.models.filter(
    (m): m is ModelLine & { training: { type: 'pipeline'; pipelineName: string } } => m.training.type === 'pipeline',
  );

const deployedLines = (c: Config) => c.models.filter((m) => m.deployment);

/** Every line's abort alarms, once each: one alarm may guard several endpoints. */
const abortAlarmNames = (c: Config) => [...new Set(c.models.flatMap((m) => m.deployment?.abortAlarms ?? []))];
const alarmPattern = (names: string[]) => ({
  source: ['aws.cloudwatch'],
  'detail-type': ['CloudWatch Alarm State Change'],
  detail: { alarmName: names, state: { value: ['ALARM'] } },
});

export function eventRules(c: Config) {
  const dataArrived = c.models.flatMap((m) =>
    m.triggers.data.map((d) => ({
      eventBridge: {
        pattern: {
          source: ['aws.s3'],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [d.bucket] }, object: { key: [{ prefix: d.prefix }] } },
        },
        ...targetDelivery,
      },
    })),
  );
  // The alarms a line names, and the one Shepherd keeps on a monitored endpoint (shared/domain/monitoring).
  const alarms = c.models.flatMap(driftAlarmsOf);
  const driftAlarm = alarms.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.cloudwatch'],
              'detail-type': ['CloudWatch Alarm State Change'],
              detail: { alarmName: alarms, state: { value: ['ALARM'] } },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const retrainSchedule = c.models.flatMap((m) =>
    m.triggers.schedule
      ? [
          {
            // An eventBridge schedule (not `schedule:`) so the target gets the DLQ and retry policy too.
            eventBridge: {
              schedule: m.triggers.schedule,
              // The scheduled event's id and time survive the transformer: they make the trigger idempotent.
              inputTransformer: {
                inputPathsMap: { id: '$.id', time: '$.time' },
                inputTemplate: `{"model":${JSON.stringify(m.name)},"id":<id>,"time":<time>}`,
              },
              ...targetDelivery,
            },
          },
        ]
      : [],
  );
  const trainingStateChanged = trainedLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Training Job State Change'],
              // Tuning lines too: their children's events are counted and ignored.
              detail: { Tags: { 'shepherd:model': trainedLines(c).map((m) => m.name) } },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const tuningStateChanged = tuningLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker HyperParameter Tuning Job State Change'],
              detail: { HyperParameterTuningJobName: tuningPrefixes(c).map((prefix) => ({ prefix })) },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const pipelineStateChanged = pipelineLines(c).length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Model Building Pipeline Execution Status Change'],
              detail: {
                pipelineArn: pipelineLines(c).map((m) => ({
                  suffix: { 'equals-ignore-case': `:pipeline/${m.training.pipelineName}` },
                })),
              },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const deployed = c.models.filter((m) => m.deployment || m.edgeTargets.length);
  const modelPackageStateChanged = deployed.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Model Package State Change'],
              // Registration (PendingManualApproval) and edits of pending packages need no action.
              detail: {
                ModelPackageGroupName: deployed.map((m) => m.modelPackageGroup),
                ModelApprovalStatus: ['Approved', 'Rejected'],
              },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const endpoints = c.models.flatMap((m) => (m.deployment ? [m.deployment.endpointName] : []));
  const endpointStateChanged = endpoints.length
    ? [
        {
          eventBridge: {
            pattern: {
              source: ['aws.sagemaker'],
              'detail-type': ['SageMaker Endpoint State Change'],
              detail: { EndpointName: endpoints },
            },
            ...targetDelivery,
          },
        },
      ]
    : [];
  // The alarms Shepherd keeps on monitored endpoints also go to describeDrift, which reads why they went off.
  const keptAlarms = monitoredAlarmNames(c);
  // And so does the reconciler's request for a change whose event was lost, on Shepherd's own bus.
  const describeDrift = keptAlarms.length
    ? [
        { eventBridge: { pattern: alarmPattern(keptAlarms), ...targetDelivery } },
        {
          eventBridge: {
            eventBus: { Ref: 'ShepherdBus' },
            pattern: { source: ['shepherd'], 'detail-type': ['Drift Description Requested'] },
            ...targetDelivery,
          },
        },
      ]
    : [];
  const abortAlarms = abortAlarmNames(c);
  const abortAlarmRaised = abortAlarms.length
    ? [{ eventBridge: { pattern: alarmPattern(abortAlarms), ...targetDelivery } }]
    : [];
  const everyMinute = [
    {
      eventBridge: {
        schedule: 'rate(1 minute)',
        deadLetterQueueArn: DLQ_ARN,
        // A tick older than a minute is superseded by the next one.
        retryPolicy: { maximumEventAge: 60, maximumRetryAttempts: 0 },
      },
    },
  ];
  // Account-wide, and only when shepherd.yml has a costSweep section.
  const costSweep = c.costSweep ? [{ eventBridge: { schedule: c.costSweep.schedule, ...targetDelivery } }] : [];
  return {
    dataArrived,
    driftAlarm,
    describeDrift,
    retrainSchedule,
    trainingStateChanged,
    tuningStateChanged,
    pipelineStateChanged,
    modelPackageStateChanged,
    endpointStateChanged,
    abortAlarmRaised,
    reconcile: everyMinute,
    countLostUploads: c.models.some((m) => m.triggers.data.length) ? everyMinute : [],
    watchDeployments: deployedLines(c).length ? everyMinute : [],
    costSweep,
    // Reached through its Function URL only.
    approvalLink: [],
    // Shepherd's own hand-over of a notification whose links it signs (shared/aws/sns.ts, forwardLinks).
    sendApprovalLinks: [
      {
        eventBridge: {
          eventBus: { Ref: 'ShepherdBus' },
          pattern: { source: ['shepherd'], 'detail-type': ['Approval Links Requested'] },
          ...targetDelivery,
        },
      },
    ],
  };
}

const statement = (Action: string[], Resource: unknown[], extra: Json = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

/** The reconciler reads the drift alarms' states back (DescribeAlarms, scoped to their ARNs) for a lost change. */
function driftReadBackStatements(c: Config): Json[] {
  const alarms = [...new Set(c.models.flatMap(driftAlarmsOf))];
  return alarms.length ? [statement(['cloudwatch:DescribeAlarms'], alarms.map(alarmArn))] : [];
}

/**
 * countLostUploads lists each data source (ListObjectsV2 is s3:ListBucket on the bucket; `s3:prefix` holds it to
 * the configured prefixes, exactly as the listing asks for them).
 */
function listingStatements(c: Config): Json[] {
  const prefixes = new Map<string, Set<string>>();
  for (const t of c.models.flatMap((m) => m.triggers.data)) {
    prefixes.set(t.bucket, (prefixes.get(t.bucket) ?? new Set()).add(t.prefix));
  }
  return [...prefixes].map(([bucket, bucketPrefixes]) =>
    statement(['s3:ListBucket'], [sub(`arn:\${AWS::Partition}:s3:::${bucket}`)], {
      Condition: { StringEquals: { 's3:prefix': [...bucketPrefixes] } },
    }),
  );
}

export function iamStatements(c: Config) {
  const table = [{ 'Fn::GetAtt': ['StateTable', 'Arn'] }];
  const base = [
    // Query: a retraining decision reads its line's data-window counters (shared/state/data-windows.ts).
    statement(
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      table,
    ),
    statement(['sqs:SendMessage'], [DLQ_ARN]),
    statement(['events:PutEvents'], [{ 'Fn::GetAtt': ['ShepherdBus', 'Arn'] }]),
    statement(['sns:Publish'], [{ Ref: 'NotificationsTopic' }, { Ref: 'ChatTopic' }]),
    statement(['kms:GenerateDataKey', 'kms:Decrypt'], [{ 'Fn::GetAtt': ['NotificationsKey', 'Arn'] }]),
  ];
  const readSigningKey = statement(['secretsmanager:GetSecretValue'], [{ Ref: 'ApprovalKeySecret' }]);
  const roles = [...new Set(trainedLines(c).map((m) => m.training.roleArn))];
  const tuningJobs = tuningPrefixes(c).map((prefix) => sagemakerArn(`hyper-parameter-tuning-job/${lower(prefix)}*`));
  const pipelines = pipelineLines(c).map((m) => lower(m.training.pipelineName));
  const groups = [...new Set(c.models.map((m) => lower(m.modelPackageGroup)))];
  // Only the configured training roles, and only to SageMaker.
  const passTraining = roles.length
    ? [
        statement(['iam:PassRole'], roles, {
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
      ]
    : [];
  const createTuning = tuningJobs.length
    ? [statement(['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:AddTags'], tuningJobs)]
    : [];
  const start = [
    ...(jobLines(c).length
      ? [statement(['sagemaker:CreateTrainingJob', 'sagemaker:AddTags'], [sagemakerArn('training-job/*')])]
      : []),
    ...passTraining,
    ...createTuning,
    ...(pipelines.length
      ? [
          statement(
            ['sagemaker:StartPipelineExecution'],
            pipelines.map((p) => sagemakerArn(`pipeline/${p}`)),
          ),
        ]
      : []),
  ];
  const complete = [
    // A tuning job's best child is described for its model and final metrics.
    ...(roles.length ? [statement(['sagemaker:DescribeTrainingJob'], [sagemakerArn('training-job/*')])] : []),
    ...(tuningJobs.length ? [statement(['sagemaker:DescribeHyperParameterTuningJob'], tuningJobs)] : []),
    statement(
      ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage'],
      groups.flatMap((g) => [sagemakerArn(`model-package/${g}/*`), sagemakerArn(`model-package-group/${g}`)]),
    ),
    // ListModelPackages supports no resource-level permissions.
    statement(['sagemaker:ListModelPackages'], ['*']),
  ];
  const describePipelines = pipelines.length
    ? [
        statement(
          ['sagemaker:DescribePipelineExecution'],
          pipelines.map((p) => sagemakerArn(`pipeline/${p}/execution/*`)),
        ),
      ]
    : [];
  const deploy = deployStatements(c, groups);
  const monitor = monitoringStatements(c);
  return {
    dataArrived: [...base, ...start],
    driftAlarm: [...base, ...start],
    describeDrift: [...base, ...monitor.describeDrift],
    retrainSchedule: [...base, ...start],
    trainingStateChanged: [...base, ...start, ...complete],
    // A tuning run's own leftovers at most: its tuning job and its registration.
    tuningStateChanged: [...base, ...createTuning, ...passTraining, ...complete],
    pipelineStateChanged: [...base],
    // Reading the abort alarms: before a canary starts (the approval, or the end of the deployment before it).
    modelPackageStateChanged: [...base, ...deploy.start, ...deploy.alarms, ...deploy.edge],
    endpointStateChanged: [...base, ...deploy.start, ...deploy.advance, ...deploy.alarms],
    // Rolling back is a weights change; leftover outbox work of the endpoint may be any endpoint request.
    abortAlarmRaised: [...base, ...deploy.start, ...deploy.advance],
    costSweep: [...base, ...costSweepStatements(c)],
    reconcile: [
      ...base,
      ...start,
      ...complete,
      ...describePipelines,
      ...deploy.edge,
      ...monitor.reconcile,
      ...driftReadBackStatements(c),
    ],
    // The table (the windows' counters and the listing's cursors) and the data prefixes' listing.
    countLostUploads: [...base, ...listingStatements(c)],
    // Listing the groups' approved packages: an idle endpoint deploys one whose Approved event was lost.
    watchDeployments: [
      ...base,
      ...deploy.start,
      ...deploy.advance,
      ...deploy.judge,
      ...deploy.alarms,
      statement(['sagemaker:ListModelPackages'], ['*']),
    ],
    // The signing key is read by the two functions that sign or check links, and by no other.
    sendApprovalLinks: [...base, readSigningKey],
    // An approval link reads and decides packages of the configured groups, or promotes or aborts a deployment.
    approvalLink: [
      ...base,
      readSigningKey,
      statement(
        ['sagemaker:DescribeModelPackage', 'sagemaker:UpdateModelPackage'],
        groups.map((g) => sagemakerArn(`model-package/${g}/*`)),
      ),
      statement(['sagemaker:ListModelPackages'], ['*']),
      ...deploy.start,
      ...deploy.advance,
    ],
  };
}

/** Deployments touch only the configured endpoints and the models and configs Shepherd names after their line. */
function deployStatements(c: Config, groups: string[]) {
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
    ...endpoints.map((e) => sagemakerArn(`endpoint-config/${e}-*`)),
    ...lines.map((m) => sagemakerArn(`model/${lower(m.name)}-*`)),
  ];
  const packages = groups.map((g) => sagemakerArn(`model-package/${g}/*`));
  if (!lines.length && !edgeLines.length) return { start: [], advance: [], judge: [], alarms: [], edge: [] };
  const abortAlarms = abortAlarmNames(c);
  return {
    start: lines.length
      ? [
          statement(['sagemaker:DescribeModelPackage'], packages),
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
          // Target-tracking policies create and delete their own alarms, in the caller's name.
          statement(
            ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms'],
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
    // DescribeAlarms can be scoped to alarm ARNs; Shepherd reads only the abort alarms, by name.
    alarms: abortAlarms.length ? [statement(['cloudwatch:DescribeAlarms'], abortAlarms.map(alarmArn))] : [],
    edge: edgeLines.length
      ? [
          statement(['sagemaker:DescribeModelPackage'], packages),
          statement(
            ['sagemaker:CreateCompilationJob', 'sagemaker:DescribeCompilationJob', 'sagemaker:AddTags'],
            edgeLines.map((m) => sagemakerArn(`compilation-job/${lower(m.name)}-*`)),
          ),
          ...passTo(edgeRoles),
        ]
      : [],
  };
}

/**
 * The sweep reads the whole account (Search and the List actions support no resource-level permissions) and acts
 * only with enforcement on, and then, as IAM itself checks, only on resources tagged for it and not protected.
 * Restore runs from the CLI with the operator's credentials: the function can recreate nothing.
 */
function costSweepStatements(c: Config) {
  if (!c.costSweep) return [];
  const prefixes = [
    ...new Set(c.models.flatMap((m) => [lower(m.name), ...(m.deployment ? [lower(m.deployment.endpointName)] : [])])),
  ];
  const own = prefixes.flatMap((p) => [sagemakerArn(`endpoint-config/${p}-*`), sagemakerArn(`model/${p}-*`)]);
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
          statement(['sagemaker:StopNotebookInstance'], [sagemakerArn('notebook-instance/*')], optedIn('stop')),
          statement(['sagemaker:DeleteEndpointConfig', 'sagemaker:DeleteModel'], own, optedIn('delete')),
        ]
      : []),
  ];
}

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
