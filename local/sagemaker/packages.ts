// How model packages are shown: DescribeModelPackage (Dates), the `SageMaker Model Package State Change`
// detail (ISO times, as in the documented example), and ListModelPackages with its filters, sort and pages.
import { page, pageRequest, sorter, timeInput, within } from './shared';
import { nameOf } from './groups';
import { Checker, P, type Json } from './validation';

export interface ModelPackage {
  arn: string;
  group: string;
  version: number;
  description?: string;
  approvalStatus: string;
  approvalDescription?: string;
  inference?: Json;
  metadata: Record<string, string>;
  /** MetadataProperties, ModelMetrics, … kept as given. */
  extra: Json;
  createdAt: number;
  lastModified: number;
  seq: number;
}

export const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'] as const;

/** DescribeModelPackage's fields, with times converted by `time`; a versioned package's name is its group's. */
export function packageView(p: ModelPackage, time: (ms: number) => unknown): Json {
  return {
    ModelPackageName: p.group,
    ModelPackageGroupName: p.group,
    ModelPackageVersion: p.version,
    ModelPackageArn: p.arn,
    ...(p.description !== undefined ? { ModelPackageDescription: p.description } : {}),
    CreationTime: time(p.createdAt),
    ...(p.inference ? { InferenceSpecification: structuredClone(p.inference) } : {}),
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: false,
    ModelApprovalStatus: p.approvalStatus,
    ...(p.approvalDescription !== undefined ? { ApprovalDescription: p.approvalDescription } : {}),
    ...structuredClone(p.extra),
    ...(Object.keys(p.metadata).length ? { CustomerMetadataProperties: { ...p.metadata } } : {}),
    LastModifiedTime: time(p.lastModified),
  };
}

/** ListModelPackages over `packages` (all versioned). */
export function listPackages(
  packages: readonly ModelPackage[],
  input: Json,
): { ModelPackageSummaryList: Json[]; NextToken?: string } {
  const c = new Checker();
  const approval = c.string(input.ModelApprovalStatus, 'modelApprovalStatus', { enum: APPROVAL });
  const contains = c.string(input.NameContains, 'nameContains', { max: 63, pattern: P.nameContains })?.toLowerCase();
  const type = c.string(input.ModelPackageType, 'modelPackageType', { enum: ['Versioned', 'Unversioned', 'Both'] });
  const sortBy = c.string(input.SortBy, 'sortBy', { enum: ['Name', 'CreationTime'] }) ?? 'CreationTime';
  const order = c.string(input.SortOrder, 'sortOrder', { enum: ['Ascending', 'Descending'] });
  const groupName = c.string(input.ModelPackageGroupName, 'modelPackageGroupName', {
    min: 1,
    max: 170,
    pattern: P.arnOrName,
  });
  const at = pageRequest(c, input);
  c.done();
  const [after, before] = [
    timeInput(input.CreationTimeAfter, 'creationTimeAfter'),
    timeInput(input.CreationTimeBefore, 'creationTimeBefore'),
  ];
  // The documented default type is Unversioned; with a group named, its versions are what is listed.
  const versioned = (type ?? (groupName !== undefined ? 'Versioned' : 'Unversioned')) !== 'Unversioned';
  const group = groupName === undefined ? undefined : nameOf(groupName).toLowerCase();
  const matching = packages
    .filter(
      (p) =>
        versioned &&
        (group === undefined || p.group.toLowerCase() === group) &&
        (approval === undefined || p.approvalStatus === approval),
    )
    .filter(
      (p) => (contains === undefined || p.group.toLowerCase().includes(contains)) && within(p.createdAt, after, before),
    )
    .sort(
      sorter(
        (p) => (sortBy === 'Name' ? p.group : p.createdAt),
        (p) => p.seq,
        order,
      ),
    );
  const { items, NextToken } = page(matching, at);
  const summaries = items.map((p) => ({
    ModelPackageName: p.group,
    ModelPackageGroupName: p.group,
    ModelPackageVersion: p.version,
    ModelPackageArn: p.arn,
    ...(p.description !== undefined ? { ModelPackageDescription: p.description } : {}),
    CreationTime: new Date(p.createdAt),
    ModelPackageStatus: 'Completed',
    ModelApprovalStatus: p.approvalStatus,
  }));
  return { ModelPackageSummaryList: summaries, ...(NextToken ? { NextToken } : {}) };
}
