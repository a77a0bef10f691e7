import { createHash } from 'node:crypto';

/** SageMaker's name rule for jobs, models, endpoint configs, endpoints and package groups. */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
export const MAX_NAME = 63;

export const shortHash = (input: string, length = 8): string =>
  createHash('sha256').update(input).digest('hex').slice(0, length);

/** Lower-cases and squeezes any string into SageMaker's alphabet; never empty. */
export function sanitizeName(input: string): string {
  const cleaned = input
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned || 'x';
}

/**
 * `<prefix>-<suffix>` within `max` characters. A prefix that must be cut keeps a hash of the whole, so two
 * long model-line names that share their first characters still give different names.
 */
export function boundedName(prefix: string, suffix: string, max = MAX_NAME): string {
  const clean = sanitizeName(prefix);
  const room = max - suffix.length - 1;
  if (room < 1) throw new Error(`name suffix "${suffix}" leaves no room within ${max} characters`);
  const head =
    clean.length <= room
      ? clean
      : `${clean.slice(0, Math.max(1, room - 9)).replace(/-+$/, '')}-${shortHash(prefix, 8)}`.slice(0, room);
  const name = `${head.replace(/-+$/, '')}-${suffix}`;
  if (!SAGEMAKER_NAME.test(name) || name.length > max)
    throw new Error(`cannot build a valid SageMaker name from "${prefix}" and "${suffix}"`);
  return name;
}

/**
 * How every `boundedName(prefix…, suffix)` begins, for a prefix that starts with `prefix` (followed by a dash, if by
 * anything) and a suffix of at most `maxSuffix` characters that starts with `infix`: `<prefix>-<infix>` (sanitized)
 * while the prefix is always kept whole, else as much of it as a cut keeps. What an IAM resource pattern names the
 * line's resources by, with `*` after it, and where the cost sweep looks for them.
 */
export function boundedNameStart(prefix: string, maxSuffix: number, infix = ''): string {
  const clean = sanitizeName(prefix);
  // A cut keeps `MAX_NAME - suffix - 1` characters less the 9 of `-<hash>`; a prefix that fits is kept whole.
  const kept = MAX_NAME - maxSuffix - 10;
  return clean.length <= kept ? `${clean}-${infix}` : clean.slice(0, kept);
}

/** `v<version>-<6 hex>`: the suffix of what is made of one package version (its model, its Neo builds). */
export const versionSuffix = (version: number, hashed: string): string => `v${version}-${shortHash(hashed, 6)}`;
// A package version is an integer: at most 10 digits.
export const VERSION_SUFFIX_MAX = 'v'.length + 10 + 1 + 6;

/** A deployed model's name: its line's and its package version's, with a hash of the package's ARN. */
export const modelName = (line: string, pkg: { version: number; arn: string }): string =>
  boundedName(line, versionSuffix(pkg.version, pkg.arn));
/** A deployment's endpoint config: its canary's, or its final one, with the candidate alone. */
export const configName = (endpoint: string, deploymentId: string, purpose: 'canary' | 'final'): string =>
  boundedName(endpoint, `${deploymentId}-${purpose}`);
export const modelNameStart = (line: string): string => boundedNameStart(line, VERSION_SUFFIX_MAX);
// A deployment id is 6 hex digits.
export const configNameStart = (endpoint: string): string => boundedNameStart(endpoint, 6 + 1 + 'canary'.length);

/** `20261127t0105`: minute precision, SageMaker-safe. */
export const compactTime = (iso: string): string => iso.slice(0, 16).replace(/[-:]/g, '').toLowerCase();

// `-r<attempt>`: a spot retry's, with at most 10 retries (training-schema.ts).
const RETRY_SUFFIX_MAX = '-r10'.length;
// `<yyyymmddthhmm>-<8 hex>`
const RUN_SUFFIX = 'yyyymmddthhmm'.length + 1 + 8;

/** The run's base name: one per trigger, stable across the retries of that run. ≤ 59 chars so `-rN` fits. */
export const trainingRunName = (model: string, triggerId: string, startedAt: string): string =>
  boundedName(model, `${compactTime(startedAt)}-${shortHash(`${model}|${triggerId}`, 8)}`, MAX_NAME - RETRY_SUFFIX_MAX);
/**
 * How every training job of the line's runs begins, spot retries included (a run's name leaves room for the retry's
 * suffix): what the IAM pattern of the line's training jobs names them by, with `*` after it.
 */
export const trainingJobsStart = (model: string): string => boundedNameStart(model, RUN_SUFFIX + RETRY_SUFFIX_MAX);

/** CreateHyperParameterTuningJob allows 32 characters; SageMaker prefixes every child job's name with it. */
export const MAX_TUNING_NAME = 32;

// `yymmddthhmm-<6 hex>`
const TUNING_SUFFIX = 18;

/** A tuning run's name, one per trigger: `<line>-<yymmddthhmm>-<hash>`, the line's name cut (with a hash) to fit. */
export const tuningRunName = (model: string, triggerId: string, startedAt: string): string =>
  boundedName(model, `${compactTime(startedAt).slice(2)}-${shortHash(`${model}|${triggerId}`, 6)}`, MAX_TUNING_NAME);

/** The part of every tuning run's name that names its line (`<head>-<suffix>`): one head per line. */
export const tuningNameHead = (model: string): string =>
  boundedName(model, 'x'.repeat(TUNING_SUFFIX), MAX_TUNING_NAME).slice(0, -(TUNING_SUFFIX + 1));

/** Whether this tuning job name is one of the line's runs. */
export const isTuningRunOf = (model: string, name: string): boolean =>
  name.length > TUNING_SUFFIX + 1 && name.slice(0, -(TUNING_SUFFIX + 1)) === tuningNameHead(model);

export const trainingJobName = (runName: string, attempt: number): string =>
  attempt === 0 ? runName : `${runName}-r${attempt}`;

/** ClientToken / ClientRequestToken: ≤ 36 chars of [a-zA-Z0-9-], the same for the same input. */
export const clientToken = (...parts: string[]): string => shortHash(parts.join('|'), 32);
