// What `npm start -- --scenario <file>` says of a scenario file it cannot read: in the words the config loader uses
// for shepherd.yml, with the path, never a bare error code for the common mistake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, ScenarioError } from '../../local/scenario-file';

const dir = mkdtempSync(join(tmpdir(), 'shepherd-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a scenario file that cannot be read', () => {
  it('is no such file when it does not exist, naming its path', () => {
    // Prepare
    const file = join(dir, 'no-such-scenario.yml');

    // Act
    const load = () => loadScenario(file);

    // Assess
    expect(load).toThrow(ScenarioError);
    expect(load).toThrow(`invalid scenario ${file}:\n  - no such file`);
  });

  it('is said by its error code when it exists but is no file to read', () => {
    // Prepare: a directory is there
    const folder = mkdtempSync(join(dir, 'folder-'));

    // Act
    const load = () => loadScenario(folder);

    // Assess
    expect(load).toThrow(`invalid scenario ${folder}:\n  - cannot be read: EISDIR`);
  });
});
