// The one CloudFormation call `serverless invoke local` makes: ListStackResources, to resolve the `!Ref`s in
// the functions' environment to what the local cloud created.
import { AwsError } from './core';
import type { QueryService } from './server';

export function cloudFormationEmulator(stackName: string, physicalIds: Record<string, string>): QueryService {
  return (action, params) => {
    if (action !== 'ListStackResources')
      throw new AwsError('InvalidAction', `CloudFormation action ${action} is not emulated`);
    if (params.StackName !== stackName)
      throw new AwsError('ValidationError', `Stack with id ${params.StackName ?? ''} does not exist`);
    return {
      StackResourceSummaries: Object.entries(physicalIds).map(([LogicalResourceId, PhysicalResourceId]) => ({
        LogicalResourceId,
        PhysicalResourceId,
        ResourceStatus: 'CREATE_COMPLETE',
      })),
    };
  };
}
