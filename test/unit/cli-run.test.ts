// `shepherd` as a script runs it: what reaches stdout and stderr, the exit code, and what AWS is asked.
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Out } from '../../shared/cli/command';
import { run } from '../../shared/cli/main';

/** An Out that keeps what the CLI printed. */
function capture(json: boolean): Out & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { json, stdout, stderr, write: (text) => stdout.push(text), fail: (text) => stderr.push(text) };
}

describe('shepherd --json, a usage mistake', () => {
  it.each([
    [['--json', 'approve', 'churn'], "required option '--reason <text>' not specified"],
    [['--json', 'approve', 'churn', '--reason', 'ok', '--version', '0'], '--version must be a positive whole number'],
    [['--json', 'promte', 'churn-prod'], "unknown command 'promte'"],
  ])('prints a failure a script can parse for %j, with exit code 2', async (argv, said) => {
    // Prepare
    const out = capture(true);

    // Act
    const code = await run(argv, out);

    // Assess
    expect(code).toBe(2);
    expect(JSON.parse(out.stdout.join('\n'))).toEqual({ outcome: 'failed', message: expect.stringContaining(said) });
    expect(out.stderr.join('\n')).toContain(said);
  });

  it('prints help, not a failure, for --help', async () => {
    // Prepare
    const out = capture(true);

    // Act
    const code = await run(['--json', 'timeline', '--help'], out);

    // Assess
    expect(code).toBe(0);
    expect(out.stdout.join('\n')).toMatch(/^Usage: shepherd timeline/);
  });
});

describe('shepherd timeline, read from the table', () => {
  const cloudformation = mockClient(CloudFormationClient);
  const dynamo = mockClient(DynamoDBDocumentClient);
  const target = ['--region', 'eu-west-1', '--config', join(__dirname, '..', '..', 'shepherd.yml')];
  const entry = (at: string) => ({
    pk: 'MODEL#churn',
    sk: `EVENT#${at}#e`,
    model: 'churn',
    at,
    type: 'T',
    message: at,
  });

  beforeEach(() => {
    cloudformation.reset();
    dynamo.reset();
    const outputs = { StateTableName: 'shepherd-dev', NotificationsTopicArn: 'arn:sns', EventBusName: 'bus' };
    cloudformation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'shepherd-dev',
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date(),
          Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
        },
      ],
    });
  });

  it('reads everything there is for a --since longer than the clock goes back, as for any other', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [entry('2026-11-27T02:00:00.000Z')] });
    const out = capture(true);

    // Act
    const code = await run([...target, '--json', 'timeline', 'churn', '--since', '999999999d'], out);

    // Assess
    expect(out.stderr).toEqual([]);
    expect(code).toBe(0);
    const [query] = dynamo.commandCalls(QueryCommand);
    expect(query?.args[0].input.ExpressionAttributeValues).toMatchObject({ ':from': 'EVENT#1970-01-01T00:00:00.000Z' });
  });
  it("reads the cost sweep's own timeline, which no model line names", async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const out = capture(false);

    // Act
    const code = await run([...target, 'timeline', 'cost-sweep', '--since', '7d'], out);

    // Assess
    expect(out.stderr).toEqual([]);
    expect(code).toBe(0);
    const [query] = dynamo.commandCalls(QueryCommand);
    expect(query?.args[0].input.ExpressionAttributeValues).toMatchObject({ ':pk': 'MODEL#cost-sweep' });
    expect(out.stdout).toEqual([expect.stringMatching(/^no timeline entries for cost-sweep since /)]);
  });
});
