// The domain decides; it does not touch the world. What it runs may come from the domain alone (and node:crypto for
// its hashes); types may come from anywhere (the SDK's request shapes, the config's, the published contracts).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { sourceFiles } from '../helpers/source-files';

const ROOT = join(__dirname, '..', '..');
const DOMAIN = join(ROOT, 'shared', 'domain');
// `import … from '…'` and `export … from '…'`, over several lines, but for `import type` and `export type`.
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm;
const BUILTINS = new Set(['node:crypto']);

const outside = (file: string, specifier: string) =>
  specifier.startsWith('.')
    ? relative(DOMAIN, resolve(dirname(file), specifier)).startsWith('..')
    : !BUILTINS.has(specifier);

describe('the domain', () => {
  const files = sourceFiles(DOMAIN, true);

  it('runs nothing from outside itself: no SDK, no adapter, no config loader', () => {
    // Act
    const imports = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)]
        .filter(([, specifier]) => outside(file, specifier!))
        .map(([, specifier]) => `${relative(ROOT, file)}: ${specifier}`),
    );

    // Assess
    expect(files.length).toBeGreaterThan(20);
    expect(imports).toEqual([]);
  });

  it('reads no environment variable: what it needs is passed in', () => {
    // Act
    const reading = files.filter((file) => readFileSync(file, 'utf8').includes('process.env'));

    // Assess
    expect(reading.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
