// `shepherd` as a script runs it: what reaches stdout and stderr, and the exit code, for mistakes the CLI catches
// before it calls AWS.
import type { Out } from '../../shared/cli/command';
import { run } from '../../shared/cli/main';

/** An Out that keeps what the CLI printed. */
function capture(json: boolean): Out & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { json, stdout, stderr, write: (text) => stdout.push(text), fail: (text) => stderr.push(text) };
}

describe('shepherd --json, a usage mistake', () => {
  it.each([
    [['--json', 'approve', 'churn'], "required option '--reason <text>' not specified"],
    [['--json', 'approve', 'churn', '--reason', 'ok', '--version', '0'], '--version must be a positive whole number'],
    [['--json', 'promte', 'churn-prod'], "unknown command 'promte'"],
  ])('prints a failure a script can parse for %j, with exit code 2', async (argv, said) => {
    // Prepare
    const out = capture(true);

    // Act
    const code = await run(argv, out);

    // Assess
    expect(code).toBe(2);
    expect(JSON.parse(out.stdout.join('\n'))).toEqual({ outcome: 'failed', message: expect.stringContaining(said) });
    expect(out.stderr.join('\n')).toContain(said);
  });

  it('prints help, not a failure, for --help', async () => {
    // Prepare
    const out = capture(true);

    // Act
    const code = await run(['--json', 'timeline', '--help'], out);

    // Assess
    expect(code).toBe(0);
    expect(out.stdout.join('\n')).toMatch(/^Usage: shepherd timeline/);
  });
});
