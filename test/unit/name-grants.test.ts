// The permissions of trainings, deployments, monitoring and the cost sweep: every training job, model, endpoint
// config, schedule, job definition and baselining job Shepherd names for a line is one the functions granted that
// action may act on, and a training job Shepherd does not name for a job line is not.
import { iamStatements } from '../../shared/config/iam';
import type { Config } from '../../shared/config/schema';
import { deploymentId } from '../../shared/domain/deployment/requests';
import { baselineOf, baseliningJobName } from '../../shared/domain/monitoring/baseline';
import { jobDefinitionRequest, scheduleName } from '../../shared/domain/monitoring/requests';
import { configName, modelName, trainingJobName, trainingRunName, tuningRunName } from '../../shared/domain/names';
import { exampleConfig } from '../helpers/config';
import { pkg } from '../helpers/deployment';
import { allowed, grants, sagemakerResource } from '../helpers/iam';

const SUGGESTED = { channel: 'train', format: 'csv' as const, header: false };

/** The example config, its churn line and endpoint renamed, its baseline suggested from its training data. */
function renamed(name: string, endpointName: string): Config {
  const config = exampleConfig();
  const models = config.models.map((m) =>
    m.name === 'churn' && m.deployment && m.monitoring
      ? {
          ...m,
          name,
          deployment: { ...m.deployment, endpointName },
          monitoring: { ...m.monitoring, baseline: { fromTrainingData: SUGGESTED } },
        }
      : m,
  );
  return { ...config, costSweep: config.costSweep ?? { enforce: true }, models } as Config;
}

const NAMES = [
  ['short names', 'churn', 'churn-prod'],
  ['upper-case names', 'Churn-Model', 'Churn-Prod'],
  ['the longest names the config allows', `churn-${'x'.repeat(57)}`, `churn-prod-${'y'.repeat(52)}`],
  ['long names', 'customer-churn-propensity-model-for-retail-banking', 'customer-churn-propensity-endpoint-eu-west'],
];

describe('the permissions on what Shepherd names after a line and its endpoint', () => {
  it.each(NAMES)('cover every name it gives, with %s', (_, name, endpoint) => {
    // Prepare
    const config = renamed(name, endpoint);
    const line = config.models.find((m) => m.name === name)!;
    const statements = Object.entries(iamStatements(config));
    const packages = [pkg(2), pkg(12345)];
    const ids = packages.map((p) => deploymentId(endpoint, p.arn));

    // Act: the names Shepherd gives, by the resource type IAM knows them as
    const named: [string, string[], string[]][] = [
      ['model', packages.map((p) => modelName(name, p)), ['sagemaker:CreateModel', 'sagemaker:DeleteModel']],
      [
        'endpoint-config',
        ids.flatMap((id) => [configName(endpoint, id, 'canary'), configName(endpoint, id, 'final')]),
        ['sagemaker:CreateEndpointConfig', 'sagemaker:DeleteEndpointConfig'],
      ],
      ['monitoring-schedule', [scheduleName(endpoint)], ['sagemaker:CreateMonitoringSchedule']],
      [
        'data-quality-job-definition',
        [jobDefinitionRequest(name, endpoint, line.monitoring!, baselineOf(line.monitoring!, 'job')).JobDefinitionName],
        ['sagemaker:CreateDataQualityJobDefinition'],
      ],
      ['processing-job', packages.map((p) => baseliningJobName(endpoint, p.arn)), ['sagemaker:CreateProcessingJob']],
    ];

    // Assess: each function granted the action at all is granted it on every such name
    const denied = named.flatMap(([type, names, actions]) =>
      actions.flatMap((action) =>
        statements
          .filter(([, s]) => grants(s, action))
          .flatMap(([fn, s]) =>
            names.filter((n) => !allowed(s, action, sagemakerResource(type, n))).map((n) => `${fn} ${action} ${n}`),
          ),
      ),
    );
    expect(denied).toEqual([]);
  });
});

const TRAINING_ACTIONS = ['sagemaker:CreateTrainingJob', 'sagemaker:AddTags'];

