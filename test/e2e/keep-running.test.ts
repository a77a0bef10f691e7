// `npm start -- --keep-running` leaves the local cloud up for `shepherd --local`, and tidies up at Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../local/template';
import { tempDir } from '../helpers/temp';

const run = (cmd: string, args: string[], cwd: string) =>
  spawn(cmd, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });

function finished(child: ReturnType<typeof run>): Promise<{ code: number | null; stdout: string }> {
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

async function appears(file: string, ms: number): Promise<void> {
  for (const until = Date.now() + ms; !existsSync(file); ) {
    if (Date.now() > until) throw new Error(`${file} did not appear within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('npm start -- --keep-running', () => {
  it('describes the local cloud in .shepherd/local.json for shepherd --local, and removes it at Ctrl-C', async () => {
    // Prepare
    const cwd = tempDir('shepherd-keep-running-');
    const file = join(cwd, '.shepherd', 'local.json');
    const cloud = run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'local', 'start.ts'), '--keep-running', '--speed', '1200'],
      cwd,
    );
    const cloudExit = finished(cloud);

    // Act
    await appears(file, 150_000);
    const described = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; config: string; stackName: string };
    const status = await finished(
      run(process.execPath, [join(ROOT, 'shared', 'cli', 'bin.js'), '--local', 'status', '--json'], cwd),
    );
    process.kill(described.pid, 'SIGINT');
    const exit = await cloudExit;

    // Assess
    expect(described).toMatchObject({ stackName: 'shepherd-local', config: join(ROOT, 'shepherd.yml') });
    expect(status.code).toBe(0);
    const lines = JSON.parse(status.stdout) as { model: string; deployment: string }[];
    expect(lines.map((l) => l.model)).toEqual(['churn', 'fraud', 'upsell']);
    expect(lines[0]!.deployment).toMatch(/^v3 rolled_back at 2026-11-27T/);
    expect(exit.code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});
