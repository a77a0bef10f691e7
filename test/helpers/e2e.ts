import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCloud, type Cloud } from '../../local/cloud';
import { runScenario, type RunOptions, type RunResult } from '../../local/run';
import { scenarioSchema } from '../../local/scenario';
import { loadScenario } from '../../local/scenario-file';
import { ROOT } from '../../local/template';
import { seededRandom } from '../../local/traffic/random';

/** A deterministic random source, so injected faults and jitter repeat run after run. */
export const seeded = seededRandom;

/** Plays the default scenario quietly and fast; the cloud is stopped before the result is returned. */
export function playDefault(opts: RunOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  return playScenario(join(ROOT, 'local', 'scenarios', 'default.yml'), opts);
}

/** A scenario of the e2e tests' own, in test/e2e/fixtures. */
export const fixture = (name: string) => join(ROOT, 'test', 'e2e', 'fixtures', name);

/** Plays a scenario file quietly and fast; the cloud is stopped before the result is returned. */
export async function playScenario(file: string, opts: RunOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const loaded = loadScenario(file);
  const scenario = opts.timeoutMs ? { ...loaded, timeout: opts.timeoutMs } : loaded;
  // The model lines the scenario names, as `npm start` plays them.
  const config = loaded.config ? { configFile: loaded.config } : {};
  const result = await runScenario(scenario, { autoApprove: true, print: false, speed: 1200, ...config, ...opts });
  await result.cloud.stop();
  // A failed run is only understood from its timeline: keep it beside the test output.
  if (!result.ok) {
    const file = join(tmpdir(), `shepherd-e2e-${process.pid}-${Date.now()}.log`);
    const lines = result.cloud.timeline.lines.map((l) => `${l.offset}  ${l.source.padEnd(11)} ${l.message}`);
    writeFileSync(
      file,
      [
        ...lines,
        '',
        ...failedChecks(result).map((c) => `FAILED ${c.what}: expected ${c.expected}, got ${c.actual}`),
        `ended at ${result.cloud.clock.offset()}`,
      ].join('\n'),
    );
    process.stderr.write(`timeline of the failed run: ${file}\n`);
  }
  return result;
}

export const failedChecks = (r: RunResult) => r.checks.filter((c) => !c.ok);

/** The Create* and Start* calls the local cloud received, by `service:Operation`. */
export const createCalls = (cloud: Cloud) =>
  Object.fromEntries([...cloud.calls].filter(([k]) => /:(Create|Start)/.test(k)).sort());

/**
 * What the default scenario creates when every event arrives once; duplicates, reordering and throttling change none
 * of it.
 */
export const DEFAULT_SCENARIO_CREATES = {
  'sagemaker:CreateCompilationJob': 6,
  // churn-prod's Model Monitor job definition and schedule, on its first promotion (kept in place afterwards).
  'sagemaker:CreateDataQualityJobDefinition': 1,
  'sagemaker:CreateEndpoint': 2,
  'sagemaker:CreateEndpointConfig': 5,
  'sagemaker:CreateHyperParameterTuningJob': 1,
  'sagemaker:CreateModel': 4,
  'sagemaker:CreateMonitoringSchedule': 1,
  'sagemaker:CreateModelPackage': 4,
  'sagemaker:CreateTrainingJob': 5,
  'sagemaker:StartPipelineExecution': 1,
};

/** A quiet local cloud for a hand-driven flow: the churn group exists, nothing else happens by itself. */
export async function quietCloud(extra: Partial<Record<string, unknown>> = {}, speed = 1200): Promise<Cloud> {
  const scenario = scenarioSchema.parse({
    name: 'hand-driven',
    setup: { modelPackageGroups: ['churn-models'], alarms: ['churn-prod-latency-p99'] },
    ...extra,
  });
  return startCloud({ scenario, print: false, speed });
}

/** churn-prod's traffic, where v2 serves a little better: its canary passes on evidence, not on a coin toss. */
export const betterSecondModel = () => [
  {
    endpoint: 'churn-prod',
    requestsPerMinute: 1000,
    default: { errorRate: 0.01, latencyMs: 40 },
    packages: { 'churn-models/2': { errorRate: 0.006, latencyMs: 37 } },
  },
];

/** churn-prod's nth UpdateEndpoint fails, and SageMaker rolls it back without a word. */
export const silentRollbackOf = (nth: number) => ({
  endpoint: 'churn-prod',
  operation: 'UpdateEndpoint',
  nth,
  outcome: 'RolledBack',
  failureReason: 'ping health check failed',
});

/** Registers a churn model as a training would and approves it as a human would; returns its ARN. */
export async function registerAndApprove(cloud: Cloud, auc: number): Promise<string> {
  const { ModelPackageArn } = (await cloud.sagemaker.handle('CreateModelPackage', {
    ModelPackageGroupName: 'churn-models',
    ModelApprovalStatus: 'PendingManualApproval',
    InferenceSpecification: {
      Containers: [
        {
          Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
          ModelDataUrl: `s3://shepherd-example-artifacts/churn/auc-${auc}/model.tar.gz`,
        },
      ],
      SupportedContentTypes: ['text/csv'],
      SupportedResponseMIMETypes: ['text/csv'],
    },
    CustomerMetadataProperties: { 'shepherd:metric:validation:auc': String(auc) },
  })) as { ModelPackageArn: string };
  await cloud.sagemaker.handle('UpdateModelPackage', { ModelPackageArn, ModelApprovalStatus: 'Approved' });
  return ModelPackageArn;
}

/** Waits (in virtual time) until `done` holds; fails with the timeline's tail when it does not. */
export async function waitFor(
  cloud: Cloud,
  what: string,
  done: () => boolean,
  virtualMs = 4 * 3_600_000,
): Promise<void> {
  const deadline = cloud.clock.now().getTime() + virtualMs;
  while (!done()) {
    if (cloud.clock.now().getTime() > deadline) {
      throw new Error(
        `timed out waiting for ${what}:\n${cloud.timeline.lines
          .slice(-25)
          .map((l) => `${l.offset} ${l.source} ${l.message}`)
          .join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const domainEvents = (cloud: Cloud, detailType: string) =>
  cloud.eventbridge.published.filter((e) => e['detail-type'] === detailType);
