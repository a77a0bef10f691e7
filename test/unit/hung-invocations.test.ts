// A test that starts a handler and leaves it hanging must catch its end: middy rejects it at the context's deadline,
// a minute or more later, and Jest charges that unhandled rejection to whatever test file runs then. Three tests fell
// into this (send-approval-links, cost-sweep, approval-link-double-submit); `void handler(...)` is how it looked.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sourceFiles } from '../helpers/source-files';

const ROOT = join(__dirname, '..', '..');
const LEFT_TO_DIE = /^\s*void\s+(handler|call|invoke)\w*\(/;

describe('the tests', () => {
  it('leave no handler invocation to end unobserved (`void handler(...)`): they catch it instead', () => {
    // Act
    const unobserved = sourceFiles(join(ROOT, 'test'), true).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (LEFT_TO_DIE.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );

    // Assess
    expect(unobserved).toEqual([]);
  });
});
