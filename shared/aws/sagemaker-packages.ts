// The Model Registry's approved packages as a deployment or an edge build needs them: apart from hosting, so the
// reconciler, which only builds for the edge, carries neither endpoint requests nor their shapes.
import {
  DescribeModelPackageCommand,
  type DescribeModelPackageCommandOutput,
  ListModelPackagesCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { ApprovedPackage, NotApproved } from '../domain/deployment/state';
import { newestApprovedInput } from './newest-approved';
import { isNotFound } from './sagemaker-errors';

export class ApprovedPackagesAdapter {
  constructor(private readonly client: SageMakerClient) {}

  /** The group's newest Approved package (by creation), with when it was created; undefined when none is. */
  async newestApproved(group: string): Promise<{ arn: string; createdAt: Date } | undefined> {
    const list = await this.client.send(new ListModelPackagesCommand(newestApprovedInput(group)));
    const newest = list?.ModelPackageSummaryList?.[0];
    return newest?.ModelPackageArn && newest.CreationTime
      ? { arn: newest.ModelPackageArn, createdAt: newest.CreationTime }
      : undefined;
  }

  /**
   * An approved package as a deployment needs it: its version and inference containers; undefined once deleted, and
   * its status when it is no longer Approved (rejected since its event was sent: the registry, not the event, says).
   */
  async approvedPackage(arn: string, at: string): Promise<ApprovedPackage | NotApproved | undefined> {
    return (await this.approval(arn, at))?.pkg;
  }

  /**
   * The same, with when the registry last changed the package (`LastModifiedTime`: its approval, or an edit since;
   * its creation when it was never changed), for an approval whose event was lost: one DescribeModelPackage.
   */
  async approval(
    arn: string,
    at: string,
  ): Promise<{ pkg: ApprovedPackage | NotApproved; changedAt?: Date } | undefined> {
    let p: DescribeModelPackageCommandOutput;
    try {
      p = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const changedAt = p.LastModifiedTime ?? p.CreationTime;
    return { pkg: this.approved(arn, at, p), ...(changedAt ? { changedAt } : {}) };
  }

  private approved(arn: string, at: string, p: DescribeModelPackageCommandOutput): ApprovedPackage | NotApproved {
    if (p.ModelApprovalStatus !== 'Approved') return { notApproved: p.ModelApprovalStatus ?? 'Unknown' };
    const containers = (p.InferenceSpecification?.Containers ?? []).map((c) => ({
      Image: c.Image ?? '',
      ...(c.ModelDataUrl ? { ModelDataUrl: c.ModelDataUrl } : {}),
      ...(c.ModelDataSource ? { ModelDataSource: c.ModelDataSource } : {}),
      ...(c.Environment && Object.keys(c.Environment).length ? { Environment: c.Environment } : {}),
    }));
    // None at all is a package registered without an InferenceSpecification (it is optional): the deployment says so.
    return {
      arn,
      group: p.ModelPackageGroupName ?? '',
      version: p.ModelPackageVersion ?? Number(arn.split('/').pop()),
      containers,
      at,
    };
  }
}
