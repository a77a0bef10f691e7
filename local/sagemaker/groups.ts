// Model package groups: the setup hook (a group the user made before deploying), CreateModelPackageGroup,
// DescribeModelPackageGroup, and the lookup by name or ARN that the registry's operations share.
import { Resources, type Kind } from './resources';
import { arn, type Context } from './shared';
import { Checker, invalid, P, type Json } from './validation';

export interface Group {
  name: string;
  arn: string;
  description?: string;
  createdAt: number;
}

/** `arn:…:model-package-group/churn` or `churn` → `churn`. */
export const nameOf = (arnOrName: string): string => arnOrName.split('/').pop() ?? arnOrName;

/** The one kind whose ARN keeps the name's case as given; both answers are ValidationExceptions. */
const GROUPS: Kind<Group> = {
  arn: (name) => arn(`model-package-group/${name}`),
  exists: (found) => invalid(`Model Package Group already exists: ${found.arn}`),
  missing: (asked) => invalid(`ModelPackageGroup ${asked} does not exist.`),
};

export class Groups {
  private readonly groups: Resources<Group>;

  constructor(private readonly ctx: Context) {
    this.groups = new Resources(GROUPS, ctx.tags);
  }

  /** By name or ARN. */
  get(name: string): Group | undefined {
    return this.groups.get(nameOf(name));
  }

  has(resourceArn: string): boolean {
    return this.groups.has(resourceArn);
  }

  /** Creates the group, or returns the existing one of that name (the setup hook is idempotent). */
  define(name: string): Group {
    return this.groups.ensure(name, (groupArn) => ({ name, arn: groupArn, createdAt: this.ctx.clock.now().getTime() }));
  }

  create(input: Json): { ModelPackageGroupArn: string } {
    const c = new Checker();
    c.required(input.ModelPackageGroupName, 'modelPackageGroupName');
    const name =
      c.string(input.ModelPackageGroupName, 'modelPackageGroupName', { min: 1, max: 63, pattern: P.entityName }) ?? '';
    const description = c.string(input.ModelPackageGroupDescription, 'modelPackageGroupDescription', {
      max: 1024,
      pattern: P.description,
    });
    const tags = c.tags(input.Tags);
    c.done();
    const [described, now] = [description !== undefined ? { description } : {}, this.ctx.clock.now().getTime()];
    const build = (groupArn: string): Group => ({ name, arn: groupArn, createdAt: now, ...described });
    const group = this.groups.add(name, build, tags);
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
    if (!g) throw this.groups.missing(nameOf(String(input.ModelPackageGroupName)));
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
