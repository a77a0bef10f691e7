// The stack as CloudFormation shows it: ListStackResources, so `serverless invoke local` resolves the `!Ref`s in the
// functions' environment to what the local cloud created, and DescribeStacks, whose outputs tell the `shepherd` CLI
// where the table, bus and topic are.
import { ACCOUNT, AwsError, REGION } from './core';
import type { QueryService } from './server/query';

export function cloudFormationEmulator(
  stackName: string,
  physicalIds: Record<string, string>,
  outputs: Record<string, string> = {},
): QueryService {
  const requireStack = (name: string | undefined) => {
    if (name !== stackName) throw new AwsError('ValidationError', `Stack with id ${name ?? ''} does not exist`);
  };
  return (action, params) => {
    if (action === 'ListStackResources') {
      requireStack(params.StackName);
      return {
        StackResourceSummaries: Object.entries(physicalIds).map(([LogicalResourceId, PhysicalResourceId]) => ({
          LogicalResourceId,
          PhysicalResourceId,
          ResourceStatus: 'CREATE_COMPLETE',
        })),
      };
    }
    if (action === 'DescribeStacks') {
      requireStack(params.StackName);
      return {
        Stacks: [
          {
            StackName: stackName,
            StackId: `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stackName}/local`,
            StackStatus: 'CREATE_COMPLETE',
            CreationTime: new Date(0),
            Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
          },
        ],
      };
    }
    throw new AwsError('InvalidAction', `CloudFormation action ${action} is not emulated`);
  };
}
