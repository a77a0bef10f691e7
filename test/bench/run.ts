// `npm run bench [-- --runs N] [--rollouts N]`: the speed and size targets, measured as a user meets them, never in unit tests
// (these machines are shared and noisy: quote the median, and rerun before believing a regression).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packagedTemplate, ROOT } from '../../local/template';
import { canaryFigures } from './canary';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, rollouts: { type: 'string', default: '1000' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);

/** The target: the default scenario of `npm start` plays out in at most 90 s here. */
const SCENARIO_BUDGET_S = 90;
/** One bundle per function: the JavaScript a cold start loads (1.2 MB today; zod, yaml and Powertools the bulk). */
const BUNDLE_BUDGET_MB = 1.5;

/** Uncompressed size of each `.js` in a zip, from its central directory (the source maps ride along, unloaded). */
function jsSizes(zip: Buffer): number[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const sizes: number[] = [];
  for (let at = zip.readUInt32LE(end + 16), n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const [nameLength, extra, comment] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    if (zip.toString('utf8', at + 46, at + 46 + nameLength).endsWith('.js')) sizes.push(zip.readUInt32LE(at + 24));
    at += 46 + nameLength + extra + comment;
  }
  return sizes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: { what: string; median: number; min: number; max: number; budget: number; unit: string }[] = [];

async function main(): Promise<number> {
  // Packaged once up front, exactly as the local cloud asks for it, so no timed run pays for packaging.
  const dir = join(ROOT, '.local-cloud', 'package');
  await packagedTemplate(dir, join(ROOT, 'shepherd.yml'));

  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'local', 'start.ts'), '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    seconds.push((performance.now() - start) / 1000);
    if (run.status !== 0) throw new Error(`npm start failed (exit ${run.status}) on run ${i + 1}:\n${run.stderr}${run.stdout.slice(-2000)}`);
  }
  rows.push({ what: 'npm start, default scenario', median: median(seconds), min: Math.min(...seconds), max: Math.max(...seconds), budget: SCENARIO_BUDGET_S, unit: 's' });

  const bundles = readdirSync(dir).filter((f) => f.endsWith('.zip')).flatMap((f) => jsSizes(readFileSync(join(dir, f)))).map((b) => b / 1024 / 1024);
  rows.push({ what: `function bundles (${bundles.length})`, median: median(bundles), min: Math.min(...bundles), max: Math.max(...bundles), budget: BUNDLE_BUDGET_MB, unit: 'MB' });

  const over = rows.filter((r) => r.median > r.budget);
  const fmt = (n: number) => n.toFixed(2).padStart(7);
  process.stdout.write(`${'what'.padEnd(34)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'budget'.padStart(7)}\n`);
  for (const r of rows) process.stdout.write(`${r.what.padEnd(34)} ${fmt(r.median)} ${fmt(r.min)} ${fmt(r.max)} ${fmt(r.budget)} ${r.unit}${over.includes(r) ? '  OVER BUDGET' : ''}\n`);
  const rollouts = Number(values.rollouts);
  process.stdout.write(`\ncanary, ${rollouts} seeded rollouts a case (1,000 req/min, steps 10/25/50 %, 15-min bakes)\n`);
  const canary = canaryFigures(rollouts);
  for (const f of canary) {
    const value = f.value.toFixed(f.unit === 'min' ? 1 : 2);
    process.stdout.write(`${f.what.padEnd(34)} ${value.padStart(7)} ${f.unit.padEnd(3)} goal ${f.goal.padEnd(6)} ${f.ok ? 'met' : 'MISSED'}\n`);
  }
  return over.length || canary.some((f) => !f.ok) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
