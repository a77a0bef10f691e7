// The one way Shepherd asks the registry for a group's newest Approved package: the production model a candidate is
// compared with, and an approval whose event was lost.
import type { ListModelPackagesCommandInput } from '@aws-sdk/client-sagemaker';

export const newestApprovedInput = (group: string): ListModelPackagesCommandInput => ({
  ModelPackageGroupName: group,
  ModelApprovalStatus: 'Approved',
  SortBy: 'CreationTime',
  SortOrder: 'Descending',
  MaxResults: 1,
});
