// `npm run bench [-- --quick] [--runs N] [--rollouts N] [--loads N] [--sweep N] [--storm N]`: Shepherd's speed, size
// and judgement targets, measured as a user meets them, never in unit tests. Each figure is printed beside its goal
// with a verdict, and all are written to bench/results.json. Most are ratios or counts from the same run, so they hold
// on these shared, noisy machines; wall times are medians, to be rerun before a regression is believed.
// `--quick` measures fewer of everything (under 3 minutes); a count of 0 leaves its section out. `--markdown` measures
// nothing: it prints the table of the last bench/results.json as the README quotes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../local/template';
import { canarySections } from './canary';
import { errorFigure, type Figure, type Section } from './figures';
import { bundlesMarkdownTable, markdownTable, type Results, table, writeResults } from './report';
import { bundlesSection, scenarioSection, stormSection, sweepSection } from './sections';

const FULL = { runs: 3, rollouts: 5000, loads: 9, sweep: 5000, storm: 10_000 };
const QUICK = { runs: 1, rollouts: 100, loads: 1, sweep: 1000, storm: 1000 };
/** Deliveries at a time in the storm: at least 50, the way Lambda would take a burst from S3. */
const STORM_CONCURRENCY = 50;
const RESULTS = join(ROOT, 'bench', 'results.json');
// As `npm start` does: the SDK's notice about future Node versions is not a finding of the bench.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function settings(argv: string[]) {
  const counts = Object.keys(FULL) as (keyof typeof FULL)[];
  const count = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      runs: count,
      rollouts: count,
      loads: count,
      sweep: count,
      storm: count,
    },
  });
  const base = values.quick ? QUICK : FULL;
  const chosen = Object.fromEntries(
    counts.map((k) => {
      const given = values[k];
      const n = given === undefined ? base[k] : Number(given);
      const least = k === 'loads' ? 1 : 0;
      if (!Number.isInteger(n) || n < least) throw new Error(`--${k} must be a whole number ≥ ${least}, not ${given}`);
      return [k, n];
    }),
  ) as typeof FULL;
  return { quick: values.quick, markdown: values.markdown, ...chosen };
}

async function main(argv: string[]): Promise<number> {
  const s = settings(argv);
  if (s.markdown) {
    const last = JSON.parse(readFileSync(RESULTS, 'utf8')) as Results;
    process.stdout.write(`${markdownTable(last.figures)}\n`);
    const bundles = last.bundles as Parameters<typeof bundlesMarkdownTable>[0] | { error: string };
    const loads = (last.coldLoad as { functions?: Parameters<typeof bundlesMarkdownTable>[1] }).functions ?? [];
    if (Array.isArray(bundles)) process.stdout.write(`\n${bundlesMarkdownTable(bundles, loads)}\n`);
    return 0;
  }
  const started = new Date();
  const sections: Record<string, Section<unknown>> = {};
  // A section that throws leaves an error row (and `{ error }` under each of its keys); the rest still run.
  const add = async (keys: string[], run: () => Promise<Record<string, Section<unknown>>>) => {
    const start = performance.now();
    process.stderr.write(`bench: ${keys.join(' and ')} ...`);
    try {
      Object.assign(sections, await run());
    } catch (err) {
      const row = errorFigure(keys[0]!, err);
      for (const [i, key] of keys.entries()) sections[key] = { figures: i ? [] : [row], json: { error: row.error } };
    }
    process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
  };
  await add(['bundles', 'coldLoad'], () => bundlesSection(s.loads, !s.quick));
  if (s.storm) await add(['storm'], async () => ({ storm: await stormSection(s.storm, STORM_CONCURRENCY, s.quick) }));
  if (s.rollouts) await add(['judge', 'canary'], async () => canarySections(s.rollouts));
  if (s.sweep) await add(['sweep'], async () => ({ sweep: await sweepSection(s.sweep) }));
  if (s.runs) await add(['scenario'], async () => ({ scenario: await scenarioSection(s.runs) }));

  const figures: Figure[] = Object.values(sections).flatMap((x) => x.figures);
  const seconds = (Date.now() - started.getTime()) / 1000;
  const kind = s.quick ? 'QUICK run (--quick: fewer of everything; quote a full run)' : 'full run';
  const flags = `--runs ${s.runs} --rollouts ${s.rollouts} --loads ${s.loads} --sweep ${s.sweep} --storm ${s.storm}`;
  const notes = Object.values(sections).flatMap((x) => x.notes ?? []);
  process.stdout.write(`\n${notes.join('\n')}\n\n${table(figures)}\n\n`);
  const missed = figures.filter((f) => !f.ok).length;
  process.stdout.write(
    `${kind}, ${flags}: ${figures.length - missed} of ${figures.length} figures met their goals ` +
      `in ${seconds.toFixed(0)} s; written to bench/results.json\n`,
  );
  writeResults(RESULTS, {
    quick: s.quick,
    command: `npm run bench -- ${s.quick ? '--quick ' : ''}${flags}`,
    startedAt: started.toISOString(),
    seconds,
    node: process.version,
    ok: missed === 0,
    ...Object.fromEntries(Object.entries(sections).map(([name, x]) => [name, x.json])),
    figures,
  });
  return missed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
