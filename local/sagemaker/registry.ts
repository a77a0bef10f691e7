// The model registry: versioned model packages in their groups. CreateModelPackage numbers the versions of
// a group and is idempotent on its ClientToken; it and UpdateModelPackage emit `SageMaker Model Package
// State Change` (SageMaker sends it on registration and on edits, not only on approval). The two requests are
// checked in package-requests.ts.
import { envelope } from '../core';
import { Groups, nameOf, type Group } from './groups';
import { createPackageRequest, updatePackageRequest } from './package-requests';
import { listPackages, packageView, type ModelPackage } from './packages';
import { lowerArn, nameIn, Resources, type Kind } from './resources';
import { ARN_PREFIX, isoSeconds, type Context } from './shared';
import { Checker, invalid, P, type Json } from './validation';

/** Versions, named `group/version`, are numbered here, never twice; an unknown one is a ValidationException. */
const PACKAGES: Kind<ModelPackage> = {
  arn: lowerArn('model-package'),
  // As SageMaker words it: `ModelPackage arn:aws:sagemaker:…:model-package/<group>/<n> does not exist.`
  missing: (asked) => invalid(`ModelPackage ${asked} does not exist.`),
};

export class Registry {
  readonly groups: Groups;
  private readonly packages: Resources<ModelPackage>;
  private readonly tokens = new Map<string, string>();
  /** The last version each group numbered: a deleted version's number is never given again. */
  private readonly versions = new Map<string, number>();

  constructor(private readonly ctx: Context) {
    this.groups = new Groups(ctx);
    this.packages = new Resources(PACKAGES, ctx.tags);
  }

  all(): readonly ModelPackage[] {
    return this.packages.all();
  }

  has(resourceArn: string): boolean {
    return this.groups.has(resourceArn) || this.packages.has(resourceArn);
  }

  create(input: Json): { ModelPackageArn: string } {
    const c = new Checker();
    const request = createPackageRequest(c, input);
    const group = this.groups.lookup(c, input.ModelPackageGroupName, 'modelPackageGroupName', false);
    const earlier = request.token === undefined ? undefined : this.tokens.get(request.token);
    if (earlier) return { ModelPackageArn: earlier };
    if (input.ModelPackageGroupName === undefined)
      throw invalid(
        'The local SageMaker emulator keeps versioned model packages only: ModelPackageGroupName is required.',
      );
    if (input.ModelPackageName !== undefined)
      throw invalid('ModelPackageName is not applicable to versioned model packages: use ModelPackageGroupName.');
    if (!group) throw invalid(`Model package group ${nameOf(String(input.ModelPackageGroupName))} does not exist.`);
    const { token, tags, ...registered } = request;
    const pkg = this.register(group, registered);
    if (token !== undefined) this.tokens.set(token, pkg.arn);
    this.ctx.tags.add(pkg.arn, tags);
    return { ModelPackageArn: pkg.arn };
  }

  /** Registers version n+1 of `group` (CreateModelPackage, or a pipeline's RegisterModel step). */
  register(
    group: Group | string,
    p: { approval: string; metadata: Record<string, string>; extra?: Json; description?: string; inference?: Json },
  ): ModelPackage {
    const g = typeof group === 'string' ? this.groups.get(group) : group;
    if (!g) throw invalid(`Model package group ${String(group)} does not exist.`);
    const version = (this.versions.get(g.name) ?? 0) + 1;
    this.versions.set(g.name, version);
    const now = this.ctx.clock.now().getTime();
    const pkg = this.packages.add(`${g.name}/${version}`, (packageArn, seq) => ({
      arn: packageArn,
      group: g.name,
      version,
      approvalStatus: p.approval,
      metadata: { ...p.metadata },
      extra: p.extra ?? {},
      createdAt: now,
      lastModified: now,
      seq,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.inference ? { inference: structuredClone(p.inference) } : {}),
    }));
    this.announce(pkg, `registry ${g.name} v${version} registered ${pkg.approvalStatus}`);
    return pkg;
  }

  /** By ARN, or by `group/version` (the name form DescribeModelPackage takes for a versioned package). */
  find(value: string): ModelPackage | undefined {
    if (value.startsWith('arn:') && !value.startsWith(`${ARN_PREFIX}model-package/`)) return undefined;
    const m = /model-package\/([^/]+)\/(\d+)$/.exec(value.startsWith('arn:') ? value : `model-package/${value}`);
    return m ? this.packages.get(`${m[1]}/${Number(m[2])}`) : undefined;
  }

  /** As `find`, or the ValidationException every operation answers for a package that does not exist. */
  require(value: string): ModelPackage {
    const pkg = this.find(value);
    if (!pkg) throw this.packages.missing(value);
    return pkg;
  }

  describe(input: Json): Json {
    const name = nameIn(input, 'ModelPackageName', { min: 1, max: 176, pattern: P.versionedArnOrName });
    return packageView(this.require(name), (ms) => new Date(ms));
  }

  /** DeleteModelPackage: the version is gone; every later call naming it answers "does not exist". */
  delete(input: Json): Record<string, never> {
    const name = nameIn(input, 'ModelPackageName', { min: 1, max: 176, pattern: P.versionedArnOrName });
    const pkg = this.require(name);
    this.packages.remove(`${pkg.group}/${pkg.version}`);
    this.ctx.timeline.log('sagemaker', `registry ${pkg.group} v${pkg.version} deleted`);
    return {};
  }

  update(input: Json): { ModelPackageArn: string } {
    const { packageArn, approval, note, metadata, remove } = updatePackageRequest(new Checker(), input);
    const pkg = this.require(packageArn);
    const merged = { ...pkg.metadata, ...(metadata ?? {}) };
    for (const k of remove) delete merged[k];
    if (Object.keys(merged).length > 50)
      throw invalid('A model package can have at most 50 CustomerMetadataProperties.');
    const before = pkg.approvalStatus;
    if (approval !== undefined) pkg.approvalStatus = approval;
    if (note !== undefined) pkg.approvalDescription = note;
    pkg.metadata = merged;
    pkg.lastModified = Math.max(this.ctx.clock.now().getTime(), pkg.lastModified);
    const change = before === pkg.approvalStatus ? 'updated' : `${before} → ${pkg.approvalStatus}`;
    this.announce(pkg, `registry ${pkg.group} v${pkg.version} ${change}${note ? ` (${note})` : ''}`);
    return { ModelPackageArn: pkg.arn };
  }

  list(input: Json): { ModelPackageSummaryList: Json[]; NextToken?: string } {
    return listPackages(this.all(), input);
  }

  private announce(p: ModelPackage, line: string): void {
    this.ctx.emit(
      envelope(
        'aws.sagemaker',
        'SageMaker Model Package State Change',
        packageView(p, isoSeconds),
        [p.arn],
        new Date(p.lastModified),
      ),
    );
    this.ctx.timeline.log('sagemaker', line);
  }
}
