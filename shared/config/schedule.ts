// The EventBridge schedule expressions of shepherd.yml (a line's retrain schedule, the cost sweep's), checked as
// EventBridge checks them (docs/aws-events.md): one it refuses fails the deployment, or, worse, a hand-made rule.
import { z } from 'zod';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** What else a field takes beside values, ranges and increments. */
  special?: RegExp;
  steps?: false;
}
const FIELDS: Field[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, special: /^(L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(L|[1-7]L|[1-7]#[1-5])$/, steps: false },
  { name: 'year', min: 1970, max: 2199 },
];

/** Why one item of a field's list is not what EventBridge takes, or undefined. */
function itemProblem(item: string, f: Field): string | undefined {
  if (f.special?.test(item)) return undefined;
  const range = `${f.name} are ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names.at(-1)}` : ''}`;
  const value = (s: string) => {
    const named = f.names?.indexOf(s.toUpperCase()) ?? -1;
    return named >= 0 ? named + 1 : /^\d+$/.test(s) ? Number(s) : Number.NaN;
  };
  const [span = '', step, extra] = item.split('/');
  if (extra !== undefined) return `"${item}" has two increments`;
  if (step !== undefined) {
    if (f.steps === false) return `${f.name} take no increment ("${item}")`;
    const n = /^\d+$/.test(step) ? Number(step) : 0;
    if (n < 1 || n > f.max - f.min + 1) return `an increment of ${f.name} is 1 to ${f.max - f.min + 1} ("${item}")`;
  }
  if (span === '*') return undefined;
  const ends = span.split('-').map(value);
  if (ends.length > 2 || ends.some((n) => !(n >= f.min && n <= f.max))) return `"${item}": ${range}`;
  if (ends.length === 2 && ends[1]! < ends[0]!) return `"${item}" ends before it starts`;
  return undefined;
}

/** Why an expression is not one EventBridge takes, or undefined. */
export function scheduleProblem(expression: string): string | undefined {
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const ok = n >= 1 && (n === 1) === (rate[3] === '');
    return ok ? undefined : 'a rate is rate(1 unit) or rate(N units), N ≥ 2, the unit minute, hour or day';
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return 'must be rate(N unit) or cron(6 fields)';
  const specs = cron[1]!.split(' ');
  if (specs.length !== 6) return 'a cron expression has six fields';
  if ((specs[2] === '?') === (specs[4] === '?')) return 'one of day-of-month and day-of-week must be ?, not both';
  for (const [i, spec] of specs.entries()) {
    const f = FIELDS[i]!;
    if (spec === '?' && (i === 2 || i === 4)) continue;
    for (const item of spec.split(',')) {
      const why = item === '?' ? `? is for day-of-month or day-of-week, not ${f.name}` : itemProblem(item, f);
      if (why) return why;
    }
  }
  return undefined;
}

export const scheduleExpression = z.string().superRefine((expression, ctx) => {
  const why = scheduleProblem(expression);
  if (!why) return;
  const message = why.startsWith('must be') ? why : `${expression}: ${why}`;
  ctx.addIssue({ code: 'custom', message });
});
