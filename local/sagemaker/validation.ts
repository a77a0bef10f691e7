// Request validation the way SageMaker's front end answers it: every constraint of the service model
// (required members, lengths, patterns, enums, ranges) is checked, and all violations come back together
// as one ValidationException, "2 validation errors detected: Value 'x_y' at 'trainingJobName' failed to
// satisfy constraint: Member must satisfy regular expression pattern: ^…; …". Member paths are
// camel-cased, list members read `tags.1.member.key` (1-based), as AWS writes them.
import { AwsError } from '../core';
import { render, stringViolations, type StringRule } from './constraints';
import { P } from './patterns';

export { P };
export type { StringRule };

export type Json = Record<string, unknown>;

const camel = (member: string) => member.charAt(0).toLowerCase() + member.slice(1);

/** Collects every violation of one request, then throws them as one ValidationException. */
export class Checker {
  private readonly errors: string[] = [];

  /** `resourceConfig` + `InstanceCount` → `resourceConfig.instanceCount`; a list index i → `tags.{i+1}.member`. */
  static path(parent: string, member: string | number): string {
    const child = typeof member === 'number' ? `${member + 1}.member` : camel(member);
    return parent ? `${parent}.${child}` : child;
  }

  private violation(value: unknown, path: string, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${render(value)}'`;
    this.errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  private typed<T>(value: unknown, path: string, type: string, ok: (v: unknown) => v is T): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (!ok(value))
      throw new AwsError('SerializationException', `Expected ${type} at '${path}', got ${JSON.stringify(value)}`);
    return value;
  }

  /** Member must not be null. Returns whether it is present. */
  required(value: unknown, path: string): boolean {
    if (value !== undefined && value !== null) return true;
    this.violation(value, path, 'Member must not be null');
    return false;
  }

  string(value: unknown, path: string, rule: StringRule = {}): string | undefined {
    const s = this.typed(value, path, 'a string', (v): v is string => typeof v === 'string');
    if (s !== undefined) for (const c of stringViolations(s, rule)) this.violation(s, path, c);
    return s;
  }

  int(value: unknown, path: string, range: { min?: number; max?: number } = {}): number | undefined {
    return this.ranged(
      this.typed(value, path, 'an integer', (v): v is number => typeof v === 'number' && Number.isInteger(v)),
      path,
      range,
    );
  }

  /** A Float member (variant weights). */
  number(value: unknown, path: string, range: { min?: number; max?: number } = {}): number | undefined {
    return this.ranged(
      this.typed(value, path, 'a number', (v): v is number => typeof v === 'number' && Number.isFinite(v)),
      path,
      range,
    );
  }

  private ranged(n: number | undefined, path: string, range: { min?: number; max?: number }): number | undefined {
    if (n === undefined) return undefined;
    if (range.min !== undefined && n < range.min)
      this.violation(n, path, `Member must have value greater than or equal to ${range.min}`);
    if (range.max !== undefined && n > range.max)
      this.violation(n, path, `Member must have value less than or equal to ${range.max}`);
    return n;
  }

  bool(value: unknown, path: string): boolean | undefined {
    return this.typed(value, path, 'a boolean', (v): v is boolean => typeof v === 'boolean');
  }

  struct(value: unknown, path: string): Json | undefined {
    return this.typed(value, path, 'an object', (v): v is Json => typeof v === 'object' && !Array.isArray(v));
  }

  list(value: unknown, path: string, size: { min?: number; max?: number } = {}): unknown[] | undefined {
    const l = this.typed(value, path, 'a list', (v): v is unknown[] => Array.isArray(v));
    if (l === undefined) return undefined;
    if (size.max !== undefined && l.length > size.max)
      this.violation(l, path, `Member must have length less than or equal to ${size.max}`);
    if (size.min !== undefined && l.length < size.min)
      this.violation(l, path, `Member must have length greater than or equal to ${size.min}`);
    return l;
  }

  /** A string-to-string map: its size, then its keys' and values' constraints, reported per map as AWS does. */
  map(
    value: unknown,
    path: string,
    rule: { min?: number; max?: number; key?: StringRule; value?: StringRule },
  ): Record<string, string> | undefined {
    const m = this.struct(value, path);
    if (m === undefined) return undefined;
    const entries = Object.entries(m);
    if (rule.max !== undefined && entries.length > rule.max)
      this.violation(m, path, `Member must have length less than or equal to ${rule.max}`);
    if (rule.min !== undefined && entries.length < rule.min)
      this.violation(m, path, `Member must have length greater than or equal to ${rule.min}`);
    for (const v of Object.values(m))
      if (typeof v !== 'string')
        throw new AwsError('SerializationException', `Expected string values in the map at '${path}'`);
    const keyErrors = new Set(entries.flatMap(([k]) => stringViolations(k, rule.key ?? {})));
    const valueErrors = new Set(entries.flatMap(([, v]) => stringViolations(v as string, rule.value ?? {})));
    if (keyErrors.size) this.violation(m, path, `Map keys must satisfy constraint: [${[...keyErrors].join(', ')}]`);
    if (valueErrors.size)
      this.violation(m, path, `Map value must satisfy constraint: [${[...valueErrors].join(', ')}]`);
    return m as Record<string, string>;
  }

  /** A list of {Key, Value} tags (≤ 50). */
  tags(value: unknown, path = 'tags'): { Key: string; Value: string }[] {
    const list = this.list(value, path, { min: 0, max: 50 }) ?? [];
    return list.map((t, i) => {
      const p = Checker.path(path, i);
      const tag = this.struct(t, p) ?? {};
      this.required(tag.Key, Checker.path(p, 'Key'));
      this.required(tag.Value, Checker.path(p, 'Value'));
      const Key = this.string(tag.Key, Checker.path(p, 'Key'), { min: 1, max: 128, pattern: P.tag }) ?? '';
      const Value = this.string(tag.Value, Checker.path(p, 'Value'), { min: 0, max: 256, pattern: P.tag }) ?? '';
      return { Key, Value };
    });
  }

  /** A VpcConfig: 1–5 security groups and 1–16 subnets. */
  vpc(value: unknown, path = 'vpcConfig'): Json | undefined {
    const v = this.struct(value, path);
    if (!v) return undefined;
    for (const [member, max] of [
      ['SecurityGroupIds', 5],
      ['Subnets', 16],
    ] as const) {
      const p = Checker.path(path, member);
      if (!this.required(v[member], p)) continue;
      (this.list(v[member], p, { min: 1, max }) ?? []).forEach((id, i) =>
        this.string(id, Checker.path(p, i), { max: 32, pattern: P.vpcId }),
      );
    }
    return v;
  }

  /** Throws the collected violations, if any. */
  done(): void {
    const n = this.errors.length;
    if (n === 0) return;
    throw new AwsError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.errors.join('; ')}`,
    );
  }
}

/** A semantic (non-model) validation failure, in SageMaker's own words. */
export const invalid = (message: string): AwsError => new AwsError('ValidationException', message);
