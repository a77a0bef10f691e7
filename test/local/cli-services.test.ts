// What the `shepherd` CLI asks the local cloud, answered to the real SDK clients as AWS answers them: the stack's
// outputs, who the caller is, and the local cloud's time.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cloudFormationEmulator } from '../../local/cloudformation';
import { CLOCK_PATH, startLocalServer, type LocalServer } from '../../local/server';
import { stsEmulator } from '../../local/sts';

const options = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
let server: LocalServer;

beforeAll(async () => {
  server = await startLocalServer({
    services: {
      cloudformation: cloudFormationEmulator('shepherd-local', {}, { StateTableName: 'shepherd-local' }),
      sts: stsEmulator('ana'),
    },
    clock: () => ({ now: '2026-11-27T05:00:00.000Z', speed: 400 }),
  });
});
afterAll(() => server.close());

describe('the local cloud answers the CLI', () => {
  it("gives the stack's outputs to DescribeStacks, and CloudFormation's error for another stack", async () => {
    // Prepare
    const cloudformation = new CloudFormationClient({ ...options, endpoint: server.url });

    // Act
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: 'shepherd-local' }));
    const other = cloudformation.send(new DescribeStacksCommand({ StackName: 'shepherd-dev' }));

    // Assess
    expect(Stacks?.[0]?.Outputs).toEqual([{ OutputKey: 'StateTableName', OutputValue: 'shepherd-local' }]);
    await expect(other).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id shepherd-dev does not exist',
    });
  });

  it('says who calls with GetCallerIdentity, and what time it is in the local cloud', async () => {
    // Prepare
    const sts = new STSClient({ ...options, endpoint: server.url });

    // Act
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const clock = await (await fetch(`${server.url}${CLOCK_PATH}`)).json();

    // Assess
    expect(identity).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ana' });
    expect(clock).toEqual({ now: '2026-11-27T05:00:00.000Z', speed: 400 });
  });
});
