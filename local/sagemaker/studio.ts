// SageMaker Studio as a cost sweep reads it: the domains and running apps a scenario starts out with
// (setup.studioDomains), answered by ListApps and DescribeDomain in the API reference's shapes, each request checked
// as SageMaker checks it. Idle shutdown is the domain's AppLifecycleManagement.IdleSettings, set for JupyterLab and
// Code Editor apps alike when the scenario gives idleShutdownMinutes, absent when it does not (a domain created
// without it). Apps only run here: nothing in a scenario starts, stops or deletes them.
import { AwsError } from '../core';
import { arn, page, pageRequest, sorter } from './shared';
import { pattern } from './patterns';
import { Checker, invalid, P, type Json } from './validation';

/** The API reference's DomainId pattern (ListApps, DescribeDomain). */
export const DOMAIN_ID = pattern('d-(-*[a-z0-9]){1,61}');
export const APP_TYPES = [
  'JupyterServer',
  'KernelGateway',
  'DetailedProfiler',
  'TensorBoard',
  'CodeEditor',
  'JupyterLab',
  'RStudioServerPro',
  'RSessionGateway',
  'Canvas',
] as const;
export const APP_STATUSES = ['Deleted', 'Deleting', 'Failed', 'InService', 'Pending'] as const;

export interface SeededDomain {
  id: string;
  name: string;
  /** Minutes of idleness after which the domain shuts JupyterLab and Code Editor apps down; absent: never. */
  idleShutdownMinutes?: number;
  createdAt: number;
}
export interface SeededApp {
  domainId: string;
  /** The space the app runs in (JupyterLab, Code Editor), or the user profile (Studio Classic apps). */
  space?: string;
  userProfile?: string;
  type: (typeof APP_TYPES)[number];
  name: string;
  status: (typeof APP_STATUSES)[number];
  instanceType?: string;
  createdAt: number;
}

const ROLE = 'arn:aws:iam::123456789012:role/existing-sagemaker-role';

export class Studio {
  private readonly domains = new Map<string, SeededDomain>();
  private readonly apps: (SeededApp & { seq: number })[] = [];

  /** Setup hook: a domain and the apps it runs. */
  seed(domain: SeededDomain, apps: SeededApp[]): void {
    if (this.domains.has(domain.id)) throw new Error(`Studio domain ${domain.id} is seeded twice`);
    this.domains.set(domain.id, domain);
    for (const app of apps) this.apps.push({ ...app, seq: this.apps.length });
  }

