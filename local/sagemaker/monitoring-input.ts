// What Model Monitor's emulated requests share: name and URI checks, and when a schedule's cron runs next.
import { AwsError } from '../core';

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
// Hourly at most: every hour, once a day at hour H (0-23), or every N hours (1-24) from hour H.
const CRON = /^cron\(0 (\*|(\d{1,2})(\/(\d{1,2}))?) \? \* \* \*\)$/;
const HOUR = 3_600_000;
/** How long an execution or a baselining job runs. */
export const RUN_MS = 10 * 60_000;

export const invalid = (message: string) => new AwsError('ValidationException', message);
export const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
export const requireName = (v: unknown, field: string) => {
  const name = str(v);
  if (!name || !NAME.test(name)) throw invalid(`${field} must match ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`);
  return name;
};
export const s3 = (v: unknown, field: string) => {
  if (!str(v)?.startsWith('s3://')) throw invalid(`${field} must be an s3:// URI`);
  return str(v)!;
};
export const isRoleArn = (v: unknown) => /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(str(v) ?? '');

/** The next top of an hour the expression names, strictly after `after`. */
export function nextRun(expression: string, after: number): number {
  const m = CRON.exec(expression);
  if (!m) throw invalid(`Invalid ScheduleExpression ${expression}: Model Monitor runs at most hourly`);
  const [from, every] = [Number(m[2] ?? 0), Number(m[4] ?? 24)];
  if (from > 23 || every < 1 || every > 24)
    throw invalid(`Invalid ScheduleExpression ${expression}: an hour is 0 to 23 and a step 1 to 24`);
  let t = Math.floor(after / HOUR) * HOUR + HOUR;
  for (let i = 0; i < 48; i++, t += HOUR) {
    const hour = new Date(t).getUTCHours();
    if (m[1] === '*' || (hour >= from && (hour - from) % every === 0)) return t;
  }
  throw invalid(`ScheduleExpression ${expression} names no hour`);
}
