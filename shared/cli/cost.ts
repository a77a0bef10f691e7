// `shepherd sweep` and `shepherd restore` on the command line; what they run and print is in ./sweep.ts.
import type { Command } from 'commander';
import { type Out, globals, open } from './command';
import { costSweepOf, sweepTable } from './sweep';

export function costCommands(cli: Command, out: Out, setExit: (code: number) => void): void {
  cli
    .command('sweep')
    .description('run a cost sweep now and print it (a dry run unless --enforce)')
    .option('--enforce', "act where shepherd.yml's costSweep.enforcement and each resource's opt-in tag allow")
    // Off by default: an operator trying a sweep out must not mail the team or trigger the event's subscribers.
    .option('--notify', 'also mail the report and publish Cost Sweep Completed, as the scheduled sweep does')
    .action(async (o: { enforce?: boolean; notify?: boolean }, cmd: Command) => {
      const ctx = await open(globals(cmd));
      const result = await costSweepOf(ctx).runSweep({ enforce: o.enforce === true, notify: o.notify === true });
      out.write(out.json ? JSON.stringify(result, null, 2) : sweepTable(result));
      setExit(result.failures.length ? 1 : 0);
    });

  cli
    .command('restore <endpoint>')
    .description('recreate an endpoint a cost sweep deleted, from the snapshot it took first')
    .action(async (endpoint: string, _o, cmd: Command) => {
      const ctx = await open(globals(cmd));
      const restored = await costSweepOf(ctx).restoreEndpoint(endpoint);
      // Said as every other action's answer: `refused: …` on stderr, exit code 1.
      if (out.json) out.write(JSON.stringify(restored, null, 2));
      else if (restored.outcome === 'refused') out.fail(`refused: ${restored.message}`);
      else out.write(restored.message);
      setExit(restored.outcome === 'refused' ? 1 : 0);
    });
}
