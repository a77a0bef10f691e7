// The formatter lays code out at 120 columns but leaves long strings and comments alone: this holds the rest.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sourceFiles } from '../helpers/source-files';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['functions', 'shared', 'local', 'test'];
const LIMIT = 120;

describe('the code base', () => {
  it(`has no line of code or test over ${LIMIT} columns`, () => {
    // Act
    const long = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > LIMIT ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );

    // Assess
    expect(long).toEqual([]);
  });
});
