// zod skips a schema's refinements as soon as any value inside it failed its type, so one typo would hide every
// cross-field problem of the file. With these, a refinement runs whenever the values it reads parsed, whatever
// happened to the others, and `validate-config` lists every problem at once.
import type { z } from 'zod';

type Path = readonly PropertyKey[];
type Issues = readonly z.core.$ZodRawIssue[];

// A continuable issue (a failed length, range or pattern check) leaves a value of the right type behind.
const abortingPaths = (issues: Issues): Path[] => issues.filter((i) => i.continue !== true).map((i) => i.path ?? []);
const isPrefix = (a: Path, b: Path): boolean => a.length <= b.length && a.every((key, n) => key === b[n]);

/** The value at `path` has its type (an array is an array), though something inside it may not. */
export const typed = (issues: Issues, path: Path): boolean => !abortingPaths(issues).some((p) => isPrefix(p, path));

/** The value at `path` and everything inside it have their types: a refinement may read all of it. */
export const parsed = (issues: Issues, path: Path): boolean =>
  !abortingPaths(issues).some((p) => isPrefix(p, path) || isPrefix(path, p));

/** Refinement params: run when the fields at these paths parsed, even if others did not. */
export const whenParsed = (...paths: Path[]) => ({
  when: (payload: z.core.ParsePayload) => paths.every((path) => parsed(payload.issues, path)),
});
