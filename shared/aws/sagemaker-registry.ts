// The Model Registry as a human decides in it (the CLI and the approval links): a line's packages with their approval
// status, and the approval or rejection itself. Apart from SageMakerAdapter, so a function that decides never
// carries training.
import {
  DescribeModelPackageCommand,
  paginateListModelPackages,
  UpdateModelPackageCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { asApprovalDescription } from '../domain/registry/approval-description';
import type { PackageVerdict, PackageView } from '../domain/registry/decision';
import { isNotFound } from './sagemaker-errors';
import { isoTime } from './iso-time';

export class ModelRegistryAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /**
   * Version `version` of the group's packages, else its newest, with its approval status and description;
   * undefined when there is none. Versions grow with creation time, so the pages stop once past it.
   */
  async modelPackage(group: string, version?: number): Promise<PackageView | undefined> {
    const input = { ModelPackageGroupName: group, SortBy: 'CreationTime', SortOrder: 'Descending' } as const;
    const pages = paginateListModelPackages({ client: this.client, pageSize: version === undefined ? 1 : 100 }, input);
    for await (const page of pages) {
      const summaries = page.ModelPackageSummaryList ?? [];
      const found = version === undefined ? summaries[0] : summaries.find((p) => p.ModelPackageVersion === version);
      if (found?.ModelPackageArn) return this.describeModelPackage(found.ModelPackageArn);
      if (version === undefined || summaries.some((p) => (p.ModelPackageVersion ?? 0) < version)) return undefined;
    }
    return undefined;
  }

  /** A package with its approval status and description; undefined when it does not exist. */
  async modelPackageByArn(arn: string): Promise<PackageView | undefined> {
    try {
      return await this.describeModelPackage(arn);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async describeModelPackage(arn: string): Promise<PackageView> {
    const p = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    return {
      arn,
      group: p.ModelPackageGroupName ?? '',
      version: p.ModelPackageVersion ?? Number(arn.split('/').pop()),
      status: p.ModelApprovalStatus ?? 'Unknown',
      ...(p.ApprovalDescription ? { description: p.ApprovalDescription } : {}),
      ...(p.CreationTime ? { createdAt: isoTime(p.CreationTime) } : {}),
    };
  }

  /** A human's approval or rejection, with who and why in the description the registry keeps. */
  async decideModelPackage(ModelPackageArn: string, status: PackageVerdict, description: string): Promise<void> {
    await this.client.send(
      new UpdateModelPackageCommand({
        ModelPackageArn,
        ModelApprovalStatus: status,
        ApprovalDescription: asApprovalDescription(description),
      }),
    );
  }
}
