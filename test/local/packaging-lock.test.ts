import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneAtATime } from '../../local/packaging';
import { ROOT } from '../../local/template';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shepherd-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Work that records when it ran, and holds on for a moment so overlaps would show. */
const timed = (runs: { start: number; end: number }[]) => async () => {
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 150));
  runs.push({ start, end: performance.now() });
};

/** Another process holding the lock until told to let go (which says when it was told); resolves once it holds it. */
async function heldElsewhere(path: string): Promise<{ letGo: () => Promise<number> }> {
  const script = `require('proper-lockfile').lock(${JSON.stringify(path)}, { realpath: false }).then((release) => {
    console.log('held');
    process.stdin.once('data', () => release().then(() => { console.log('released'); process.exit(0); }));
  });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const seen = (line: string) =>
    new Promise<number>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        lines.push(...chunk.toString().trim().split('\n'));
        if (lines.includes(line)) resolve(performance.now());
      });
    });
  await seen('held');
  return {
    letGo: async () => {
      const released = seen('released');
      const toldAt = performance.now();
      child.stdin.write('go\n');
      await released;
      return toldAt;
    },
  };
}

describe('one packaging at a time', () => {
  it('runs work under the same lock one after the other, never overlapping', async () => {
    // Prepare
    const runs: { start: number; end: number }[] = [];
    const path = join(dir, '.esbuild');

    // Act
    await Promise.all([oneAtATime(path, timed(runs)), oneAtATime(path, timed(runs)), oneAtATime(path, timed(runs))]);

    // Assess
    const ordered = runs.sort((a, b) => a.start - b.start);
    expect(ordered).toHaveLength(3);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.start).toBeGreaterThanOrEqual(ordered[i - 1]!.end);
  });

  it('waits for another process that holds the lock, as a parallel test file packaging would', async () => {
    // Prepare
    const path = join(dir, '.esbuild');
    const other = await heldElsewhere(path);
    const runs: { start: number; end: number }[] = [];

    // Act
    const waiting = oneAtATime(path, timed(runs));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ranWhileHeld = runs.length;
    const toldToLetGoAt = await other.letGo();
    await waiting;

    // Assess
    expect(ranWhileHeld).toBe(0);
    expect(runs[0]!.start).toBeGreaterThanOrEqual(toldToLetGoAt);
  });

  it('gives the lock back when the work throws', async () => {
    // Prepare
    const path = join(dir, '.esbuild');
    const failing = oneAtATime(path, async () => {
      throw new Error('serverless crashed');
    });

    // Act
    await expect(failing).rejects.toThrow('serverless crashed');
    const after = await oneAtATime(path, async () => 'ran');

    // Assess
    expect(after).toBe('ran');
  });
});
