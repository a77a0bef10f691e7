import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, type RunOptions, type RunResult } from '../../local/run';
import { loadScenario } from '../../local/scenario';
import { ROOT } from '../../local/template';
import { seededRandom } from '../../local/traffic/random';

/** A deterministic random source, so injected faults and jitter repeat run after run. */
export const seeded = seededRandom;

/** Plays the default scenario quietly and fast; the cloud is stopped before the result is returned. */
export async function playDefault(opts: RunOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const loaded = loadScenario(join(ROOT, 'local', 'scenarios', 'default.yml'));
  const scenario = opts.timeoutMs ? { ...loaded, timeout: opts.timeoutMs } : loaded;
  const result = await runScenario(scenario, { autoApprove: true, print: false, speed: 1200, ...opts });
  await result.cloud.stop();
  // A failed run is only understood from its timeline: keep it beside the test output.
  if (!result.ok) {
    const file = join(tmpdir(), `shepherd-e2e-${process.pid}-${Date.now()}.log`);
    const lines = result.cloud.timeline.lines.map((l) => `${l.offset}  ${l.source.padEnd(11)} ${l.message}`);
    writeFileSync(file, [...lines, '', ...failedChecks(result).map((c) => `FAILED ${c.what}: expected ${c.expected}, got ${c.actual}`), `ended at ${result.cloud.clock.offset()}`].join('\n'));
    process.stderr.write(`timeline of the failed run: ${file}\n`);
  }
  return result;
}

export const failedChecks = (r: RunResult) => r.checks.filter((c) => !c.ok);
