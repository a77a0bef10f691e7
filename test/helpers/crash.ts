// The crash tests' helpers: play a scenario with or without a crash point, reduce its end to what a user would
// check (the world and the locks), and derive the crash points of each flow from a fault-free run's calls.
import { execFile, execFileSync } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cloud } from '../../local/cloud';
import { TABLE_NAME } from '../../local/cloud/stack';
import { REGION } from '../../local/core';
import type { Call, Crash, CrashPoint } from '../../local/crash';
import { runScenario } from '../../local/run';
import { loadScenario } from '../../local/scenario-file';
import { ROOT } from '../../local/template';
import { seededRandom } from '../../local/traffic/random';
import { createCalls } from './e2e';

/** What a run ended with, as comparable between runs (no names with times in them, no clocks). */
export interface Outcome {
  trainingJobs: string[];
  modelPackages: string[];
  endpoints: string[];
  deployments: string[];
  compilations: string[];
  /** How many models and endpoint configs SageMaker holds: a Create* done twice under two names shows here. */
  hosting: { models: number; endpointConfigs: number };
  creates: Record<string, number>;
  /** Work still claimed in the state table: a training in flight, an active deployment, an outbox entry. */
  held: string[];
  /** `function: error` of each dead letter. */
  deadLetters: string[];
}

export interface Played {
  ok: boolean;
  failed: string[];
  outcome: Outcome;
  calls: Call[];
  crashes: Crash[];
  /** Each failed invocation: `function: error`, in order; and the timeline's last lines, to tell a failure. */
  errors: string[];
  tail: string[];
}

/** Plays a scenario quietly, seeded, at its own speed; reads the state table before the cloud stops. */
export async function playCrash(file: string, crash?: CrashPoint): Promise<Played> {
  const scenario = loadScenario(file);
  const result = await runScenario(scenario, {
    autoApprove: true,
    print: false,
    random: seededRandom(20),
    ...(scenario.config ? { configFile: scenario.config } : {}),
    ...(crash ? { crash } : {}),
  });
  try {
    const failed = result.checks.filter((c) => !c.ok).map((c) => `${c.what}: expected ${c.expected}, got ${c.actual}`);
    const outcome = await outcomeOf(result.cloud, result.summary.deployments);
    const { crash, lambda, timeline } = result.cloud;
    return {
      ok: result.ok,
      failed,
      outcome,
      calls: crash.calls,
      crashes: crash.crashes,
      errors: lambda.errors.map((e) => `${e.function}: ${e.error}`),
      tail: timeline.lines.slice(-40).map((l) => `${l.offset} ${l.source} ${l.message}`),
    };
  } finally {
    await result.cloud.stop();
  }
}

async function outcomeOf(cloud: Cloud, deployments: { endpoint: string; modelPackageArn: string; outcome: string }[]) {
  const { sagemaker } = cloud;
  const sorted = (items: string[]) => [...items].sort();
  return {
    trainingJobs: sorted(sagemaker.trainingJobs().map((j) => `${j.tags['shepherd:model']} ${j.status}`)),
    modelPackages: sorted(sagemaker.modelPackages().map((p) => `${p.group}/${p.version} ${p.approvalStatus}`)),
    endpoints: sorted(
      sagemaker
        .endpoints()
        .map(
          (e) =>
            `${e.name} ${e.status} ` +
            e.variants.map((v) => `${v.variantName}=${packageName(cloud, v.modelName)}@${v.currentWeight}`).join(' '),
        ),
    ),
    // As Shepherd's events tell them: an ending event said again after a crash (at least once) is one deployment.
    deployments: [
      ...new Set(deployments.map((d) => `${d.endpoint} ${packageName(cloud, d.modelPackageArn)} ${d.outcome}`)),
    ],
    compilations: sorted(sagemaker.compilationJobs().map((c) => `${c.target} ${c.status}`)),
    hosting: {
      models: sagemaker.models().length,
      endpointConfigs: ((await sagemaker.handle('ListEndpointConfigs', { MaxResults: 100 })) as { EndpointConfigs: [] })
        .EndpointConfigs.length,
    },
    creates: createCalls(cloud),
    held: await heldWork(cloud.dynamoUrl),
    deadLetters: cloud.lambda.deadLetters.map((d) => `${d.function}: ${d.error}`),
  };
}

/** `churn-models/2` for a package ARN or a model created from one. */
function packageName(cloud: Cloud, modelOrArn: string): string {
  const arn = modelOrArn.startsWith('arn:') ? modelOrArn : (cloud.sagemaker.modelPackageOf(modelOrArn) ?? modelOrArn);
  return arn.slice(arn.lastIndexOf(':model-package/') + ':model-package/'.length);
}

async function heldWork(endpoint: string): Promise<string[]> {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  try {
    const held: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        const key = `${item.pk}/${item.sk}`;
        if (item.sk === 'TRAINING' && item.inFlight) held.push(`${key}: training in flight`);
        if (item.sk === 'DEPLOYMENT' && item.active) held.push(`${key}: deployment ${item.active.status}`);
        for (const entry of Object.values((item.outbox ?? {}) as Record<string, { action: { type: string } }>))
          held.push(`${key}: outbox ${entry.action.type}`);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return held.sort();
  } finally {
    doc.destroy();
  }
}

const recorder = (file: string, point?: CrashPoint) =>
  [
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'crash-record.ts'), file, ...(point ? [JSON.stringify(point)] : [])],
    {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8' as const,
    },
  ] as const;

const parsed = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!) as Played;

/**
 * Plays the fault-free run in a child process, synchronously, so that the tests can be named after its calls when
 * the file loads (jest collects tests before any hook runs).
 */
export const recordFaultFree = (file: string): Played => parsed(execFileSync(...recorder(file)));

/** Plays the scenario with a crash in a child process: each run needs the functions loaded afresh. */
export async function playCrashed(file: string, point: CrashPoint): Promise<Played> {
  const { stdout } = await promisify(execFile)(...recorder(file, point));
  return parsed(stdout);
}
