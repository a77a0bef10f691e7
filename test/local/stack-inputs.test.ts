import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackInputs } from '../../local/stack-inputs';
import { ROOT } from '../../local/template';

describe('what shapes the packaged template', () => {
  it('counts every config module and what it imports, serverless.yml, the config and the lock file', () => {
    // Prepare
    const configFiles = readdirSync(join(ROOT, 'shared', 'config')).map((name) => `shared/config/${name}`);

    // Act
    const inputs = stackInputs(ROOT);

    // Assess
    expect(inputs).toEqual(expect.arrayContaining(['serverless.yml', 'shepherd.yml', 'package-lock.json']));
    expect(inputs).toEqual(expect.arrayContaining(configFiles));
    // The event rules name drift alarms and tuning jobs as the domain does.
    expect(inputs).toEqual(
      expect.arrayContaining(['shared/domain/monitoring/alarm-name.ts', 'shared/domain/names.ts']),
    );
    expect(inputs.filter((file) => file.startsWith('functions/'))).toEqual([]);
  });
});