  listApps(input: Json): { Apps: Json[]; NextToken?: string } {
    const c = new Checker();
    const domainId = c.string(input.DomainIdEquals, 'domainIdEquals', { max: 63, pattern: DOMAIN_ID });
    const user = c.string(input.UserProfileNameEquals, 'userProfileNameEquals', { max: 63, pattern: P.entityName });
    const space = c.string(input.SpaceNameEquals, 'spaceNameEquals', { max: 63, pattern: P.entityName });
    c.string(input.SortBy, 'sortBy', { enum: ['CreationTime'] });
    const order = c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] });
    const at = pageRequest(c, input);
    c.done();
    // The API reference: "If SpaceNameEquals is set, then this value cannot be set."
    if (user !== undefined && space !== undefined)
      throw invalid('UserProfileNameEquals and SpaceNameEquals cannot both be set');
    const matching = this.apps
      .filter((a) => domainId === undefined || a.domainId === domainId)
      .filter((a) => user === undefined || a.userProfile === user)
      .filter((a) => space === undefined || a.space === space)
      .sort(
        sorter(
          (a) => a.createdAt,
          (a) => a.seq,
          order,
        ),
      );
    const { items, NextToken } = page(matching, at);
    return { Apps: items.map(appDetails), ...(NextToken ? { NextToken } : {}) };
  }

  describeDomain(input: Json): Json {
    const c = new Checker();
    c.required(input.DomainId, 'domainId');
    const id = c.string(input.DomainId, 'domainId', { max: 63, pattern: DOMAIN_ID });
    c.done();
    const d = this.domains.get(id!);
    if (!d) throw new AwsError('ResourceNotFound', `Domain ${id} not found`);
    const lifecycle =
      d.idleShutdownMinutes === undefined
        ? {}
        : {
            AppLifecycleManagement: {
              IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: d.idleShutdownMinutes },
            },
          };
    return {
      DomainArn: arn(`domain/${d.id}`),
      DomainId: d.id,
      DomainName: d.name,
      Status: 'InService',
      AuthMode: 'IAM',
      AppNetworkAccessType: 'PublicInternetOnly',
      CreationTime: new Date(d.createdAt),
      LastModifiedTime: new Date(d.createdAt),
      Url: `https://${d.id}.studio.us-east-1.sagemaker.aws`,
      DefaultUserSettings: {
        ExecutionRole: ROLE,
        JupyterLabAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' }, ...lifecycle },
        CodeEditorAppSettings: { DefaultResourceSpec: { InstanceType: 'ml.t3.medium' }, ...lifecycle },
      },
    };
  }

  /**
   * A space an app runs in, as DescribeSpace gives it: a scenario's spaces are shared (no owner), so their apps follow
   * the domain's idle shutdown, and set no idle timeout of their own.
   */
  describeSpace(input: Json): Json {
    const [domainId, name] = this.named(input, 'SpaceName', 'spaceName');
    if (!this.apps.some((a) => a.domainId === domainId && a.space === name))
      throw new AwsError('ResourceNotFound', `Space ${name} not found in domain ${domainId}`);
    const at = new Date(this.domains.get(domainId)!.createdAt);
    const [DomainId, SpaceName, SpaceArn] = [domainId, name, arn(`space/${domainId}/${name}`)];
    return { DomainId, SpaceName, SpaceArn, Status: 'InService', CreationTime: at, LastModifiedTime: at };
  }

  /** A Studio Classic app's user profile, as DescribeUserProfile gives it: with no settings of its own. */
  describeUserProfile(input: Json): Json {
    const [domainId, name] = this.named(input, 'UserProfileName', 'userProfileName');
    if (!this.apps.some((a) => a.domainId === domainId && a.userProfile === name))
      throw new AwsError('ResourceNotFound', `User profile ${name} not found in domain ${domainId}`);
    const at = new Date(this.domains.get(domainId)!.createdAt);
    const [DomainId, UserProfileName, UserProfileArn] = [domainId, name, arn(`user-profile/${domainId}/${name}`)];
    return { DomainId, UserProfileName, UserProfileArn, Status: 'InService', CreationTime: at, UserSettings: {} };
  }

  /** The DomainId and the entity name a Describe takes, checked as SageMaker checks them. */
  private named(input: Json, field: string, member: string): [string, string] {
    const c = new Checker();
    c.required(input.DomainId, 'domainId');
    c.required(input[field], member);
    const id = c.string(input.DomainId, 'domainId', { max: 63, pattern: DOMAIN_ID });
    const name = c.string(input[field], member, { max: 63, pattern: P.entityName });
    c.done();
    return [id!, name!];
  }

  /** The apps as SageMaker holds them: what tests and the summary read. */
  view(): ReadonlyArray<{ domainId: string; name: string; type: string; status: string }> {
    return this.apps.map(({ domainId, name, type, status }) => ({ domainId, name, type, status }));
  }
}

const appDetails = (a: SeededApp): Json => ({
  DomainId: a.domainId,
  ...(a.userProfile ? { UserProfileName: a.userProfile } : {}),
  ...(a.space ? { SpaceName: a.space } : {}),
  AppType: a.type,
  AppName: a.name,
  Status: a.status,
  CreationTime: new Date(a.createdAt),
  ...(a.instanceType ? { ResourceSpec: { InstanceType: a.instanceType } } : {}),
});
