// `.shepherd/local.json`: where the local cloud of `npm start -- --keep-running` answers, written by it and read by
// `shepherd --local`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ActionError } from './errors';

export const LOCAL_FILE = join('.shepherd', 'local.json');

export const localCloudSchema = z.object({
  stage: z.string(),
  region: z.string(),
  stackName: z.string(),
  /** Every emulated AWS API but DynamoDB. */
  endpoint: z.string(),
  dynamodbEndpoint: z.string(),
  /** The local cloud's accelerated clock (`GET` answers `{ "now": "<ISO time>" }`): its decisions use that time. */
  clockUrl: z.string(),
  /** The shepherd.yml the local cloud plays. */
  config: z.string(),
  /** Where the approval pages are served, once the local cloud serves them. */
  approvalBaseUrl: z.string().optional(),
  pid: z.number(),
});

export type LocalCloud = z.infer<typeof localCloudSchema>;

export function writeLocalFile(root: string, cloud: LocalCloud): string {
  const file = join(root, LOCAL_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(cloud, null, 2)}\n`);
  return file;
}

/** The nearest `.shepherd/local.json` from `dir` up. */
export function readLocalFile(dir: string): LocalCloud {
  for (let at = dir; ; at = dirname(at)) {
    const file = join(at, LOCAL_FILE);
    if (existsSync(file)) {
      const parsed = localCloudSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new ActionError(`${file} is not a local cloud's description: start it again`);
      return parsed.data;
    }
    if (dirname(at) === at) break;
  }
  throw new ActionError(
    `no local cloud: ${LOCAL_FILE} not found here or above. Start one with \`npm start -- --keep-running\``,
  );
}
