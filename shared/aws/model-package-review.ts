// What an approval link's page reads in the Model Registry: the package it asks about, with the metadata Shepherd
// registered it with, and whether a newer one of its group took its place (a rejected one takes none).
import { DescribeModelPackageCommand, ListModelPackagesCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isNotFound } from './sagemaker-errors';
import { isoTime } from './iso-time';

export interface PackageView {
  arn: string;
  group: string;
  version?: number;
  status: string;
  createdAt?: string;
  description?: string;
  /** CustomerMetadataProperties: Shepherd writes the trigger, data window and gate figures there. */
  metadata: Record<string, string>;
}

export class PackageReviewAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** The package now; undefined when it no longer exists (SageMaker answers a ValidationException). */
  async describe(arn: string): Promise<PackageView | undefined> {
    try {
      const p = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      return {
        arn,
        group: p.ModelPackageGroupName ?? '',
        ...(p.ModelPackageVersion !== undefined ? { version: p.ModelPackageVersion } : {}),
        status: p.ModelApprovalStatus ?? 'Unknown',
        ...(p.CreationTime ? { createdAt: isoTime(p.CreationTime) } : {}),
        ...(p.ModelPackageDescription ? { description: p.ModelPackageDescription } : {}),
        metadata: p.CustomerMetadataProperties ?? {},
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * The group's most recently registered package that may still take another's place: Approved, or waiting for a
   * decision. A Rejected one replaces nothing, so an older package waiting for a decision is still the one to
   * decide. ListModelPackages filters by one status a call: the newest of each, the later of the two.
   */
  async newestStanding(group: string): Promise<{ arn: string; status: string } | undefined> {
    const newestOf = async (ModelApprovalStatus: 'Approved' | 'PendingManualApproval') => {
      const out = await this.client.send(
        new ListModelPackagesCommand({
          ModelPackageGroupName: group,
          ModelPackageType: 'Versioned',
          ModelApprovalStatus,
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: 1,
        }),
      );
      const found = out.ModelPackageSummaryList?.[0];
      return found?.ModelPackageArn
        ? { arn: found.ModelPackageArn, status: ModelApprovalStatus, at: found.CreationTime?.getTime() ?? 0 }
        : undefined;
    };
    const found = (await Promise.all([newestOf('Approved'), newestOf('PendingManualApproval')])).filter((p) => !!p);
    const newest = found.sort((a, b) => b.at - a.at)[0];
    return newest ? { arn: newest.arn, status: newest.status } : undefined;
  }
}
