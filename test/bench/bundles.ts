// The packaged functions as Lambda loads them, side by side with the naive esbuild bundle of the same entry
// (esbuild's defaults, no mainFields, minified): the JavaScript each carries, and how long a whole `node` process
// takes to load it with the function's environment and NODE_OPTIONS from the packaged template, minus an empty
// `node`. Measured in rounds that alternate the three, so a noisy machine slows all alike.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { packageService, run } from '../../local/packaging';
import { lambdaFunctions, loadTemplate, ROOT, type Template } from '../../local/template';

export interface FunctionFigures {
  fn: string;
  kb: number;
  naiveKb: number;
  /** Median load time above an empty `node`, in ms. */
  loadMs: number;
  naiveLoadMs: number;
}

const LOAD = 'if (process.argv[1]) require(process.argv[1]); process.exit(0)';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A template value as Lambda would see it: `Ref`s to the stack's own resources become plausible names and ARNs. */
function resolve(t: Template, value: unknown): string {
  if (typeof value === 'string') return value;
  // The one attribute functions are given: approvalLink's Function URL.
  if ((value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt']) return 'https://bench.lambda-url.us-east-1.on.aws/';
  const id = (value as { Ref?: string }).Ref ?? '';
  const r = t.Resources[id];
  const name = String(r?.Properties.TopicName ?? r?.Properties.TableName ?? r?.Properties.Name ?? id);
  return r?.Type === 'AWS::SNS::Topic' ? `arn:aws:sns:us-east-1:123456789012:${name}` : name;
}

/** The environment Lambda gives the function: its template variables (NODE_OPTIONS too) and the runtime's own. */
function lambdaEnv(t: Template, fn: string, props: Record<string, unknown>, taskRoot: string): NodeJS.ProcessEnv {
  const vars = (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  return {
    PATH: process.env.PATH,
    LAMBDA_TASK_ROOT: taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: `shepherd-bench-${fn}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, resolve(t, v)])),
  };
}

/** Wall time of one whole process loading `file` (or nothing), in ms. */
function loadTime(env: NodeJS.ProcessEnv, file?: string): number {
  const start = performance.now();
  const args = ['-e', LOAD, ...(file ? [file] : [])];
  const out = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 30_000 });
  const ms = performance.now() - start;
  if (out.status !== 0) throw new Error(`loading ${file ?? 'nothing'} failed (exit ${out.status}):\n${out.stderr}`);
  return ms;
}

/** Packages the stack afresh, builds the naive bundles, measures; `rounds` loads of each, and of source maps' costs. */
export async function bundleFigures(
  rounds: number,
  withSourceMaps = true,
): Promise<{ functions: FunctionFigures[]; sourceMaps: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'shepherd-bench-'));
  try {
    const packaged = await packageService(join(dir, 'package'), { SHEPHERD_CONFIG: join(ROOT, 'shepherd.yml') });
    if (packaged.code !== 0) throw new Error(`serverless package failed:\n${packaged.output}`);
    const t = loadTemplate(join(dir, 'package'));
    const fns = await Promise.all(
      lambdaFunctions(t).map(async ({ key, props }) => {
        const entry = String(props.Handler).replace(/\.[^.]+$/, '');
        const zip = basename(String((props.Code as { S3Key?: unknown }).S3Key));
        const root = join(dir, 'lambda', key);
        mkdirSync(root, { recursive: true });
        const unzipped = await run('unzip', ['-q', '-o', join(dir, 'package', zip), '-d', root]);
        if (unzipped.code !== 0) throw new Error(`unzip ${zip}: ${unzipped.output}`);
        // The naive bundle has no config compiled in: it reads shepherd.yml beside it, as Shepherd once did.
        const naiveRoot = join(dir, 'naive', key);
        mkdirSync(naiveRoot, { recursive: true });
        copyFileSync(join(ROOT, 'shepherd.yml'), join(naiveRoot, 'shepherd.yml'));
        const naive = join(naiveRoot, `${entry}.js`);
        const entryPoints = [join(ROOT, `${entry}.ts`)];
        await build({ entryPoints, bundle: true, platform: 'node', minify: true, outfile: naive, logLevel: 'silent' });
        const bundle = join(root, `${entry}.js`);
        const [env, naiveEnv] = [lambdaEnv(t, key, props, root), lambdaEnv(t, key, props, naiveRoot)];
        return { key, bundle, naive, env, naiveEnv };
      }),
    );
    const samples = () => ({ empty: [] as number[], packaged: [] as number[], naive: [] as number[] });
    const times = new Map(fns.map((f) => [f.key, samples()]));
    for (let round = 0; round < rounds; round++) {
      for (const f of fns) {
        const m = times.get(f.key)!;
        m.empty.push(loadTime(f.env));
        m.packaged.push(loadTime(f.env, f.bundle));
        m.naive.push(loadTime(f.naiveEnv, f.naive));
      }
    }
    const functions = fns.map((f) => {
      const m = times.get(f.key)!;
      const empty = median(m.empty);
      return {
        fn: f.key,
        kb: statSync(f.bundle).size / 1024,
        naiveKb: statSync(f.naive).size / 1024,
        loadMs: median(m.packaged) - empty,
        naiveLoadMs: median(m.naive) - empty,
      };
    });
    return { functions, sourceMaps: withSourceMaps ? sourceMapCosts(fns[0]!, rounds) : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the choice of source maps costs one function: eager maps at load, and the first trace of the lazy ones. */
function sourceMapCosts(f: { key: string; bundle: string; env: NodeJS.ProcessEnv }, rounds: number): string[] {
  const eagerEnv = { ...f.env, NODE_OPTIONS: `${f.env.NODE_OPTIONS ?? ''} --enable-source-maps`.trim() };
  const [plain, eager, empty] = [[], [], []] as number[][];
  for (let round = 0; round < rounds; round++) {
    empty!.push(loadTime(f.env));
    plain!.push(loadTime(f.env, f.bundle));
    eager!.push(loadTime(eagerEnv, f.bundle));
  }
  // The first trace pays for reading the map; an error thrown inside the bundle shows where its frames lead.
  const trace = `const { handler } = require(process.argv[1]); const t = performance.now(); new Error('x').stack;
    const ms = performance.now() - t; handler({}, null).then(() => {}, (e) => {
      const mapped = /[( ](shared|functions)\\/[^\\s():]+\\.ts:\\d+:\\d+/.test(e.stack);
      process.stdout.write(ms + (mapped ? ' mapped' : ' bundle'));
      process.exit(0);
    })`;
  const firsts = Array.from(
    { length: rounds },
    () => spawnSync(process.execPath, ['-e', trace, f.bundle], { env: f.env, encoding: 'utf8' }).stdout,
  );
  const firstMs = median(firsts.map((s) => Number.parseFloat(s)));
  const mapped = firsts.every((s) => s.endsWith(' mapped'));
  const above = (xs: number[]) => `${(median(xs) - median(empty!)).toFixed(0)} ms`;
  return [
    `${f.key}, load as packaged (map beside, read on the first trace)  ${above(plain!)}`,
    `${f.key}, load with --enable-source-maps (map parsed at load)     ${above(eager!)}`,
    `${f.key}, first stack trace, reading the map                       ${firstMs.toFixed(0)} ms, ` +
      (mapped ? 'its frames lead to the TypeScript source' : 'its frames are NOT mapped'),
  ];
}

/** The per-function table of `npm run bench`. */
export function functionTable(functions: FunctionFigures[], loads: number): string {
  const header = `function                  JS KB  naive KB     ×  load ms  naive ms     ×`;
  const rows = functions.map((f) => {
    const cells = [f.kb, f.naiveKb, f.kb / f.naiveKb, f.loadMs, f.naiveLoadMs, f.loadMs / f.naiveLoadMs];
    const widths = [5, 9, 5, 8, 9, 5];
    return `${f.fn.padEnd(24)} ${cells.map((n, i) => n.toFixed(i % 3 === 2 ? 2 : 0).padStart(widths[i]!)).join(' ')}`;
  });
  return [`${header}   (load: median of ${loads}, above an empty node)`, ...rows].join('\n');
}
