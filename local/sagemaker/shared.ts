// What the SageMaker emulator's parts share: ARNs, pagination, input timestamps, the tag store and the
// context (clock, event sink, timeline) every part runs in.
import { randomInt } from 'node:crypto';
import { ACCOUNT, AwsError, REGION, type AwsEvent, type Timeline } from '../core';
import type { Clock } from '../clock';
import { type Checker, invalid } from './validation';

export const arn = (resource: string): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;
export const ARN_PREFIX = arn('');

export interface Context {
  clock: Clock;
  emit: (event: AwsEvent) => void;
  timeline: Timeline;
  tags: TagStore;
}

/** Tags by resource ARN, in the order they were added: the API lists them, events carry them as a map. */
export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  add(resourceArn: string, tags: readonly { Key: string; Value: string }[]): void {
    const current = this.byArn.get(resourceArn) ?? new Map<string, string>();
    for (const t of tags) current.set(t.Key, t.Value);
    this.byArn.set(resourceArn, current);
  }

  /** A deleted resource takes its tags with it. */
  drop(resourceArn: string): void {
    this.byArn.delete(resourceArn);
  }

  map(resourceArn: string): Record<string, string> {
    return Object.fromEntries(this.byArn.get(resourceArn) ?? []);
  }

  list(resourceArn: string): { Key: string; Value: string }[] {
    return [...(this.byArn.get(resourceArn) ?? [])].map(([Key, Value]) => ({ Key, Value }));
  }
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** `7zq1m3v9k2ab`: the id SageMaker gives a pipeline execution. */
export const executionId = (): string =>
  Array.from({ length: 12 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');

/** Second precision, as SageMaker writes times into model package and pipeline events. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A timestamp as the SDK sends it over awsJson (epoch seconds, fractions allowed); ISO strings tolerated. */
export function timeInput(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new AwsError('SerializationException', `Expected a timestamp at '${path}', got ${JSON.stringify(value)}`);
}

/** A *After / *Before filter pair (both exclusive, either absent). */
export const within = (t: number, after: number | undefined, before: number | undefined): boolean =>
  (after === undefined || t > after) && (before === undefined || t < before);

export interface PageInput {
  MaxResults?: unknown;
  NextToken?: unknown;
}

/** Reads MaxResults (1–100, default 10) and NextToken; checks them into `c`. */
export function pageRequest(c: Checker, input: PageInput): { offset: number; size: number } {
  const size = c.int(input.MaxResults, 'maxResults', { min: 1, max: 100 }) ?? 10;
  const token = c.string(input.NextToken, 'nextToken', { max: 8192 });
  if (token === undefined) return { offset: 0, size };
  const m = /^local-page-(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m?.[1]) throw invalid(`Invalid pagination token: ${token}`);
  return { offset: Number(m[1]), size };
}

/** One page of `items` and the token for the next, absent on the last page. */
export function page<T>(items: readonly T[], at: { offset: number; size: number }): { items: T[]; NextToken?: string } {
  const end = at.offset + at.size;
  return {
    items: items.slice(at.offset, end),
    ...(end < items.length ? { NextToken: Buffer.from(`local-page-${end}`).toString('base64') } : {}),
  };
}

/** A comparator for SortBy/SortOrder: by `key`, then by `tie` (creation order), both in the order asked. */
export function sorter<T>(
  key: (item: T) => string | number,
  tie: (item: T) => number,
  order: string | undefined,
): (a: T, b: T) => number {
  const sign = order === 'Descending' ? -1 : 1;
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return x < y ? -sign : sign;
    return (tie(a) - tie(b)) * sign;
  };
}

/** `5m`, `1h 20m`, `45s`: a virtual duration for the timeline. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const minutes = Math.round(s / 60);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return h > 0 ? `${h}h${m > 0 ? ` ${m}m` : ''}` : `${m}m`;
}
