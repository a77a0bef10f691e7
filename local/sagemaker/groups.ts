// Model package groups: the setup hook (a group the user made before deploying), CreateModelPackageGroup,
// DescribeModelPackageGroup, and the lookup by name or ARN that the registry's operations share.
import type { Context } from './shared';
import { arn } from './shared';
import { Checker, invalid, P, type Json } from './validation';

export interface Group {
  name: string;
  arn: string;
  description?: string;
  createdAt: number;
}

/** `arn:…:model-package-group/churn` or `churn` → `churn`. */
export const nameOf = (arnOrName: string): string => arnOrName.split('/').pop() ?? arnOrName;

export class Groups {
  private readonly byName = new Map<string, Group>();

  constructor(private readonly ctx: Context) {}

  get(name: string): Group | undefined {
    return this.byName.get(nameOf(name).toLowerCase());
  }

  has(resourceArn: string): boolean {
    return [...this.byName.values()].some((g) => g.arn === resourceArn);
  }

  /** Creates the group, or returns the existing one of that name (the setup hook is idempotent). */
  define(name: string, description?: string): Group {
    const existing = this.get(name);
    if (existing) return existing;
    const group: Group = { name, arn: arn(`model-package-group/${name}`), createdAt: this.ctx.clock.now().getTime(), ...(description !== undefined ? { description } : {}) };
    this.byName.set(name.toLowerCase(), group);
    return group;
  }

  create(input: Json): { ModelPackageGroupArn: string } {
    const c = new Checker();
    c.required(input.ModelPackageGroupName, 'modelPackageGroupName');
    const name = c.string(input.ModelPackageGroupName, 'modelPackageGroupName', { min: 1, max: 63, pattern: P.entityName }) ?? '';
    const description = c.string(input.ModelPackageGroupDescription, 'modelPackageGroupDescription', { max: 1024, pattern: P.description });
    const tags = c.tags(input.Tags);
    c.done();
    const existing = this.get(name);
    if (existing) throw invalid(`Model Package Group already exists: ${existing.arn}`);
    const group = this.define(name, description);
    this.ctx.tags.add(group.arn, tags);
    this.ctx.timeline.log('sagemaker', `registry group ${name} created`);
    return { ModelPackageGroupArn: group.arn };
  }

  /** Checks a ModelPackageGroupName member (name or ARN) into `c`, throws what `c` found, and looks the group up. */
  lookup(c: Checker, value: unknown, path: string, required: boolean): Group | undefined {
    if (required) c.required(value, path);
    const name = c.string(value, path, { min: 1, max: 170, pattern: P.arnOrName });
    c.done();
    return name === undefined ? undefined : this.get(name);
  }

  describe(input: Json): Json {
    const g = this.lookup(new Checker(), input.ModelPackageGroupName, 'modelPackageGroupName', true);
    if (!g) throw invalid(`ModelPackageGroup ${nameOf(String(input.ModelPackageGroupName))} does not exist.`);
    return {
      ModelPackageGroupName: g.name,
      ModelPackageGroupArn: g.arn,
      ...(g.description !== undefined ? { ModelPackageGroupDescription: g.description } : {}),
      CreationTime: new Date(g.createdAt),
      CreatedBy: {},
      ModelPackageGroupStatus: 'Completed',
    };
  }
}
