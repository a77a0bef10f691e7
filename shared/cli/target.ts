// Where the CLI points: AWS (the standard credential chain and region, the stack `shepherd-<stage>`) or the local
// cloud (`--local`). Either way the table, bus and topic are read from the stack's outputs (DescribeStacks).
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { configPath } from '../config/load';
import type { StackTarget } from '../domain/cli-command';
import { ActionError } from './errors';
import { readLocalFile } from './local-file';

export interface GlobalOptions {
  local?: boolean;
  stage: string;
  region?: string;
  config?: string;
  json?: boolean;
}

/** Where the CLI points, known without a call: the clients' settings, the stack and the config file. */
export interface Place {
  description: string;
  client: { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
  dynamodb: { endpoint?: string };
  stackName: string;
  /** The stage of a stack on AWS; none on the local cloud. */
  stage?: string;
  configFile: string;
  /** The local cloud's clock; none on AWS. */
  clockUrl?: string;
}

/** The place and what its stack says: the table, topic and bus, and the time Shepherd's decisions are made at. */
export interface Target extends Place {
  tableName: string;
  topicArn: string;
  busName: string;
  clock: () => Date;
  /** The stack as the commands in its notifications name it (a registration the CLI's work finishes, say). */
  stack: StackTarget;
}

const OUTPUTS = { tableName: 'StateTableName', topicArn: 'NotificationsTopicArn', busName: 'EventBusName' } as const;

export function locate(opts: GlobalOptions, cwd = process.cwd()): Place {
  if (opts.local) {
    const cloud = readLocalFile(cwd);
    return {
      description: `the local cloud (${cloud.endpoint})`,
      client: {
        region: cloud.region,
        endpoint: cloud.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
      dynamodb: { endpoint: cloud.dynamodbEndpoint },
      stackName: cloud.stackName,
      configFile: opts.config ?? cloud.config,
      clockUrl: cloud.clockUrl,
    };
  }
  const stackName = `shepherd-${opts.stage}`;
  return {
    description: `stack ${stackName}`,
    client: opts.region ? { region: opts.region } : {},
    dynamodb: {},
    stackName,
    stage: opts.stage,
    configFile: opts.config ?? configPath(),
  };
}

export async function connect(place: Place): Promise<Target> {
  const { region, ...outputs } = await stackOutputs(place.client, place.stackName);
  const clock = place.clockUrl ? await localClock(place.clockUrl) : () => new Date();
  const stack: StackTarget = place.stage === undefined ? { local: true } : { stage: place.stage, region };
  return { ...place, ...outputs, clock, stack };
}

async function stackOutputs(client: Target['client'], stackName: string) {
  const cloudformation = new CloudFormationClient(client);
  try {
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    const read = (key: string) => {
      const value = outputs.get(key);
      if (!value) throw new ActionError(`stack ${stackName} has no output ${key}: deploy this version of Shepherd`);
      return value;
    };
    return {
      region: await cloudformation.config.region(),
      tableName: read(OUTPUTS.tableName),
      topicArn: read(OUTPUTS.topicArn),
      busName: read(OUTPUTS.busName),
    };
  } catch (err) {
    if (err instanceof Error && err.name === 'ValidationError' && /does not exist/.test(err.message)) {
      const region = await cloudformation.config.region();
      throw new ActionError(
        `no Shepherd stack ${stackName} in ${region}: deploy it (npx serverless deploy --stage <stage>) ` +
          'or pass the --stage and --region it was deployed with',
      );
    }
    throw err;
  } finally {
    cloudformation.destroy();
  }
}

/** The local cloud's time now, and from there on at its speed: its cooldowns and days are not the wall clock's. */
async function localClock(url: string): Promise<() => Date> {
  let reply: Response;
  try {
    reply = await fetch(url);
  } catch {
    throw new ActionError(`cannot reach the local cloud at ${url}: is \`npm start -- --keep-running\` still running?`);
  }
  const { now, speed } = (await reply.json()) as { now: string; speed: number };
  const [virtual, wall] = [Date.parse(now), Date.now()];
  return () => new Date(virtual + (Date.now() - wall) * speed);
}

/** Who the caller is, as AWS knows them: recorded with every human action. */
export async function callerIdentity(target: Target): Promise<string> {
  const sts = new STSClient(target.client);
  try {
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Arn) throw new ActionError('sts:GetCallerIdentity named nobody');
    return Arn;
  } finally {
    sts.destroy();
  }
}
