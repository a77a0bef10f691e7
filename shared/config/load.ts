import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type YAMLError } from 'yaml';
import { ConfigError, formatIssues } from './problems';
import { configSchema, type Config } from './schema';

export { ConfigError, formatIssues };

export function parseConfig(text: string, file = 'shepherd.yml'): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map(yamlProblem));
  }
  const result = configSchema.safeParse(doc.toJS());
  if (!result.success) throw new ConfigError(file, formatIssues(result.error.issues));
  return result.data;
}

/**
 * A YAML syntax error as `line L, column C: what`. The parser's first line ends in `at line L, column C:`, the
 * colon introducing a code frame that a one-line problem leaves out.
 */
export function yamlProblem(e: YAMLError): string {
  const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:$/, '');
  const at = e.linePos?.[0];
  return at ? `line ${at.line}, column ${at.col}: ${what}` : what;
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
    throw new ConfigError(path, [unreadable(err)]);
  }
  return parseConfig(text, path);
}

/**
 * Why a file could not be read, as a problem line: the common mistake (a wrong path) in words, a rarer one (EACCES,
 * EISDIR) by its code. Shared by the config and the local scenario files.
 */
export function unreadable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : `cannot be read: ${code ?? (err as Error).message}`;
}
