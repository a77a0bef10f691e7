// EventBridge schedule expressions on the virtual clock: rate(N unit) and the six-field AWS cron.

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values one cron field allows (undefined = any), from `*`, `?`, lists, ranges, steps and names. */
function field(spec: string, min: number, max: number, names: string[] = [], offset = 0): Set<number> | undefined {
  if (spec === '*' || spec === '?') return undefined;
  const value = (s: string) => {
    const i = names.indexOf(s.toUpperCase());
    const n = i >= 0 ? i + offset : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron value "${s}" is not in ${min}-${max}`);
    return n;
  };
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [from, to] =
      range === '*'
        ? [min, max]
        : range!.includes('-')
          ? range!.split('-').map(value)
          : [value(range!), stepText ? max : value(range!)];
    for (let n = from!; n <= to!; n += step) out.add(n);
  }
  return out;
}

/** The next time after `after` that a schedule fires. */
export function nextFire(expression: string, after: Date): Date {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return new Date(after.getTime() + Number(rate[1]) * UNIT_MS[rate[2]!]!);
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`unsupported schedule expression ${expression}`);
  const [, mi, h, dom, mon, dow, year] = cron;
  const minutes = field(mi!, 0, 59);
  const hours = field(h!, 0, 23);
  const days = field(dom!, 1, 31);
  const months = field(mon!, 1, 12, MONTHS, 1);
  const weekdays = field(dow!, 1, 7, DAYS, 1); // AWS: 1 = SUN
  const years = field(year!, 1970, 2199);
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
