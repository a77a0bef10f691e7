// Packages the service with the Serverless Framework and reads the CloudFormation template it writes: the
// stack tests check it, and the local cloud takes its functions, rules and schedules from it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../shared/config/load';
import { stackInputs } from './stack-inputs';

export const ROOT = join(__dirname, '..');

export interface RunResult {
  code: number;
  output: string;
}

/**
 * `npx serverless package --package <dir>`; resolves with the exit code and stdout + stderr, never rejects on a
 * failed build. One packaging at a time per checkout: serverless-esbuild builds in the service's own `.esbuild`
 * folder and removes all of it when done, and copies the zips through the service's `.serverless` folder, so two
 * at once (parallel test files, a bench beside a test run) can ship a zip without its bundle or with the other's.
 */
export function packageService(dir: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return oneAtATime(join(ROOT, '.esbuild'), () =>
    run('npx', ['serverless', 'package', '--package', dir], {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    }),
  );
}

/** Runs `work` while holding `<path>.lock`, which every process of this machine locking `path` waits for. */
export async function oneAtATime<T>(path: string, work: () => Promise<T>): Promise<T> {
  const { lock } = await import('proper-lockfile');
  const release = await lock(path, {
    realpath: false,
    // A live holder refreshes the lock every half of this; a dead one's is taken over after it.
    stale: 60_000,
    retries: { forever: true, minTimeout: 100, maxTimeout: 2_000 },
    onCompromised: (err) => process.stderr.write(`lock on ${path} lost: ${err.message}\n`),
  });
  try {
    return await work();
  } finally {
    // A lock found compromised (reported above) can no longer be released; the work's own outcome stands.
    await release().catch(() => undefined);
  }
}

// A guard against a hung child, not a speed target: packaging takes 20 s alone and several minutes on busy cores.
const CHILD_TIMEOUT_MS = 600_000;

export function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    const options = { cwd: ROOT, env, timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 };
    execFile(file, args, options, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      // Killed, it printed no reason of its own: say it, or the output ends mid-sentence.
      const killed = err?.killed
        ? `\n${file} ${args.join(' ')}: killed (${err.signal}) after ${CHILD_TIMEOUT_MS / 1000} s`
        : '';
      resolve({ code, output: `${stdout}${stderr}${killed}` });
    });
  });
}

const resourceSchema = z.looseObject({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}) });
const templateSchema = z.looseObject({ Resources: z.record(z.string(), resourceSchema) });
export type Resource = z.output<typeof resourceSchema>;
export type Template = z.output<typeof templateSchema>;

const TEMPLATE = 'cloudformation-template-update-stack.json';

export const loadTemplate = (dir: string): Template =>
  templateSchema.parse(JSON.parse(readFileSync(join(dir, TEMPLATE), 'utf8')));

export const resourcesOfType = (t: Template, type: string): [string, Resource][] =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);

// Intrinsic functions as the template spells them.
export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });
const getAttSchema = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.string()]) });

/** `DataArrivedLambdaFunction` → `dataArrived`, the key in serverless.yml. */
export const functionKey = (logicalId: string): string => {
  const base = logicalId.replace(/LambdaFunction$/, '');
  return `${base.charAt(0).toLowerCase()}${base.slice(1)}`;
};

/** Every Lambda function of the stack by its serverless.yml key. */
export const lambdaFunctions = (t: Template): { key: string; logicalId: string; props: Record<string, unknown> }[] =>
  resourcesOfType(t, 'AWS::Lambda::Function').map(([logicalId, r]) => ({
    key: functionKey(logicalId),
    logicalId,
    props: r.Properties,
  }));

const targetSchema = z.looseObject({
  Arn: z.unknown(),
  Id: z.string(),
  InputTransformer: z
    .object({ InputPathsMap: z.record(z.string(), z.string()).default({}), InputTemplate: z.string() })
    .optional(),
  DeadLetterConfig: z.looseObject({ Arn: z.unknown() }).optional(),
  RetryPolicy: z
    .looseObject({ MaximumRetryAttempts: z.number().optional(), MaximumEventAgeInSeconds: z.number().optional() })
    .optional(),
});
// A plain object (not loose), so Rule keeps its known keys through Omit.
const ruleSchema = z.object({
  EventPattern: z.record(z.string(), z.unknown()).optional(),
  ScheduleExpression: z.string().optional(),
  EventBusName: z.unknown().optional(),
  Targets: z.array(targetSchema).default([]),
});
export type Target = z.output<typeof targetSchema> & { fn: string | undefined };
export type Rule = Omit<z.output<typeof ruleSchema>, 'Targets'> & { id: string; targets: Target[] };

