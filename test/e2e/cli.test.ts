// `npm start` as a user runs it: a process, its flags, its exit code and what it prints.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../local/template';

interface Exit { code: number | null; stdout: string; stderr: string }

function start(...args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'local', 'start.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStackTrace = (text: string) => !/\n\s+at /.test(text);

describe('npm start', () => {
  it('prints the summary as one JSON object with --json and exits 0 when every expectation held', async () => {
    // Act
    const run = await start('--json', '--speed', '1200');

    // Assess
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown> & { deployments: { endpoint: string; modelPackageArn: string; outcome: string }[] };
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['trainingJobs', 'modelPackages', 'deployments', 'compilations', 'costFindings', 'notifications', 'deadLetters', 'errors']));
    expect(summary.deployments.map((d) => [d.endpoint, d.modelPackageArn.replace(/^.*model-package\//, ''), d.outcome])).toEqual([
      ['churn-prod', 'churn-models/1', 'promoted'],
      ['churn-prod', 'churn-models/2', 'promoted'],
      ['churn-prod', 'churn-models/3', 'rolled_back'],
    ]);
    expect(summary.compilations).toHaveLength(6);
    expect(summary.deadLetters).toBe(0);
  }, 180_000);

  it('refuses a speed that is not a positive number with one line and exit code 2', async () => {
    // Act
    const run = await start('--speed', '0');

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('--speed must be a positive number, not 0');
  }, 60_000);

  it('names an unknown flag and shows the usage, without a stack trace', async () => {
    // Act
    const run = await start('--sped', '3');

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--sped'");
    expect(run.stderr).toContain('usage: npm start');
    expect(noStackTrace(run.stderr)).toBe(true);
  }, 60_000);

  it('reports every problem of an invalid scenario file by path, and starts nothing', async () => {
    // Prepare
    const file = join(tmpdir(), `shepherd-bad-scenario-${process.pid}.yml`);
    writeFileSync(file, 'name: bad\nsteps:\n  - at: soon\n');

    // Act
    const run = await start('--scenario', file);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`invalid scenario ${file}`);
    expect(run.stderr).toContain('steps[0].at: must be a duration such as 30s, 5m or 2h');
    expect(noStackTrace(run.stderr)).toBe(true);
    expect(run.stdout).toBe('');
  }, 60_000);
});
