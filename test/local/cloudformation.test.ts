import { cloudFormationEmulator } from '../../local/cloudformation';

describe('CloudFormation emulation for serverless invoke local', () => {
  const cfn = cloudFormationEmulator('shepherd-local', { StateTable: 'shepherd-local', ShepherdBus: 'shepherd-local' });

  it('lists the physical ids the local cloud created for the stack’s logical resources', async () => {
    // Act
    const out = (await cfn('ListStackResources', { StackName: 'shepherd-local' })) as {
      StackResourceSummaries: { LogicalResourceId: string; PhysicalResourceId: string }[];
    };

    // Assess
    expect(out.StackResourceSummaries.map((r) => [r.LogicalResourceId, r.PhysicalResourceId])).toEqual([
      ['StateTable', 'shepherd-local'],
      ['ShepherdBus', 'shepherd-local'],
    ]);
  });

  it('answers as CloudFormation does for a stack of another stage', () => {
    // Act + Assess
    expect(() => cfn('ListStackResources', { StackName: 'shepherd-dev' })).toThrow(
      'Stack with id shepherd-dev does not exist',
    );
  });
});
