// What shapes the packaged template, for the local cloud's cache of it (packaging.ts): serverless.yml, the config, the
// lock file, and every file of shared/config with the modules they import, followed to the end (the stack's code
// imports a few domain modules). Found by reading the imports, not listed, so a new module cannot be left out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const RELATIVE_IMPORT = /(?:from|require\(|import\()\s*'(\.{1,2}\/[^']+)'/g;
const SUFFIXES = ['', '.ts', '.js', '/index.ts', '/index.js'];

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The files, relative to `root`, sorted. */
export function stackInputs(root: string): string[] {
  const configDir = join(root, 'shared', 'config');
  const seen = new Set<string>();
  const next = readdirSync(configDir)
    .map((name) => join(configDir, name))
    .filter(isFile);
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const base = resolve(dirname(file), specifier!);
      const found = SUFFIXES.map((suffix) => base + suffix).find(isFile);
      if (found) next.push(found);
    }
  }
  const code = [...seen].map((file) => relative(root, file));
  return ['serverless.yml', 'shepherd.yml', 'package-lock.json', ...code.sort()];
}
