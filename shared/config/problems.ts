// How a config or environment problem is reported. Kept apart from the YAML reader (load.ts), so that a bundled
// function, whose config was validated and compiled in at package time, carries no YAML parser to report one.
import type { $ZodIssue } from 'zod/v4/core';

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

/** A path into a document as a user writes it: `models[0].deployment.endpoint`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  ) || '(root)';

/**
 * Why a value failed; a field left out says so, as shared/validation.ts does. zod reports no input by default, so
 * only its own message says the value was undefined (`Invalid input: expected string, received undefined`).
 */
const reason = (issue: $ZodIssue): string =>
  issue.code === 'invalid_type' && issue.message.endsWith(' received undefined')
    ? 'required, but missing'
    : issue.message;

/** zod's issues as `path: reason` lines (the config's; shared/validation.ts has those of what functions receive). */
export const formatIssues = (issues: readonly $ZodIssue[]): string[] =>
  issues.map((i) => `${formatPath(i.path)}: ${reason(i)}`);
