// Packages the service with the Serverless Framework, one packaging at a time per checkout, and keeps the packaged
// CloudFormation template until what shapes it changes: the stack tests check it, the local cloud runs it
// (local/template.ts reads it).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../shared/config/load';
import { stackInputs } from './stack-inputs';
import { loadTemplate, ROOT, TEMPLATE_FILE, type Template } from './template';

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
      renameSync(join(aside, TEMPLATE_FILE), join(own, TEMPLATE_FILE));
      writeFileSync(stamp, digest);
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
  }
  return loadTemplate(own);
}
