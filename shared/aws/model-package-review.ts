// What an approval link's page reads in the Model Registry: the package it asks about, with the metadata Shepherd
// registered it with, and whether a newer one of its group took its place.
import { DescribeModelPackageCommand, ListModelPackagesCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { isNotFound } from './sagemaker-errors';

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
        ...(p.CreationTime ? { createdAt: p.CreationTime.toISOString() } : {}),
        ...(p.ModelPackageDescription ? { description: p.ModelPackageDescription } : {}),
        metadata: p.CustomerMetadataProperties ?? {},
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The ARN of the group's most recently registered package. */
  async newest(group: string): Promise<string | undefined> {
    const out = await this.client.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group,
        ModelPackageType: 'Versioned',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 1,
      }),
    );
    return out.ModelPackageSummaryList?.[0]?.ModelPackageArn;
  }
}