/** `<function> <action> <job>` for each training job name these statements let (or keep) a function create. */
const creations = (config: Config, jobs: string[], allowedOrNot: boolean) =>
  Object.entries(iamStatements(config)).flatMap(([fn, statements]) =>
    grants(statements, 'sagemaker:CreateTrainingJob')
      ? TRAINING_ACTIONS.flatMap((action) =>
          jobs
            .filter((job) => allowed(statements, action, sagemakerResource('training-job', job)) === allowedOrNot)
            .map((job) => `${fn} ${action} ${job}`),
        )
      : [],
  );

describe('the permissions to create training jobs', () => {
  it.each(NAMES)('cover every run of a job line and its spot retries, with %s', (_, name, endpoint) => {
    // Prepare
    const config = renamed(name, endpoint);
    const runs = [
      trainingRunName(name, 'object-created-1', '2026-11-27T01:05:42.000Z'),
      trainingRunName(name, 'drift-alarm-2', '2026-12-31T23:59:00.000Z'),
    ];

    // Act: the first attempt, and retries up to the most the config allows (maxSpotRetries ≤ 10)
    const denied = creations(
      config,
      runs.flatMap((run) => [0, 1, 10].map((attempt) => trainingJobName(run, attempt))),
      false,
    );

    // Assess
    expect(denied).toEqual([]);
  });

  it.each(NAMES)('cover no training job of another line or of no line, with %s', (_, name, endpoint) => {
    // Prepare: the pipeline line's and the tuning line's names (SageMaker, not Shepherd, makes a tuning job's
    // children), and a job of the account's that Shepherd did not name
    const config = renamed(name, endpoint);
    const others = [
      trainingRunName('fraud', 'object-created-1', '2026-11-27T01:05:42.000Z'),
      trainingRunName('upsell', 'object-created-1', '2026-11-27T01:05:42.000Z'),
      'someone-elses-training-job',
    ];

    // Act
    const granted = creations(config, others, true);

    // Assess
    expect(granted).toEqual([]);
  });
});

describe('the permissions to describe training jobs', () => {
  it.each(NAMES)('cover the runs of the lines each function completes, and no other job, with %s', (_, name) => {
    // Prepare: SageMaker names a tuning job's children `<tuning job>-<3 digits>-<8 hex>`
    const config = renamed(name, 'churn-prod');
    const run = trainingRunName(name, 'object-created-1', '2026-11-27T01:05:42.000Z');
    const tuning = tuningRunName('upsell', 'drift-alarm-2', '2026-11-27T01:05:42.000Z');
    const jobRuns = [trainingJobName(run, 0), trainingJobName(run, 10)];
    const children = [`${tuning}-003-39091176`];
    const foreign = [trainingRunName('fraud', 'object-created-1', '2026-11-27T01:05:42.000Z'), 'someone-elses-job'];
    // trainingStateChanged completes job lines' runs, tuningStateChanged tuning lines', the reconciler both.
    const OURS: Record<string, string[]> = {
      reconcile: [...jobRuns, ...children],
      trainingStateChanged: jobRuns,
      tuningStateChanged: children,
    };
    const everyRun = [...jobRuns, ...children];
    // The cost sweep reads every training job of the account, Shepherd's or not, for its report.
    const describers = Object.entries(iamStatements(config)).filter(
      ([fn, statements]) => fn !== 'costSweep' && grants(statements, 'sagemaker:DescribeTrainingJob'),
    );
    const describable = (statements: unknown[], job: string) =>
      allowed(statements, 'sagemaker:DescribeTrainingJob', sagemakerResource('training-job', job));

    // Act
    const denied = describers.flatMap(([fn, s]) =>
      (OURS[fn] ?? []).filter((job) => !describable(s, job)).map((j) => `${fn} ${j}`),
    );
    const granted = describers.flatMap(([fn, s]) =>
      [...foreign, ...everyRun.filter((job) => !OURS[fn]?.includes(job))]
        .filter((job) => describable(s, job))
        .map((j) => `${fn} ${j}`),
    );

    // Assess
    expect(describers.map(([fn]) => fn).sort()).toEqual(Object.keys(OURS).sort());
    expect(denied).toEqual([]);
    expect(granted).toEqual([]);
  });
});
