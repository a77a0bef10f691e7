// The code files below a folder, for the tests that read the code base itself (line lengths, the domain's imports).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.ts` and `.js` file below `dir` (`.ts` alone with `tsOnly`), as full paths. */
export function sourceFiles(dir: string, tsOnly = false): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, tsOnly);
    return (tsOnly ? /\.ts$/ : /\.(ts|js)$/).test(name) ? [path] : [];
  });
}
