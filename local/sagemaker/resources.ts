// One registry for every kind of named resource the SageMaker emulator keeps (models, endpoint configs,
// endpoints, training and compilation jobs, model package groups and versions, pipelines and their executions).
// SageMaker compares names regardless of case, so they are kept by their lower-cased form. What differs per
// kind — how the ARN spells the name, and which error an API answers for a name that exists or names nothing
// (a ValidationException quoting the ARN for hosting, ResourceInUse or ResourceNotFound for newer APIs) — each
// kind declares once, so every API keeps its own answer while the bookkeeping is written once.
import { arn, type TagStore } from './shared';
import { Checker, invalid, type Json, type StringRule } from './validation';
import type { AwsError } from '../core';

export interface Kind<T> {
  /** The ARN of the resource `name` names, as SageMaker writes it (most kinds lower-case the name). */
  arn: (name: string) => string;
  /** The answer to creating what exists; absent where the emulator numbers names itself and never repeats one. */
  exists?: (found: T, name: string) => AwsError;
  /** The answer for a name that names nothing, given the name or ARN as asked and the ARN it would have. */
  missing: (asked: string, resourceArn: string) => AwsError;
  /** Pipeline execution ARNs are matched exactly as given; every other name regardless of case. */
  exactCase?: boolean;
}

/** `model/churn-v3`: the ARN of a kind that lower-cases names in its ARNs, as most do. */
export const lowerArn =
  (type: string) =>
  (name: string): string =>
    arn(`${type}/${name.toLowerCase()}`);

/** Hosting's answers, ValidationExceptions quoting the ARN: `Could not find endpoint "arn:…".` and its twin. */
export function hosted<T extends { arn: string }>(type: string, noun: string): Kind<T> {
  return {
    arn: lowerArn(type),
    exists: (found) => invalid(`Cannot create already existing ${noun} "${found.arn}".`),
    missing: (_asked, resourceArn) => invalid(`Could not find ${noun} "${resourceArn}".`),
  };
}

/** Builds the resource to create from its ARN and its place in the order of creation. */
export type Build<T> = (resourceArn: string, seq: number) => T;

export class Resources<T extends { arn: string }> {
  private readonly byName = new Map<string, T>();
  private seq = 0;

  constructor(
    private readonly kind: Kind<T>,
    private readonly tags: TagStore,
  ) {}

  arnOf(name: string): string {
    return this.kind.arn(name);
  }

  /** Every resource of the kind, in the order they were created. */
  all(): T[] {
    return [...this.byName.values()];
  }

  get(name: string): T | undefined {
    return this.byName.get(this.key(name));
  }

  has(resourceArn: string): boolean {
    return this.all().some((x) => x.arn === resourceArn);
  }

  /** The resource `name` names, or the kind's not-found answer quoting `asked` (the name or ARN as given). */
  require(name: string, asked = name): T {
    const found = this.get(name);
    if (!found) throw this.missing(name, asked);
    return found;
  }

  missing(name: string, asked = name): AwsError {
    return this.kind.missing(asked, this.kind.arn(name));
  }

  /**
   * Creates what `build` returns under `name` after the kind's already-exists check, so that answer comes
   * before any `build` gives; `seq` counts creations (deleted ones too) for listings' tie-breaks.
   */
  add(name: string, build: Build<T>, tags?: readonly { Key: string; Value: string }[]): T {
    const found = this.get(name);
    if (found) throw this.kind.exists?.(found, name) ?? new Error(`${found.arn} created twice`);
    const item = build(this.kind.arn(name), this.seq);
    this.seq += 1;
    this.byName.set(this.key(name), item);
    if (tags) this.tags.add(item.arn, tags);
    return item;
  }

  /** What `name` names, created by `build` if need be (setup hooks are idempotent). */
  ensure(name: string, build: Build<T>): T {
    return this.get(name) ?? this.add(name, build);
  }

  /** A deleted resource takes its tags with it. */
  remove(name: string): void {
    const found = this.get(name);
    if (!found) return;
    this.byName.delete(this.key(name));
    this.tags.drop(found.arn);
  }

  private key(name: string): string {
    return this.kind.exactCase ? name : name.toLowerCase();
  }
}

/** The one name member of a Describe, Delete or Stop request, checked as the service model says; throws if not. */
export function nameIn(input: Json, member: string, rule: StringRule): string {
  const c = new Checker();
  const path = Checker.path('', member);
  c.required(input[member], path);
  const name = c.string(input[member], path, rule) ?? '';
  c.done();
  return name;
}
