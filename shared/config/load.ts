import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema';

/** Every problem of a config file, each as `file: path: reason`, so a user can fix them all in one go. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid Shepherd config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    // A config mistake is the user's to fix, not ours to debug: wherever it is printed, print no stack trace.
    this.stack = this.message;
  }
}

const formatPath = (path: PropertyKey[]): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '') || '(root)';

export const formatIssues = (issues: z.core.$ZodIssue[]): string[] => issues.map((i) => `${formatPath(i.path)}: ${i.message}`);

export function parseConfig(text: string, file = 'shepherd.yml'): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`));
  }
  const result = configSchema.safeParse(doc.toJS());
  if (!result.success) throw new ConfigError(file, formatIssues(result.error.issues));
  return result.data;
}

/**
 * Where the config lives: SHEPHERD_CONFIG, else shepherd.yml beside the bundle (Lambda), else in the working
 * directory (`serverless invoke local` claims /var/task as its task root but runs in the project).
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHEPHERD_CONFIG) return env.SHEPHERD_CONFIG;
  const beside = env.LAMBDA_TASK_ROOT ? join(env.LAMBDA_TASK_ROOT, 'shepherd.yml') : undefined;
  return beside && existsSync(beside) ? beside : join(process.cwd(), 'shepherd.yml');
}

export function loadConfig(path = configPath()): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [`cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
  }
  return parseConfig(text, path);
}
