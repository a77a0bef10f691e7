// The one shape of every figure `npm run bench` prints and writes: what was measured, its value, the goal it is held
// to and the verdict; a section that could not be measured is one figure too, its error in place of a verdict.
import { quantile } from '../helpers/canary-simulation';

export type Op = '<=' | '>=' | '=';
export interface Figure {
  section: string;
  what: string;
  /** null when the section failed before measuring it. */
  value: number | null;
  unit: string;
  /** The goal as printed: `<= 0.4`, `>= 99`, `= 0`. */
  goal: string;
  ok: boolean;
  /** Why the section has no figures, when it failed. */
  error?: string;
}

const holds = (value: number, op: Op, limit: number) =>
  op === '<=' ? value <= limit : op === '>=' ? value >= limit : value === limit;

/** A figure with its verdict derived from the goal it is printed with; NaN (nothing measured) misses any goal. */
export function figure(section: string, what: string, value: number, unit: string, [op, limit]: [Op, number]): Figure {
  const round = +limit.toPrecision(3);
  return { section, what, value, unit, goal: `${op} ${round}`, ok: !Number.isNaN(value) && holds(value, op, limit) };
}

/** The row a section leaves when it throws: the rest of the bench still runs. */
export const errorFigure = (section: string, err: unknown): Figure => ({
  section,
  what: 'section failed',
  value: null,
  unit: '',
  goal: '',
  ok: false,
  error: err instanceof Error ? err.message.split('\n')[0]! : String(err),
});

export const verdict = (f: Figure) => (f.error !== undefined ? `ERROR: ${f.error}` : f.ok ? 'met' : 'MISSED');

/** A measured section: its figures and the part of results.json it writes. */
export interface Section<T> {
  figures: Figure[];
  json: T;
  /** Lines printed under the table: what the figures were measured on. */
  notes?: string[];
}

export const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  ) ?? Number.NaN;