/**
 * The function a target invokes (`Fn::GetAtt: [<Fn>LambdaFunction, Arn]`), by serverless.yml key; undefined for
 * other targets.
 */
const targetFunction = (arn: unknown): string | undefined => {
  const att = getAttSchema.safeParse(arn);
  return att.success && att.data['Fn::GetAtt'][1] === 'Arn' && att.data['Fn::GetAtt'][0].endsWith('LambdaFunction')
    ? functionKey(att.data['Fn::GetAtt'][0])
    : undefined;
};

export const eventRules = (t: Template): Rule[] =>
  resourcesOfType(t, 'AWS::Events::Rule').map(([id, r]) => {
    const { Targets, ...rest } = ruleSchema.parse(r.Properties);
    return { id, ...rest, targets: Targets.map((target) => ({ ...target, fn: targetFunction(target.Arn) })) };
  });

/** Applies an EventBridge input transformer: each `<name>` becomes the JSON of the value at its path (`$.a.b`). */
export function applyInputTransformer(
  transformer: { InputPathsMap: Record<string, string>; InputTemplate: string },
  event: unknown,
): string {
  const valueAt = (path: string): unknown =>
    path
      .replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean)
      .reduce<unknown>(
        (v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined),
        event,
      );
  return transformer.InputTemplate.replace(/<([A-Za-z0-9_.-]+)>/g, (whole, name: string) => {
    const path = transformer.InputPathsMap[name];
    return path === undefined ? whole : JSON.stringify(valueAt(path) ?? null);
  });
}

/**
 * The packaged template, rebuilt only when what shapes it changed: `serverless package` takes seconds, and
 * the local cloud starts often. A wrong pattern in serverless.yml reaches the local run as it would reach AWS.
 * The project's shepherd.yml is packaged in `dir`, another config beside it (`dir-<hash of its path>`): clouds
 * playing different configs, as parallel test files do, neither rebuild nor overwrite each other's package.
 */
export async function packagedTemplate(dir: string, configFile?: string): Promise<Template> {
  const { createHash } = await import('node:crypto');
  const { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } = await import('node:fs');
  const file = configFile || process.env.SHEPHERD_CONFIG || join(ROOT, 'shepherd.yml');
  const path = resolve(file);
  // The framework refuses an invalid config too, but wraps the problems in its own banner; validated here, the
  // user reads Shepherd's message alone (a ConfigError, also for a file that cannot be read), and before seconds of
  // packaging.
  loadConfig(file);
  // Another config's package sits beside, named by its content, not its path: a config written afresh for each run
  // (a test's temp file) finds the package of the last run instead of leaving one more behind.
  const own =
    path === join(ROOT, 'shepherd.yml')
      ? dir
      : `${dir}-${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12)}`;
  const hash = createHash('sha256');
  for (const f of stackInputs(ROOT))
    hash.update(f).update(existsSync(join(ROOT, f)) ? readFileSync(join(ROOT, f)) : '');
  hash.update(readFileSync(file));
  const digest = hash.digest('hex');
  const stamp = join(own, 'inputs.sha256');
  if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)) {
    // Packaged aside, then its template moved in by a rename: a run reading it meanwhile never sees half of one.
    const aside = `${own}.${process.pid}`;
    mkdirSync(aside, { recursive: true });
    try {
      const result = await packageService(aside, { SHEPHERD_CONFIG: file });
      if (result.code !== 0) throw new Error(`serverless package failed:\n${result.output}`);
      mkdirSync(own, { recursive: true });
      renameSync(join(aside, TEMPLATE), join(own, TEMPLATE));
      writeFileSync(stamp, digest);
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
  }
  return loadTemplate(own);
}

/** The functions as Lambda runs them: handler and the async retry count of their EventInvokeConfig. */
export function functionDefs(
  t: Template,
): { name: string; handler: string; maximumRetryAttempts: number; timeoutSeconds: number }[] {
  const configs = resourcesOfType(t, 'AWS::Lambda::EventInvokeConfig');
  return lambdaFunctions(t).map((f) => {
    const config = configs.find(
      ([, c]) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify(ref(f.logicalId)),
    );
    return {
      name: f.key,
      handler: String(f.props.Handler),
      maximumRetryAttempts: Number(config?.[1].Properties.MaximumRetryAttempts ?? 2),
      timeoutSeconds: Number(f.props.Timeout ?? 3),
    };
  });
}
