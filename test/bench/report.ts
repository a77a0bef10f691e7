// What `npm run bench` shows and keeps: one table of every figure with its goal and verdict, the notes the sections
// left, and bench/results.json with the same figures and each section's own numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Figure, verdict } from './figures';

function formatValue(f: Figure): string {
  if (f.value === null) return '-';
  if (f.value === Number.POSITIVE_INFINITY) return 'never';
  if (Number.isNaN(f.value)) return 'n/a';
  if (Number.isInteger(f.value) || Math.abs(f.value) >= 100) return f.value.toFixed(0);
  if (Math.abs(f.value) < 0.1) return f.value.toPrecision(2);
  return f.value.toFixed(f.unit === 'min' || f.unit === 'KB' ? 1 : 2);
}

/** The table: one row per figure, the section named where it changes. */
export function table(figures: Figure[]): string {
  const cells = figures.map((f, i) => [
    figures[i - 1]?.section === f.section ? '' : f.section,
    f.what,
    formatValue(f),
    f.unit,
    f.goal,
    verdict(f),
  ]);
  const head = ['section', 'figure', 'value', 'unit', 'goal', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const GOAL_SIGNS: Record<string, string> = { '<=': '≤', '>=': '≥', '=': '=' };

/**
 * The same table in Markdown, as the README quotes it (`npm run bench -- --markdown` prints it from
 * bench/results.json): a value with its unit, goals with their signs, a miss in bold.
 */
export function markdownTable(figures: Figure[]): string {
  const rows = figures.map((f, i) => {
    const unit = f.unit === '×' || f.unit === '%' ? f.unit : f.unit ? ` ${f.unit}` : '';
    const value = f.value === null ? '-' : `${formatValue(f)}${unit}`;
    const goal = f.goal.replace(/^(<=|>=|=)/, (op) => GOAL_SIGNS[op]!);
    const said = verdict(f);
    return [figures[i - 1]?.section === f.section ? '' : f.section, f.what, value, goal, f.ok ? said : `**${said}**`];
  });
  const head = ['section', 'figure', 'value', 'goal', 'verdict'];
  return [head, head.map(() => '---'), ...rows].map((c) => `| ${c.join(' | ')} |`).join('\n');
}

interface BundleRow {
  function: string;
  bytes: number;
  naiveBytes: number;
}
interface LoadRow {
  function: string;
  loadMs: number;
  naiveLoadMs: number;
}

/** The per-function table of the README's "Function bundles", from a run's `bundles` and `coldLoad`. */
export function bundlesMarkdownTable(bundles: BundleRow[], loads: LoadRow[]): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  const rows = [...bundles]
    .sort((a, b) => a.bytes - b.bytes)
    .map((b) => {
      const load = loads.find((l) => l.function === b.function);
      const cold = load ? [`${Math.round(load.loadMs)} ms`, (load.loadMs / load.naiveLoadMs).toFixed(2)] : ['-', '-'];
      return [`\`${b.function}\``, kb(b.bytes), (b.bytes / b.naiveBytes).toFixed(2), kb(b.naiveBytes), ...cold];
    });
  const head = ['function', 'JavaScript', '× naive bundle', 'naive bundle', 'cold load', '× naive bundle’s'];
  return [head, head.map(() => '---'), ...rows].map((c) => `| ${c.join(' | ')} |`).join('\n');
}

export interface Results {
  quick: boolean;
  command: string;
  startedAt: string;
  seconds: number;
  node: string;
  /** Every figure met its goal. */
  ok: boolean;
  figures: Figure[];
  [section: string]: unknown;
}

/** Infinity ("never") and NaN have no JSON; both are written as null. */
export function writeResults(file: string, results: Results): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
