// One crash test per crash point of the given flows: the points come from a fault-free run of the scenario, each
// test plays it again with a crash right after its call and compares how it ended with the fault-free run.
import { availableParallelism } from 'node:os';
import { type Outcome, playCrashed, recordFaultFree } from './crash';
import { crashCases, type Flow } from './crash-points';

/** `churn-prod v2=churn-models/2@100`'s variants serving a rolled-back or failed deployment's package. */
export function servingAfterFailure(outcome: Outcome): string[] {
  const failed = outcome.deployments.filter((d) => / (rolled_back|failed)$/.test(d)).map((d) => d.split(' ')[1]!);
  return outcome.endpoints.flatMap((e) =>
    e
      .split(' ')
      .slice(2)
      .filter((v) => failed.some((pkg) => v.includes(`=${pkg}@`)) && Number(v.split('@')[1]) > 0),
  );
}

/** The Create* calls made more often than in the fault-free run, and how many more. */
function repeated(wanted: Record<string, number>, got: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(got)
      .filter(([key, n]) => n !== wanted[key])
      .map(([key, n]) => [key, n - (wanted[key] ?? 0)]),
  );
}

/** `domain events Edge Artifact Ready: expected 2, got 3`: published again by the retry of a crashed publisher. */
function saidAgain(failed: string): boolean {
  const [, expected, got] = /^domain events .*: expected (\d+), got (\d+)$/.exec(failed) ?? [];
  return expected !== undefined && Number(got) > Number(expected);
}

export function crashSuite(file: string, flows: Flow[]): void {
  const faultFree = recordFaultFree(file);
  const cases = crashCases(faultFree.calls, flows);

  it('derives crash points for every flow from a fault-free run that holds its expectations', () => {
    // Assess
    expect(faultFree.failed).toEqual([]);
    expect(faultFree.outcome.held).toEqual([]);
    expect(servingAfterFailure(faultFree.outcome)).toEqual([]);
    expect([...new Set(cases.map((c) => c.flow))]).toEqual(flows.map((f) => f.name));
  });

  // Each run is a process of its own, waiting on its local cloud about a quarter of its time: twice as many runs as
  // cores keep them busy (crash-neo on 2 cores: 148 s two at a time, 122 s four at a time). CRASH_RUNS changes it.
  const slot = limiter(Number(process.env.CRASH_RUNS ?? availableParallelism() * 2));
  it.concurrent.each(cases.map((c) => [c.label, c.flow, c] as const))(
    'survives a crash right after %s in %s',
    async (_label, _flow, { point }) => {
      // Act
      const run = await slot(() => playCrashed(file, point));

      // Assess: it did crash there, once (whichever function made the call), and Lambda failed that invocation
      const { operation } = point;
      // With the run's unmet expectations beside it: a point never reached says whether the scenario went otherwise
      const crashed = { crashes: run.crashes, unmet: run.failed };
      expect(crashed).toEqual({ crashes: [expect.objectContaining({ operation })], unmet: expect.any(Array) });
      expect(run.errors).toContain(`${run.crashes[0]!.function}: Crashed: Crashed after ${operation}`);
      // The world ended as without the crash: the same trainings, packages, endpoint weights, outcomes, nothing held
      const { creates, deadLetters, ...world } = run.outcome;
      const { creates: wanted, deadLetters: deadBefore, ...worldBefore } = faultFree.outcome;
      expect(world).toEqual(worldBefore);
      expect(servingAfterFailure(run.outcome)).toEqual([]);
      // No Create* twice: a repeated request (the crashed call, or a registration whose follow-ups were not done)
      // names what exists (a deterministic name, a ClientToken), so SageMaker holds what it held without the crash
      expect(Object.values(repeated(wanted, creates)).every((n) => n > 0)).toBe(true);
      // A dead letter only for the crashed event itself, when its function is not retried (the next tick is)
      expect(deadLetters.filter((d) => !d.endsWith(`Crashed after ${operation}`))).toEqual(deadBefore);
      expect(deadLetters.length - deadBefore.length).toBeLessThanOrEqual(1);
      // The scenario's own expectations, but for that dead letter and a domain event said again (at least once)
      expect(run.failed.filter((f) => !f.startsWith('dead letters') && !saidAgain(f))).toEqual([]);
    },
    // Concurrent tests start together; each waits for its slot within its time.
    1_800_000,
  );
}

function limiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
