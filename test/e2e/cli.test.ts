// `npm start` and `npm run validate-config` as a user runs them: a process, its flags, its exit code, its output.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../../local/template';
import { exampleYaml } from '../helpers/config';
import { tempDir } from '../helpers/temp';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tsx(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const start = (...args: string[]) => tsx('local/start.ts', args);

/** Where the tests write their configs and scenarios. */
const dir = tempDir('shepherd-start-');

/** The example config with a value of the wrong type and, in the same deployment, canary steps that go down. */
function invalidConfig(): string {
  const file = join(dir, 'bad-config.yml');
  const yaml = exampleYaml
    .replace('bakeMinutes: 15', 'bakeMinutes: fifteen')
    .replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [50, 25]');
  writeFileSync(file, yaml);
  return file;
}

const noStackTrace = (text: string) => !/\n\s+at /.test(text);

describe('npm start', () => {
  it('prints the summary as one JSON object with --json and exits 0 when every expectation held', async () => {
    // Act
    const run = await start('--json', '--speed', '1200');

    // Assess
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown> & {
      deployments: { endpoint: string; modelPackageArn: string; outcome: string }[];
    };
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining([
        'trainingJobs',
        'tuningJobs',
        'modelPackages',
        'deployments',
        'compilations',
        'costFindings',
        'notifications',
        'deadLetters',
        'errors',
      ]),
    );
    const deployed = (endpoint: string) =>
      summary.deployments
        .filter((d) => d.endpoint === endpoint)
        .map((d) => [d.modelPackageArn.replace(/^.*model-package\//, ''), d.outcome]);
    expect(deployed('churn-prod')).toEqual([
      ['churn-models/1', 'promoted'],
      ['churn-models/2', 'promoted'],
      ['churn-models/3', 'rolled_back'],
    ]);
    // The upsell line's tuning job, its best model deployed.
    expect(deployed('upsell-prod')).toEqual([['upsell-models/1', 'promoted']]);
    expect(summary.compilations).toHaveLength(6);
    expect(summary.deadLetters).toBe(0);
  });

  it('refuses a speed that is not a positive number with one line and exit code 2', async () => {
    // Act
    const run = await start('--speed', '0');

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('--speed must be a positive number, not 0');
  });

  it('names an unknown flag and shows the usage, without a stack trace', async () => {
    // Act
    const run = await start('--sped', '3');

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--sped'");
    expect(run.stderr).toContain('usage: npm start');
    expect(noStackTrace(run.stderr)).toBe(true);
  });

  it('refuses an invalid config with its problems only, no framework text or stack trace, exit code 2', async () => {
    // Prepare
    const file = invalidConfig();

    // Act
    const run = await tsx('local/start.ts', ['--json'], { SHEPHERD_CONFIG: file });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid Shepherd config ${file}:\n`);
    expect(run.stderr).toContain('\n  - models[0].deployment.canarySteps: must increase strictly and end at 100');
    expect(run.stderr).toMatch(/\n {2}- models\[0\]\.deployment\.bakeMinutes: .*expected number/);
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(run.stderr).not.toMatch(/^Error:|Environment:|Docs:|serverless package failed|Cannot resolve/m);
    expect(run.stdout).toBe('');
  });

  it('plays the scenario against the config given with --config, and refuses it as the functions would', async () => {
    // Prepare
    const file = invalidConfig();

    // Act
    const run = await start('--json', '--config', file);

    // Assess: the problems are those of the file named, not of shepherd.yml
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid Shepherd config ${file}:\n`);
    expect(noStackTrace(run.stderr)).toBe(true);
  });

  it('says a --config file that cannot be read is missing, without a stack trace, exit code 2', async () => {
    // Prepare
    const file = join(dir, 'no-such-config.yml');

    // Act
    const run = await start('--json', '--config', file);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid Shepherd config ${file}:\n  - no such file`);
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(run.stdout).toBe('');
  });

  it('reads the config a scenario names, relative to the scenario file', async () => {
    // Prepare
    const config = invalidConfig();
    const scenario = join(dir, 'scenario-with-config.yml');
    writeFileSync(scenario, `name: own config\nconfig: ${basename(config)}\n`);

    // Act
    const run = await start('--scenario', scenario);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid Shepherd config ${config}:\n`);
  });

  it('reports every problem of an invalid scenario file by path, and starts nothing', async () => {
    // Prepare
    const file = join(dir, 'bad-scenario.yml');
    writeFileSync(file, 'name: bad\nsteps:\n  - at: soon\n');

    // Act
    const run = await start('--scenario', file);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid scenario ${file}`);
    expect(run.stderr).toContain('steps[0].at: must be a duration such as 30s, 5m or 2h');
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(run.stdout).toBe('');
  });
});

describe('npm run validate-config', () => {
  it('lists every problem of the file by path at once and exits 1', async () => {
    // Prepare
    const file = invalidConfig();

    // Act
    const run = await tsx('shared/config/cli.ts', [file]);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`invalid Shepherd config ${file}:\n`);
    expect(run.stderr).toContain('\n  - models[0].deployment.canarySteps: must increase strictly and end at 100');
    expect(run.stderr).toMatch(/\n {2}- models\[0\]\.deployment\.bakeMinutes: .*expected number/);
    expect(noStackTrace(run.stderr)).toBe(true);
  });
});
