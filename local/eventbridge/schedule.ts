// EventBridge schedule expressions on the virtual clock: rate(N unit) and the six-field AWS cron. An expression
// EventBridge would refuse is refused as it refuses it (a ValidationException), so that a schedule that could never
// be deployed never runs here either.
import { AwsError } from '../core';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Day-of-week takes no increments. */
  noSteps?: boolean;
}
const FIELDS: FieldRule[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, noSteps: true }, // AWS: 1 = SUN
  { name: 'year', min: 1970, max: 2199 },
];

const refused = (expression: string, why: string) =>
  new AwsError('ValidationException', `Parameter ScheduleExpression is not valid: ${expression}: ${why}`);

/** The values one cron field allows (undefined = any), from `*`, `?`, lists, ranges, steps and names. */
function field(spec: string, rule: FieldRule, fail: (why: string) => Error): Set<number> | undefined {
  if (spec === '*' || spec === '?') return undefined;
  const range = `${rule.name} are ${rule.min}-${rule.max}`;
  const value = (s: string) => {
    const i = rule.names?.indexOf(s.toUpperCase()) ?? -1;
    const n = i >= 0 ? i + 1 : /^\d+$/.test(s) ? Number(s) : Number.NaN;
    if (!(n >= rule.min && n <= rule.max)) throw fail(`"${s}" is not a value of ${rule.name}: ${range}`);
    return n;
  };
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    if (/[LW#]/.test(part)) throw fail(`${part}: L, W and # are not emulated by the local cloud`);
    const [span, stepText, extra] = part.split('/');
    if (extra !== undefined || span === '' || (rule.noSteps && stepText !== undefined))
      throw fail(`"${part}" is not a value, range or increment of ${rule.name}`);
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) ? Number(stepText) : 0;
    if (!(step >= 1 && step <= rule.max - rule.min + 1))
      throw fail(`"/${stepText}": an increment of ${rule.name} is 1 to ${rule.max - rule.min + 1}`);
    const bounds = span === '*' ? [rule.min, rule.max] : span!.split('-').map(value);
    if (bounds.length > 2) throw fail(`"${span}" is not a range of ${rule.name}`);
    const from = bounds[0]!;
    const to = bounds.length === 2 ? bounds[1]! : stepText !== undefined ? rule.max : from;
    if (to < from) throw fail(`"${span}" is not a range of ${rule.name}: it ends before it starts`);
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** The sets of values an expression's cron fields allow, or its rate in milliseconds: refused as EventBridge does. */
function parse(expression: string): { rateMs: number } | { fields: (Set<number> | undefined)[] } {
  const fail = (why: string) => refused(expression, why);
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    // EventBridge: a positive value, the unit singular for 1 and plural for more.
    if (n < 1 || (n === 1) !== (rate[3] === '')) throw fail('a rate is rate(1 unit) or rate(N units), N ≥ 2');
    return { rateMs: n * UNIT_MS[rate[2]!]! };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) throw fail('not rate(…) or cron(…)');
  const specs = cron[1]!.split(' ');
  if (specs.length !== 6) throw fail('a cron expression has six fields');
  specs.forEach((spec, i) => {
    if (spec === '?' && i !== 2 && i !== 4) throw fail(`? is for day-of-month or day-of-week, not ${FIELDS[i]!.name}`);
  });
  if ((specs[2] === '?') === (specs[4] === '?'))
    throw fail('one of day-of-month and day-of-week must be ?, and only one');
  return { fields: specs.map((spec, i) => field(spec, FIELDS[i]!, fail)) };
}

/** The next time after `after` that a schedule fires. */
export function nextFire(expression: string, after: Date): Date {
  const parsed = parse(expression);
  if ('rateMs' in parsed) return new Date(after.getTime() + parsed.rateMs);
  const [minutes, hours, days, months, weekdays, years] = parsed.fields;
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 60 * 24 * 400; i++, t.setTime(t.getTime() + 60_000)) {
    if (
      (!minutes || minutes.has(t.getUTCMinutes())) &&
      (!hours || hours.has(t.getUTCHours())) &&
      (!days || days.has(t.getUTCDate())) &&
      (!months || months.has(t.getUTCMonth() + 1)) &&
      (!weekdays || weekdays.has(t.getUTCDay() + 1)) &&
      (!years || years.has(t.getUTCFullYear()))
    )
      return new Date(t);
  }
  throw new Error(`schedule ${expression} does not fire within 400 days of ${after.toISOString()}`);
}
