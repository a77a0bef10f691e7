import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packagedTemplate } from '../../local/packaging';
import { ROOT } from '../../local/template';
import { tempDir } from '../helpers/temp';

describe('the packages of configs other than shepherd.yml', () => {
  it('are kept by content: the same config written afresh at another path reuses its package', async () => {
    // Prepare: two runs, each writing the same config to a path of its own (as a test's temp file does)
    const work = tempDir('shepherd-package-cache-');
    const [first, second] = ['run-1', 'run-2'].map((run) => {
      const file = join(tempDir(`shepherd-${run}-`), 'shepherd.yml');
      copyFileSync(join(ROOT, 'shepherd.yml'), file);
      return file;
    });
    const base = join(work, 'package');
    await packagedTemplate(base, first);
    const [packaged] = readdirSync(work);
    const stampedAt = statSync(join(work, packaged!, 'inputs.sha256')).mtimeMs;

    // Act
    const template = await packagedTemplate(base, second);

    // Assess: one package, not packaged again, and the template of that config
    expect(readdirSync(work)).toEqual([packaged]);
    expect(statSync(join(work, packaged!, 'inputs.sha256')).mtimeMs).toBe(stampedAt);
    expect(Object.keys(template.Resources ?? {}).length).toBeGreaterThan(0);
  });
});
